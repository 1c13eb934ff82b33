/**
 * Answers for the functions a program calls, so it can run with no account. Functions the AWS
 * provider computes itself (a policy document, the parts of an ARN) are computed as it does; the
 * caller's identity, region, partition, availability zones and organization get plausible values; anything that
 * would read from AWS is refused by name.
 */
import type * as pulumi from "@pulumi/pulumi";
import { getPolicyDocument } from "./policy-document";

/** The account an offline run is in. */
export const OFFLINE_ACCOUNT_ID = "123456789012";

/** The organization it manages, for a program that looks its organization up. */
export const OFFLINE_ORGANIZATION_ID = "o-offline0000";

/** Functions answered offline, as users know them. */
export const ANSWERED = [
  "aws.iam.getPolicyDocument",
  "aws.getArn",
  "aws.getCallerIdentity",
  "aws.getRegion",
  "aws.getPartition",
  "aws.getAvailabilityZones",
  "aws.organizations.getOrganization",
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

/** Answers a program's function calls (invokes) offline, and remembers those it could not answer. */
export class OfflineInvokes {
  /** Invokes the run could not answer, by token. */
  readonly unanswered: string[] = [];

  constructor(private readonly region: string) {}

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    const account = OFFLINE_ACCOUNT_ID;
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
      case "aws:organizations/getOrganization:getOrganization":
        return {
          id: OFFLINE_ORGANIZATION_ID,
          arn: `arn:aws:organizations::${account}:organization/${OFFLINE_ORGANIZATION_ID}`,
          featureSet: "ALL",
          masterAccountId: account,
          masterAccountArn: `arn:aws:organizations::${account}:account/${OFFLINE_ORGANIZATION_ID}/${account}`,
          masterAccountEmail: "management@example.com",
          masterAccountName: "management",
          accounts: [],
          nonMasterAccounts: [],
          roots: [],
          awsServiceAccessPrincipals: [],
          enabledPolicyTypes: [],
        };
      default:
        if (!this.unanswered.includes(args.token)) this.unanswered.push(args.token);
        throw new UnansweredInvokeError([args.token]);
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
