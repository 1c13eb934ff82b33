import { CloudTrailRecord } from "./control";

/**
 * A CloudTrail management-event record as CloudTrail writes it, with the fields every record has;
 * `fields` set the event itself and replace any default.
 */
export function cloudTrailRecord(fields: CloudTrailRecord): CloudTrailRecord {
  return {
    eventVersion: "1.08",
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAEXAMPLEALICE",
      arn: "arn:aws:iam::111122223333:user/alice",
      accountId: "111122223333",
      accessKeyId: "AKIAEXAMPLEALICE",
      userName: "alice",
    },
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
    recipientAccountId: "111122223333",
    eventCategory: "Management",
    ...fields,
  };
}
