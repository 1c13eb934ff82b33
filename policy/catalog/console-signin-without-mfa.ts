import { CIS_ALARM, cisSections, CisControl } from "./control";
import { apiCall, consoleLogin, IDENTITIES } from "./record";

// The form Security Hub requires since 2022, which CIS v1.4+ also publishes "to reduce false
// positives in case Single Sign-On (SSO) is used".
const SSO_AWARE =
  '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ' +
  '($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }';

export const consoleSigninWithoutMfa: CisControl = {
  id: "console-signin-without-mfa",
  title: "Console sign-in without MFA",
  catches: "console sign-ins without MFA",
  cis: cisSections({ "1.2": "3.2", "1.3": "4.2", "6.0": "5.2" }),
  securityHub: { id: "CloudWatch.3", pattern: SSO_AWARE },
  patterns: {
    "security-hub": SSO_AWARE,
    // CIS gives two filters: `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed !=
    // "Yes") }` and the SSO variant. We choose the variant. Sign-ins through IAM Identity Center or
    // another identity provider are logged as AssumedRole with MFAUsed "No" even when the provider
    // enforced MFA, so the two-clause filter alarms on every such sign-in. What the variant leaves
    // out is alarmed on elsewhere: root sign-ins by root-account-usage, failed ones by
    // console-authentication-failures.
    "cis-latest": SSO_AWARE,
  },
  metricName: "ConsoleSigninWithoutMfaCount",
  alarm: CIS_ALARM,
  // Sign-in records say MFAUsed "Yes" or "No": events built from the pattern say "No", as real ones do.
  context: {
    eventSource: "signin.amazonaws.com",
    eventType: "AwsConsoleSignIn",
    additionalEventData: { MFAUsed: "No" },
  },
  samples: {
    mustMatch: [
      {
        description: "an IAM user's console sign-in without MFA",
        record: consoleLogin(IDENTITIES.iamUser, { mfaUsed: "No" }),
      },
    ],
    // A root sign-in without MFA and a failed sign-in are in neither list: the chosen form leaves
    // them to other controls, but they are not ordinary activity a filter would be wrong to count.
    mustNotMatch: [
      {
        description: "an IAM user's console sign-in with MFA",
        record: consoleLogin(
          IDENTITIES.iamUser,
          { mfaUsed: "Yes" },
          { MFAIdentifier: "arn:aws:iam::111122223333:mfa/alice" },
        ),
      },
      {
        description: "a console sign-in through IAM Identity Center (AssumedRole, MFAUsed No)",
        excluded: "IAM Identity Center and other identity providers enforce MFA themselves",
        record: consoleLogin(
          IDENTITIES.sso,
          { mfaUsed: "No" },
          {
            SamlProviderArn: "arn:aws:iam::111122223333:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE",
          },
        ),
      },
      {
        description: "an IAM user's API call (not a sign-in)",
        record: apiCall("iam.amazonaws.com", "GetUser"),
      },
    ],
  },
};
