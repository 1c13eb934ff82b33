/** SNS topics and their subscriptions, as @pulumi/aws and @pulumi/aws-native declare them. */
import type { Reader } from ".";
import { list, str, UNKNOWN } from "../maybe-unknown";
import { node, reference } from "./node";

export const TOPIC_READERS: Readonly<Record<string, Reader<"topic" | "subscription">>> = {
  "aws:sns/topic:Topic": {
    kind: "topic",
    read: (r) => ({
      ...node(r),
      arn: str(r.props.arn),
      inlineSubscriptions: 0,
      kmsKey: reference(r, "kmsMasterKeyId"),
    }),
  },
  "aws:sns/topicSubscription:TopicSubscription": {
    kind: "subscription",
    read: (r) => ({ ...node(r), topic: reference(r, "topic") }),
  },
  "aws-native:sns:Topic": {
    kind: "topic",
    read: (r) => {
      const inline = list(r.props.subscription);
      return {
        ...node(r),
        arn: str(r.props.topicArn),
        inlineSubscriptions: inline === UNKNOWN ? 0 : inline.length,
        kmsKey: reference(r, "kmsMasterKeyId"),
      };
    },
  },
  "aws-native:sns:Subscription": {
    kind: "subscription",
    read: (r) => ({ ...node(r), topic: reference(r, "topicArn") }),
  },
};
