/**
 * Plausible answers for the calls a program makes to AWS, so it can run with no account.
 * Preview mode leaves every provider-computed output unknown, as a first `pulumi preview` does.
 */
import * as pulumi from "@pulumi/pulumi";

const MOCK_ACCOUNT_ID = "123456789012";

/** A program asked AWS something this offline run has no answer for. */
export class UnansweredInvokeError extends Error {
  constructor(readonly token: string) {
    super(
      `the program calls ${token}, which the offline run cannot answer; ` +
        "only caller identity, region, partition and availability zones are mocked",
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

  call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
    const account = MOCK_ACCOUNT_ID;
    switch (args.token) {
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
        this.unanswered.push(args.token);
        throw new UnansweredInvokeError(args.token);
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
