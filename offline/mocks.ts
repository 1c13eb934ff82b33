/**
 * Answers for the functions a program calls, so it can run with no account. Functions the AWS
 * provider computes itself (a policy document, the parts of an ARN) are computed as it does; the
 * caller's identity, region, partition and availability zones get plausible values; anything that
 * would read from AWS is refused by name. Preview mode leaves every provider-computed output unknown,
 * as a first `pulumi preview` does.
 */
import * as pulumi from "@pulumi/pulumi";
import { getPolicyDocument } from "./policy-document";

const MOCK_ACCOUNT_ID = "123456789012";

/** Functions answered offline, as users know them. */
export const ANSWERED = [
  "aws.iam.getPolicyDocument",
  "aws.getArn",
  "aws.getCallerIdentity",
  "aws.getRegion",
  "aws.getPartition",
  "aws.getAvailabilityZones",
];

/** A program asked AWS something this offline run has no answer for. */
export class UnansweredInvokeError extends Error {
  constructor(readonly tokens: string[]) {
    super(
      `the program calls ${tokens.join(", ")}, which ${tokens.length === 1 ? "reads" : "read"} from the cloud ` +
        `and cannot be answered offline (answered offline: ${ANSWERED.join(", ")}); ` +
        "run `pulumi preview --policy-pack policy` with the CLI, or check the deployed stack with --state",
    );
    this.name = "UnansweredInvokeError";
  }
}

export class OfflineMocks implements pulumi.runtime.Mocks {
  /** Invokes the run could not answer, by token. */
  readonly unanswered: string[] = [];

  constructor(
    private readonly region: string,
    private readonly preview: boolean,
  ) {}

  newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    if (this.preview) return { id: undefined, state: args.inputs };
    // Pulumi names what the program leaves unnamed; S3 buckets hold their name in `bucket`.
    const nameKey = args.type === "aws:s3/bucket:Bucket" ? "bucket" : "name";
    const name = args.inputs[nameKey] ?? `${args.name}-0a1b2c3`;
    return { id: name, state: { ...args.inputs, [nameKey]: name, arn: this.arnOf(args.type, name) } };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    const account = MOCK_ACCOUNT_ID;
    switch (args.token) {
      case "aws:iam/getPolicyDocument:getPolicyDocument":
        return getPolicyDocument(args.inputs);
      case "aws:index/getArn:getArn":
        return arnParts(String(args.inputs.arn));
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return {
          accountId: account,
          arn: `arn:aws:iam::${account}:user/offline`,
          userId: "AIDAOFFLINE",
          id: account,
        };
      case "aws:index/getRegion:getRegion":
        return {
          region: this.region,
          name: this.region,
          id: this.region,
          endpoint: `ec2.${this.region}.amazonaws.com`,
        };
      case "aws:index/getPartition:getPartition":
        return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
      case "aws:index/getAvailabilityZones:getAvailabilityZones":
        return {
          names: ["a", "b", "c"].map((zone) => `${this.region}${zone}`),
          zoneIds: ["az1", "az2", "az3"].map((zone) => `use1-${zone}`),
          id: this.region,
        };
      default:
        if (!this.unanswered.includes(args.token)) this.unanswered.push(args.token);
        throw new UnansweredInvokeError([args.token]);
    }
  }

  // ARNs in the shape each service uses, for the few resources whose ARNs other resources read.
  private arnOf(type: string, name: string): string {
    const where = `${this.region}:${MOCK_ACCOUNT_ID}`;
    switch (type) {
      case "aws:cloudwatch/logGroup:LogGroup":
        return `arn:aws:logs:${where}:log-group:${name}`;
      case "aws:cloudtrail/trail:Trail":
        return `arn:aws:cloudtrail:${where}:trail/${name}`;
      case "aws:s3/bucket:Bucket":
        return `arn:aws:s3:::${name}`;
      case "aws:iam/role:Role":
        return `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${name}`;
      default: {
        const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
        return `arn:aws:${service}:${where}:${name}`;
      }
    }
  }
}

/** `arn:partition:service:region:account:resource`, where the resource may itself hold colons. */
function arnParts(arn: string): Record<string, string> {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") throw new Error(`aws.getArn: '${arn}' is not an ARN`);
  const [, partition, service, region, account] = parts;
  return { arn, id: arn, partition, service, region, account, resource: parts.slice(5).join(":") };
}
