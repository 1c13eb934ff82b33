/**
 * A link to the CloudWatch console's Logs Insights page with a query, its log group and a time
 * window filled in, in the form the console itself writes such links: the query's details as a
 * `~(key~value...)` structure whose text values start with `'` and have every character other than
 * letters, digits, `-` and `.` written `*XX` (their UTF-8 bytes), the structure's own `~()'` then
 * percent-encoded twice, with `$` for `%`.
 */

export interface InsightsQuery {
  readonly partition: string;
  readonly region: string;
  /** The log group to run it on; without one, the console asks which. */
  readonly logGroupName?: string;
  readonly query: string;
  readonly start: Date;
  readonly end: Date;
}

/** The console's address in each partition. */
const CONSOLES: Readonly<Record<string, (region: string) => string>> = {
  aws: (region) => `https://${region}.console.aws.amazon.com`,
  "aws-cn": (region) => `https://${region}.console.amazonaws.cn`,
  "aws-us-gov": (region) => `https://${region}.console.amazonaws-us-gov.com`,
};

export function insightsLink({ partition, region, logGroupName, query, start, end }: InsightsQuery): string {
  const fields = [
    `end~${textValue(end.toISOString())}`,
    `start~${textValue(start.toISOString())}`,
    "timeType~'ABSOLUTE",
    "tz~'UTC",
    `editorString~${textValue(query)}`,
    ...(logGroupName === undefined ? [] : [`source~(~${textValue(logGroupName)})`]),
  ];
  const detail = `~(${fields.join("~")})`.replace(/[~()']/g, (c) => `$25${hex(c)}`);
  const console = (CONSOLES[partition] ?? CONSOLES.aws)(region);
  return `${console}/cloudwatch/home?region=${region}#logsV2:logs-insights$3FqueryDetail$3D${detail}`;
}

function textValue(text: string): string {
  return `'${[...Buffer.from(text, "utf8")]
    .map((byte) => {
      const c = String.fromCharCode(byte);
      return /[A-Za-z0-9.-]/.test(c) ? c : `*${hex(c)}`;
    })
    .join("")}`;
}

function hex(c: string): string {
  return c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
}
