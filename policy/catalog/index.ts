/**
 * The catalog of CIS monitoring controls: the one source of truth for the program (which
 * builds a filter and an alarm per control) and the policy pack (which checks them).
 * Adding a control is adding its data file to this list.
 */
import { Control } from "./control";
import { unauthorizedApiCalls } from "./unauthorized-api-calls";
import { consoleSigninWithoutMfa } from "./console-signin-without-mfa";
import { rootAccountUsage } from "./root-account-usage";
import { iamPolicyChanges } from "./iam-policy-changes";
import { cloudTrailConfigurationChanges } from "./cloudtrail-configuration-changes";
import { consoleAuthenticationFailures } from "./console-authentication-failures";
import { kmsKeyDisableOrDeletion } from "./kms-key-disable-or-deletion";
import { s3BucketPolicyChanges } from "./s3-bucket-policy-changes";
import { awsConfigChanges } from "./aws-config-changes";
import { securityGroupChanges } from "./security-group-changes";
import { naclChanges } from "./nacl-changes";
import { networkGatewayChanges } from "./network-gateway-changes";
import { routeTableChanges } from "./route-table-changes";
import { vpcChanges } from "./vpc-changes";
import { organizationsChanges } from "./organizations-changes";

export * from "./control";
export { cisNumbering, referenceText } from "./references";

/** In CIS order (v1.3-v5.0 4.1-4.15). */
export const CONTROLS: readonly Control[] = [
  unauthorizedApiCalls,
  consoleSigninWithoutMfa,
  rootAccountUsage,
  iamPolicyChanges,
  cloudTrailConfigurationChanges,
  consoleAuthenticationFailures,
  kmsKeyDisableOrDeletion,
  s3BucketPolicyChanges,
  awsConfigChanges,
  securityGroupChanges,
  naclChanges,
  networkGatewayChanges,
  routeTableChanges,
  vpcChanges,
  organizationsChanges,
];
