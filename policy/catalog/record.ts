import { CloudTrailRecord, SampleEvent } from "./control";

const ACCOUNT = "111122223333";

/** Who made a call, as CloudTrail's `userIdentity` records it. */
export const IDENTITIES = {
  iamUser: {
    type: "IAMUser",
    principalId: "AIDAEXAMPLEALICE",
    arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    accountId: ACCOUNT,
    accessKeyId: "AKIAEXAMPLEALICE",
    userName: "alice",
  },
  /** A role session, as a deployment pipeline or an application has. */
  role: {
    type: "AssumedRole",
    principalId: "AROAEXAMPLEDEPLOY:pipeline",
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/pipeline`,
    accountId: ACCOUNT,
    accessKeyId: "ASIAEXAMPLEDEPLOY",
    sessionContext: {
      sessionIssuer: {
        type: "Role",
        principalId: "AROAEXAMPLEDEPLOY",
        arn: `arn:aws:iam::${ACCOUNT}:role/deploy`,
        accountId: ACCOUNT,
        userName: "deploy",
      },
      attributes: { creationDate: "2026-01-15T09:58:00Z", mfaAuthenticated: "false" },
    },
  },
  /** A person signed in through IAM Identity Center (SSO): a session of its reserved role. */
  sso: {
    type: "AssumedRole",
    principalId: "AROAEXAMPLESSO:bob@example.com",
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/bob@example.com`,
    accountId: ACCOUNT,
    sessionContext: {
      sessionIssuer: {
        type: "Role",
        principalId: "AROAEXAMPLESSO",
        arn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef`,
        accountId: ACCOUNT,
        userName: "AWSReservedSSO_AdministratorAccess_0123456789abcdef",
      },
    },
  },
  root: {
    type: "Root",
    principalId: ACCOUNT,
    arn: `arn:aws:iam::${ACCOUNT}:root`,
    accountId: ACCOUNT,
  },
} as const;

/**
 * A CloudTrail management-event record as CloudTrail writes it, with the fields every record has;
 * `fields` set the event itself and replace any default.
 */
export function cloudTrailRecord(fields: CloudTrailRecord): CloudTrailRecord {
  return {
    eventVersion: "1.08",
    userIdentity: IDENTITIES.iamUser,
    eventTime: "2026-01-15T10:00:00Z",
    awsRegion: "us-east-1",
    sourceIPAddress: "198.51.100.7",
    userAgent: "aws-cli/2.15.0",
    requestParameters: null,
    responseElements: null,
    requestID: "9f3c1b7e-5d2a-4c8e-a1b0-3e6f7d8c9a01",
    eventID: "0c2f4e6a-8b1d-4f3e-9a5c-7d0e1f2a3b4c",
    readOnly: false,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: "Management",
    ...fields,
  };
}

/** A successful call of `eventName` to the service at `eventSource`. */
export function apiCall(
  eventSource: string,
  eventName: string,
  fields: CloudTrailRecord = {},
): CloudTrailRecord {
  return cloudTrailRecord({ eventSource, eventName, ...fields });
}

/**
 * One sample per event name: a successful call of each, described as "<service> <eventName>".
 * `requestParameters` gives each call the parameters it would be logged with.
 */
export function callSamples(
  service: string,
  eventSource: string,
  eventNames: readonly string[],
  fields: CloudTrailRecord = {},
): SampleEvent[] {
  return eventNames.map((eventName) => ({
    description: `${service} ${eventName}`,
    record: apiCall(eventSource, eventName, fields),
  }));
}

/**
 * An AWS Management Console sign-in, as CloudTrail logs it in the account signed in to: a success,
 * or a failure with AWS's `errorMessage` ("Failed authentication" for a wrong password).
 */
export function consoleLogin(
  userIdentity: CloudTrailRecord,
  outcome: { mfaUsed: "Yes" | "No"; failure?: string },
  additionalEventData: CloudTrailRecord = {},
): CloudTrailRecord {
  // Sign-ins carry no requestID.
  const { requestID, ...record } = cloudTrailRecord({
    userIdentity,
    eventSource: "signin.amazonaws.com",
    eventName: "ConsoleLogin",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    ...(outcome.failure === undefined ? {} : { errorMessage: outcome.failure }),
    responseElements: { ConsoleLogin: outcome.failure === undefined ? "Success" : "Failure" },
    additionalEventData: {
      LoginTo: "https://console.aws.amazon.com/console/home",
      MobileVersion: "No",
      MFAUsed: outcome.mfaUsed,
      ...additionalEventData,
    },
    eventType: "AwsConsoleSignIn",
  });
  return record;
}
