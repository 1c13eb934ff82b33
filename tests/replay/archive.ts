/** CloudTrail archives for the replay tests, built in temporary folders from the CloudTrail records in tests/data. */
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import * as zlib from "zlib";
import { Output } from "../../lib/cli";
import { main } from "../../replay/main";
import { CommandResult } from "../helpers/cli";
import { cloudTrailCases } from "../helpers/corpus";
import { ROOT } from "../helpers/program";
import { temporaryFolder } from "../helpers/temp-files";

export const ACCOUNT = "111122223333";
export const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"];
/** 2026-03-01T00:00:00Z, in seconds. */
export const START = Date.parse("2026-03-01T00:00:00Z") / 1000;
/** The alarm period of the catalog's default settings, in seconds. */
export const PERIOD = 300;

/** A corpus record placed at a time and in a region. */
export interface ArchivedEvent {
  readonly text: string;
  /** Seconds since the epoch. */
  readonly time: number;
  readonly region: string;
  readonly expectedUnauthorized: boolean;
}

const corpus = cloudTrailCases();

function place(text: string, time: number, region: string, expectedUnauthorized: boolean): ArchivedEvent {
  const record = { ...JSON.parse(text), eventTime: isoSeconds(time), awsRegion: region };
  return { text: JSON.stringify(record), time, region, expectedUnauthorized };
}

export function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

/** Every corpus record, 37 minutes after the one before, in the four regions by turn: five days. */
export function spreadCorpus(): ArchivedEvent[] {
  return corpus.map((c, i) =>
    place(c.text, START + i * 37 * 60, REGIONS[i % REGIONS.length], c.expectedUnauthorized),
  );
}

/**
 * One event per 5-minute period from START, as `layout` says: `0` an event the unauthorized-API-calls
 * control ignores, `X` one it catches, `-` none. Each comes 2 minutes into its period.
 */
export function scenario(layout: string): ArchivedEvent[] {
  const caught = corpus.filter((c) => c.expectedUnauthorized);
  const ignored = corpus.filter((c) => !c.expectedUnauthorized && c.errorCode === null);
  return [...layout.replace(/\s/g, "")].flatMap((c, k) => {
    if (c === "-") return [];
    const source = c === "X" ? caught[k % caught.length] : ignored[k % ignored.length];
    return [place(source.text, START + k * PERIOD + 120, REGIONS[0], c === "X")];
  });
}

/** Unauthorized calls of the corpus, one at each of `times` (seconds since the epoch). */
export function caughtAt(times: readonly number[]): ArchivedEvent[] {
  const caught = corpus.filter((c) => c.expectedUnauthorized);
  return times.map((time, k) =>
    place(caught[k % caught.length].text, time, REGIONS[k % REGIONS.length], true),
  );
}

/** A console sign-in of `account`'s root user at `time` (seconds since the epoch), with MFA. */
export function rootSignIn(account: string, time: number): ArchivedEvent {
  const record = {
    eventVersion: "1.09",
    userIdentity: {
      type: "Root",
      principalId: account,
      arn: `arn:aws:iam::${account}:root`,
      accountId: account,
    },
    eventTime: isoSeconds(time),
    eventSource: "signin.amazonaws.com",
    eventName: "ConsoleLogin",
    awsRegion: "us-east-1",
    sourceIPAddress: "203.0.113.10",
    responseElements: { ConsoleLogin: "Success" },
    additionalEventData: { MFAUsed: "Yes" },
    eventType: "AwsConsoleSignIn",
    recipientAccountId: account,
  };
  return { text: JSON.stringify(record), time, region: "us-east-1", expectedUnauthorized: false };
}

/** Writes events in CloudTrail's S3 layout, one gzipped log file per region and hour. */
export function writeS3Archive(dir: string, events: readonly ArchivedEvent[]): string {
  const files = new Map<string, string[]>();
  for (const e of events) {
    const hour = isoSeconds(e.time).slice(0, 13);
    const [year, month, day] = hour.slice(0, 10).split("-");
    const name = `${ACCOUNT}_CloudTrail_${e.region}_${hour.replace(/-/g, "")}00Z_replaytest.json.gz`;
    const file = path.join(dir, "AWSLogs", ACCOUNT, "CloudTrail", e.region, year, month, day, name);
    files.set(file, [...(files.get(file) ?? []), e.text]);
  }
  for (const [file, texts] of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, zlib.gzipSync(`{"Records":[${texts.join(",")}]}`));
  }
  return dir;
}

/** A copy of this project's Pulumi.yaml with one stack whose config is `config` (namespace added). */
export function projectWithStack(stack: string, config: Record<string, unknown>): string {
  const dir = temporaryFolder("project");
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const namespaced = Object.fromEntries(
    Object.entries({ alertEmails: ["secops@example.com"], ...config }).map(([k, v]) => [
      `cis-monitoring:${k}`,
      v,
    ]),
  );
  fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config: namespaced }));
  return dir;
}

/** Runs the command in this process, as `npm run replay -- ...args` would. */
export async function replay(args: string[], projectDir = ROOT): Promise<CommandResult> {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = { out: (text) => out.push(text), err: (text) => err.push(text) };
  const status = await main(args, output, projectDir);
  return { status, stdout: out.join("\n"), stderr: err.join("\n") };
}
