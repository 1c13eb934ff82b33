/**
 * The queries: matching events per alarm period for one control or for all, and a control's top
 * contributors. Periods are aligned to the Unix epoch and as long as the alarm's period, as the
 * local replay counts them; records without an `eventTime` belong to no period.
 */
import { SqlOptionError, SqlUnsupportedError } from "./errors";
import { CONTRIBUTOR_FIELDS, ContributorField } from "../report/contributors";
import { ASSUMED_ROLE_SESSION } from "../count/principal";
import { compilePatternToSql, indent, sqlString } from "./compile";
import { SqlTarget } from "./targets";
import { isoTime, parseDay } from "../time";

/** A control as the queries need it: its id, the pattern text and its alarm's period. */
export interface ControlPattern {
  readonly id: string;
  readonly pattern: string;
  readonly periodSeconds: number;
}

/** Whole UTC days, both included: `YYYY-MM-DD`. */
export interface DayRange {
  readonly from?: string;
  readonly to?: string;
}

/** Columns `period_start` (timestamp) and `matches`, one row per period with matching events. */
export function periodQuery(target: SqlTarget, control: ControlPattern, days: DayRange = {}): string {
  const period = periodSeconds(control);
  return [
    "SELECT",
    `  from_unixtime(floor(${target.epochSeconds} / ${period}) * ${period}) AS period_start,`,
    "  count(*) AS matches",
    `FROM ${target.from}`,
    `WHERE ${[...timeConditions(target, days), `(\n${indent(patternSql(target, control), 4)}\n  )`].join("\n  AND ")}`,
    "GROUP BY 1",
    "ORDER BY 1",
  ].join("\n");
}

/** Columns `control`, `period_start` and `matches`, reading the events once for all controls. */
export function combinedPeriodQuery(
  target: SqlTarget,
  controls: readonly ControlPattern[],
  days: DayRange = {},
): string {
  const values = controls.map((c) => `    (${sqlString(c.id)}, ${periodSeconds(c)})`).join(",\n");
  const cases = controls.map((c) => `    WHEN ${sqlString(c.id)} THEN\n${indent(patternSql(target, c), 6)}`);
  return [
    "SELECT",
    "  c.control,",
    `  from_unixtime(floor(${target.epochSeconds} / c.period) * c.period) AS period_start,`,
    "  count(*) AS matches",
    `FROM ${target.from}`,
    `CROSS JOIN (\n  VALUES\n${values}\n) AS c (control, period)`,
    `WHERE ${[...timeConditions(target, days), `CASE c.control\n${cases.join("\n")}\n  END`].join("\n  AND ")}`,
    "GROUP BY 1, 2",
    "ORDER BY 1, 2",
  ].join("\n");
}

/** Contributors listed per field. */
const TOP = 10;

/**
 * Columns `dimension`, `contributor`, `account` and `matches`: for each of CONTRIBUTOR_FIELDS, the
 * TOP values with the most matching events (ties by value). Principals are named, and told apart by
 * account, as the local replay names them (replay/count/principal.ts): an assumed role's sessions
 * together as `…:assumed-role/<role>/*`, `Root`, an AWS service by `invokedBy`; `account` is the
 * account the events are about, given for principals only.
 */
export function contributorsQuery(target: SqlTarget, control: ControlPattern, days: DayRange = {}): string {
  const value: Record<ContributorField, string> = {
    principal: principalSql(target),
    eventName: target.field("eventName"),
    errorCode: target.field("errorCode"),
    sourceIPAddress: target.field("sourceIPAddress"),
    region: target.field("awsRegion"),
  };
  const whens = CONTRIBUTOR_FIELDS.map(
    (d) => `        WHEN ${sqlString(d)} THEN ${indent(value[d], 8).trimStart()}`,
  );
  const dimensions = CONTRIBUTOR_FIELDS.map((d) => `(${sqlString(d)})`).join(", ");
  const where = [...timeConditions(target, days), `(\n${indent(patternSql(target, control), 8)}\n      )`];
  return [
    "SELECT dimension, contributor, account, matches",
    "FROM (",
    "  SELECT",
    "    dimension,",
    "    contributor,",
    "    account,",
    "    matches,",
    "    row_number() OVER (PARTITION BY dimension ORDER BY matches DESC, contributor, account) AS place",
    "  FROM (",
    "    SELECT",
    "      d.dimension,",
    `      CASE d.dimension\n${whens.join("\n")}\n      END AS contributor,`,
    `      CASE d.dimension WHEN 'principal' THEN ${accountSql(target)} END AS account,`,
    "      count(*) AS matches",
    `    FROM ${target.from}`,
    `    CROSS JOIN (VALUES ${dimensions}) AS d (dimension)`,
    `    WHERE ${where.join("\n      AND ")}`,
    "    GROUP BY 1, 2, 3",
    "  ) AS counted",
    ") AS ranked",
    `WHERE place <= ${TOP}`,
    "ORDER BY dimension, place",
  ].join("\n");
}

/** The principal as principalName() names it, with an assumed role's sessions together. */
function principalSql(target: SqlTarget): string {
  const type = target.field("userIdentity.type");
  const arn = target.field("userIdentity.arn");
  const invokedBy = target.field("userIdentity.invokedBy");
  return [
    "CASE",
    `  WHEN ${type} = 'Root' THEN 'Root'`,
    `  WHEN regexp_like(${arn}, ${sqlString(ASSUMED_ROLE_SESSION.source.replace(/\\\//g, "/"))})`,
    `    THEN split_part(${arn}, '/', 1) || '/' || split_part(${arn}, '/', 2) || '/*'`,
    `  WHEN ${arn} IS NOT NULL THEN ${arn}`,
    `  WHEN ${invokedBy} IS NOT NULL THEN COALESCE(${type}, 'AWSService') || ' ' || ${invokedBy}`,
    `  ELSE COALESCE(${type}, '(no userIdentity)')`,
    "END",
  ].join("\n");
}

/** The account as accountOf() reads it: recipientAccountId, the ARN's, or userIdentity.accountId. */
function accountSql(target: SqlTarget): string {
  const arnAccount = `NULLIF(split_part(${target.field("userIdentity.arn")}, ':', 5), '')`;
  return `COALESCE(NULLIF(${target.field("recipientAccountId")}, ''), ${arnAccount}, NULLIF(${target.field("userIdentity.accountId")}, ''))`;
}

function patternSql(target: SqlTarget, control: ControlPattern): string {
  try {
    return compilePatternToSql(control.pattern, target.columns, { where: true });
  } catch (e) {
    if (!(e instanceof SqlUnsupportedError)) throw e;
    throw new SqlUnsupportedError(e.construct, e.reason, `control ${control.id} for ${target.title}`);
  }
}

function periodSeconds(control: ControlPattern): number {
  const period = control.periodSeconds;
  if (!Number.isInteger(period) || period < 1) {
    throw new SqlOptionError(`control ${control.id}: the alarm period must be whole seconds, not ${period}`);
  }
  return period;
}

/** Conditions on `eventTime` for whole days, so that only those days' events are counted. */
function timeConditions(target: SqlTarget, { from, to }: DayRange): string[] {
  const start = from === undefined ? undefined : dayStart(from, "from");
  const end = to === undefined ? undefined : dayStart(to, "to") + DAY_SECONDS;
  if (start !== undefined && end !== undefined && start >= end) {
    throw new SqlOptionError(`the --from day ${from} is after the --to day ${to}`);
  }
  const conditions = [];
  if (start !== undefined) conditions.push(`${target.eventTime} >= ${target.instant(isoTime(start))}`);
  if (end !== undefined) conditions.push(`${target.eventTime} < ${target.instant(isoTime(end))}`);
  return conditions.length > 0 ? conditions : [`${target.eventTime} IS NOT NULL`];
}

const DAY_SECONDS = 86_400;

function dayStart(day: string, option: string): number {
  const start = parseDay(day);
  if (start === undefined) {
    throw new SqlOptionError(`--${option} ${JSON.stringify(day)} is not a day: write it as YYYY-MM-DD (UTC)`);
  }
  return start;
}
