/**
 * The catalog of monitoring controls: the fifteen of the CIS benchmark and those this project adds
 * beyond it. The one source of truth for the program (which builds a filter and an alarm per
 * control), the policy pack (which checks them), the replay and the SQL it emits.
 * Adding a control is adding its data file to this list.
 */
import { CisControl, Control, isCisControl } from "./control";
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
import { monitoringChanges } from "./monitoring-changes";

export * from "./control";
export { DELIVERY_ALARM } from "./delivery-alarm";
export { cisNumbering, referenceText, shortReference } from "./references";

/** The CIS controls in CIS order (v1.3-v5.0 4.1-4.15), then those beyond CIS. */
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
  monitoringChanges,
];

/** The fifteen controls of the CIS benchmark: what the pack requires, and `controls: [cis]` chooses. */
export const CIS_CONTROLS: readonly CisControl[] = CONTROLS.filter(isCisControl);
