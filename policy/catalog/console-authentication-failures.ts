import { CIS_ALARM, cisSections, CisControl } from "./control";
import { consoleLogin, IDENTITIES } from "./record";

const SECURITY_HUB = '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}';

export const consoleAuthenticationFailures: CisControl = {
  id: "console-authentication-failures",
  title: "Console authentication failures",
  catches: "failed console sign-ins",
  cis: cisSections({ "1.2": "3.6", "1.3": "4.6", "6.0": "5.6" }),
  securityHub: { id: "CloudWatch.6", pattern: SECURITY_HUB },
  patterns: {
    "security-hub": SECURITY_HUB,
    "cis-latest": '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  },
  metricName: "ConsoleSigninFailureCount",
  alarm: CIS_ALARM,
  context: {
    eventSource: "signin.amazonaws.com",
    eventType: "AwsConsoleSignIn",
    responseElements: { ConsoleLogin: "Failure" },
  },
  // Both forms key on the errorMessage of a wrong password, so failures with another message
  // ("No username found in supplied account") are not counted. They are failures all the same,
  // so they are not among the events a filter must ignore either.
  samples: {
    mustMatch: [
      {
        description: "an IAM user's console sign-in with a wrong password",
        record: consoleLogin(IDENTITIES.iamUser, { mfaUsed: "No", failure: "Failed authentication" }),
      },
      {
        description: "a root console sign-in with a wrong password",
        record: consoleLogin(IDENTITIES.root, { mfaUsed: "No", failure: "Failed authentication" }),
      },
    ],
    mustNotMatch: [
      {
        description: "an IAM user's successful console sign-in",
        record: consoleLogin(IDENTITIES.iamUser, { mfaUsed: "Yes" }),
      },
      {
        description: "a successful console sign-in through IAM Identity Center",
        record: consoleLogin(IDENTITIES.sso, { mfaUsed: "No" }),
      },
    ],
  },
};
