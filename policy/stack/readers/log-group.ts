/** CloudWatch Logs log groups, as @pulumi/aws and @pulumi/aws-native declare them. */
import type { Reader } from ".";
import { str } from "../maybe-unknown";
import { node } from "./node";

export const LOG_GROUP_READERS: Readonly<Record<string, Reader<"logGroup">>> = {
  "aws:cloudwatch/logGroup:LogGroup": {
    kind: "logGroup",
    read: (r) => ({ ...node(r), groupName: str(r.props.name) }),
  },
  "aws-native:logs:LogGroup": {
    kind: "logGroup",
    read: (r) => ({ ...node(r), groupName: str(r.props.logGroupName) }),
  },
};
