/**
 * Pulumi's mocks for running this project's program in the test process: function calls are
 * answered as `npm start` answers them offline, and each new resource gets an ID and an ARN, as after
 * `pulumi up`. Preview mode leaves every provider-computed output unknown, as a first
 * `pulumi preview` does.
 */
import * as pulumi from "@pulumi/pulumi";
import { OFFLINE_ACCOUNT_ID, OfflineInvokes } from "../../preview/program/invokes";

export class OfflineMocks implements pulumi.runtime.Mocks {
  private readonly invokes: OfflineInvokes;

  constructor(
    private readonly region: string,
    private readonly preview: boolean,
  ) {
    this.invokes = new OfflineInvokes(region);
  }

  /** Invokes the run could not answer, by token. */
  get unanswered(): string[] {
    return this.invokes.unanswered;
  }

  newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    if (this.preview) return { id: undefined, state: args.inputs };
    // Pulumi names what the program leaves unnamed; S3 buckets hold their name in `bucket`.
    const nameKey = args.type === "aws:s3/bucket:Bucket" ? "bucket" : "name";
    const name = args.inputs[nameKey] ?? `${args.name}-0a1b2c3`;
    return { id: name, state: { ...args.inputs, [nameKey]: name, arn: this.arnOf(args.type, name) } };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    return this.invokes.call(args);
  }

  // ARNs in the shape each service uses, for the few resources whose ARNs other resources read.
  private arnOf(type: string, name: string): string {
    const where = `${this.region}:${OFFLINE_ACCOUNT_ID}`;
    switch (type) {
      case "aws:cloudwatch/logGroup:LogGroup":
        return `arn:aws:logs:${where}:log-group:${name}`;
      case "aws:cloudtrail/trail:Trail":
        return `arn:aws:cloudtrail:${where}:trail/${name}`;
      case "aws:s3/bucket:Bucket":
        return `arn:aws:s3:::${name}`;
      case "aws:iam/role:Role":
        return `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:role/${name}`;
      case "aws:cloudwatch/metricAlarm:MetricAlarm":
        return `arn:aws:cloudwatch:${where}:alarm:${name}`;
      case "aws:sns/topic:Topic":
        return `arn:aws:sns:${where}:${name}`;
      case "aws:kms/key:Key":
        return `arn:aws:kms:${where}:key/${name}`;
      case "aws:lambda/function:Function":
        return `arn:aws:lambda:${where}:function:${name}`;
      case "aws:cloudwatch/eventRule:EventRule":
        return `arn:aws:events:${where}:rule/${name}`;
      default: {
        const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
        return `arn:aws:${service}:${where}:${name}`;
      }
    }
  }
}
