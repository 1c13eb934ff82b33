import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** What every step of the flow needs: where it runs and whose child it is. */
export interface FlowContext {
  /** Prefix of every child's name, so two instances in one stack do not collide. */
  readonly name: string;
  readonly parent: pulumi.Resource;
  readonly accountId: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
  readonly partition: pulumi.Output<string>;
  /** Keep evidence (logs and what is needed to read them) on `pulumi destroy`. */
  readonly retainOnDelete: boolean;
}

export function flowContext(name: string, parent: pulumi.Resource, retainOnDelete: boolean): FlowContext {
  const opts = { parent };
  return {
    name,
    parent,
    accountId: aws.getCallerIdentityOutput({}, opts).accountId,
    region: aws.getRegionOutput({}, opts).region,
    partition: aws.getPartitionOutput({}, opts).partition,
    retainOnDelete,
  };
}

/** The ARN the trail will have; known before it exists because the trail's name is fixed. */
export function trailArn(ctx: FlowContext): pulumi.Output<string> {
  return pulumi.interpolate`arn:${ctx.partition}:cloudtrail:${ctx.region}:${ctx.accountId}:trail/${ctx.name}`;
}

/** An IAM policy document as JSON, from statements that may hold outputs. */
export function policyDocument(statements: pulumi.Input<object>[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}
