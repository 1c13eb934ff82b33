import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { isoSeconds, replay, rootSignIn, START } from "./archive";
import { temporaryFolder } from "../helpers/temp-files";

/** The layout of an organization trail's archive: AWSLogs/<organization id>/<account>/CloudTrail/<region>/YYYY/MM/DD/. */
const ORGANIZATION = "o-a1b2c3d4e5";
const MANAGEMENT = "111122223333";
const MEMBERS = ["444455556666", "777788889999"];
const ACCOUNTS = [MANAGEMENT, ...MEMBERS];

/** A call the management account's auditor makes in `account` through a role there, refused. */
function deniedCall(account: string, minutes: number): Record<string, unknown> {
  return {
    eventVersion: "1.09",
    userIdentity: {
      type: "AssumedRole",
      arn: `arn:aws:sts::${account}:assumed-role/OrganizationAuditor/audit-${minutes}`,
      accountId: account,
      sessionContext: {
        sessionIssuer: { type: "Role", accountId: account, userName: "OrganizationAuditor" },
      },
    },
    eventTime: isoSeconds(START + minutes * 60),
    eventSource: "s3.amazonaws.com",
    eventName: "GetBucketPolicy",
    awsRegion: "eu-west-1",
    sourceIPAddress: "203.0.113.20",
    errorCode: "AccessDenied",
    errorMessage: "Access Denied",
    eventType: "AwsApiCall",
    recipientAccountId: account,
  };
}

describe("npm run replay on an organization trail's archive", function () {
  this.timeout(120_000);
  const root = temporaryFolder("organization");
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  let report: {
    events: number;
    files: number;
    controls: {
      id: string;
      matched: number;
      notifications: { time: string; causedBy: { principal: string; account?: string; events: number }[] }[];
      contributors: { principal: { value: string; account?: string; events: number }[] };
    }[];
  };
  let text: string;

  before(async () => {
    // One log file per account and region, as CloudTrail delivers them, and a digest beside each.
    ACCOUNTS.forEach((account, k) => {
      const logs = path.join(root, "AWSLogs", ORGANIZATION, account, "CloudTrail");
      const write = (region: string, records: Record<string, unknown>[]) => {
        const folder = path.join(logs, region, "2026", "03", "01");
        fs.mkdirSync(folder, { recursive: true });
        const name = `${account}_CloudTrail_${region}_20260301T0000Z_${k}.json.gz`;
        fs.writeFileSync(path.join(folder, name), zlib.gzipSync(JSON.stringify({ Records: records })));
      };
      write("us-east-1", [JSON.parse(rootSignIn(account, START + (30 * k + 10) * 60).text)]);
      write("eu-west-1", [deniedCall(account, 30 * k + 12), deniedCall(account, 30 * k + 13)]);
      const digest = path.join(root, "AWSLogs", ORGANIZATION, account, "CloudTrail-Digest", "us-east-1");
      fs.mkdirSync(digest, { recursive: true });
      fs.writeFileSync(path.join(digest, "digest.json.gz"), zlib.gzipSync('{"digestStartTime": "x"}'));
    });
    const json = await replay(["--json", path.join(root, "AWSLogs")]);
    assert.equal(json.status, 0, json.stderr);
    report = JSON.parse(json.stdout);
    const run = await replay(["--controls", "root-account-usage", path.join(root, "AWSLogs")]);
    assert.equal(run.status, 0, run.stderr);
    text = run.stdout;
  });

  it("reads every member account's log files, leaving out the digests", () => {
    assert.deepEqual([report.events, report.files], [9, 6]);
  });

  it("names the account whose root user signed in, for each notification and among the contributors", () => {
    const rootUsage = report.controls.find((c) => c.id === "root-account-usage")!;
    assert.deepEqual(
      rootUsage.notifications.map((n) => [n.time, n.causedBy]),
      ACCOUNTS.map((account, k) => [
        isoSeconds(START + (30 * k + 10) * 60), // 10, 40 and 70 minutes in: each starts a period
        [{ principal: "Root", account, events: 1 }],
      ]),
    );
    assert.deepEqual(
      rootUsage.contributors.principal.map((c) => [c.value, c.account, c.events]).sort(),
      ACCOUNTS.map((account) => ["Root", account, 1]),
    );
    for (const account of ACCOUNTS) assert.match(text, new RegExp(`Root in account ${account} \\(1\\)`));
  });

  it("tells apart the same role in each account, its sessions taken together", () => {
    const unauthorized = report.controls.find((c) => c.id === "unauthorized-api-calls")!;
    assert.equal(unauthorized.matched, 6);
    assert.deepEqual(
      unauthorized.contributors.principal.map((c) => [c.value, c.account, c.events]).sort(),
      ACCOUNTS.map((account) => [`arn:aws:sts::${account}:assumed-role/OrganizationAuditor/*`, account, 2]),
    );
  });
});
