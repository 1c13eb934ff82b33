import { CIS_ALARM, cisSections, CisControl } from "./control";
import { callSamples } from "./record";

const SECURITY_HUB =
  "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}";
const KEY = { keyId: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" };

export const kmsKeyDisableOrDeletion: CisControl = {
  id: "kms-key-disable-or-deletion",
  title: "KMS key disabling or scheduled deletion",
  catches: "disabling or scheduled deletion of KMS keys",
  cis: cisSections({ "1.2": "3.7", "1.3": "4.7", "6.0": "5.7" }),
  securityHub: { id: "CloudWatch.7", pattern: SECURITY_HUB },
  patterns: {
    "security-hub": SECURITY_HUB,
    // The CIS text groups the event names itself.
    "cis-latest":
      "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }",
  },
  metricName: "KMSKeyDisableOrDeletionCount",
  alarm: CIS_ALARM,
  tampering:
    "disabling or deleting a KMS key can make what it encrypts unreadable, the trail's log files among them",
  context: { eventSource: "kms.amazonaws.com" },
  samples: {
    mustMatch: [
      ...callSamples("KMS", "kms.amazonaws.com", ["DisableKey"], { requestParameters: KEY }),
      ...callSamples("KMS", "kms.amazonaws.com", ["ScheduleKeyDeletion"], {
        requestParameters: { ...KEY, pendingWindowInDays: 30 },
      }),
    ],
    mustNotMatch: [
      ...callSamples("KMS", "kms.amazonaws.com", ["EnableKey", "CancelKeyDeletion", "CreateKey"], {
        requestParameters: KEY,
      }),
      ...callSamples("KMS", "kms.amazonaws.com", ["Decrypt", "DescribeKey"], {
        requestParameters: KEY,
        readOnly: true,
      }),
    ],
  },
};
