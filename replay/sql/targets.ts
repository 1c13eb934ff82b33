/**
 * The two engines the queries run on, and what differs between them: where the events are, the
 * column names and types, and how `eventTime` becomes seconds since the epoch.
 */
import { SqlOptionError } from "./errors";
import { sqlString } from "./compile";
import { ATHENA_COLUMNS, Column, ColumnTypes, LAKE_COLUMNS, tableColumns } from "./schema";

export interface SqlTarget {
  /** Shown in messages. */
  readonly title: string;
  /** The FROM clause's table. */
  readonly from: string;
  readonly columns: Column;
  /** The column `eventTime`. */
  readonly eventTime: string;
  /** `eventTime` as seconds since the Unix epoch. */
  readonly epochSeconds: string;
  /** A literal comparable with `eventTime`, for an instant given as `YYYY-MM-DDTHH:MM:SSZ`. */
  readonly instant: (iso: string) => string;
  /** The SQL of a CloudTrail field, by its path: `userIdentity.arn`. */
  readonly field: (path: string) => string;
}

const ATHENA_TABLE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;
const EVENT_DATA_STORE_ARN = /^arn:[^:]+:cloudtrail:[^:]*:\d*:eventdatastore\/(.+)$/;
const EVENT_DATA_STORE_ID = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/** Athena over AWS's documented table for CloudTrail logs (`eventtime` is an ISO-8601 string). */
export function athena(table = "cloudtrail_logs"): SqlTarget {
  if (!ATHENA_TABLE.test(table)) {
    throw new SqlOptionError(
      `table name ${JSON.stringify(table)} is not a plain Athena table name: use letters, digits and _, ` +
        "optionally after database_name.",
    );
  }
  return target("Athena", table, ATHENA_COLUMNS, {
    eventTime: "eventtime",
    epochSeconds: "to_unixtime(from_iso8601_timestamp(eventtime))",
    // CloudTrail writes eventTime as YYYY-MM-DDTHH:MM:SSZ, so text order is time order.
    instant: (iso) => sqlString(iso),
  });
}

/** CloudTrail Lake over an event data store (given by ID or ARN; `eventTime` is a timestamp). */
export function cloudTrailLake(eventDataStore: string): SqlTarget {
  const id = EVENT_DATA_STORE_ARN.exec(eventDataStore)?.[1] ?? eventDataStore;
  if (!EVENT_DATA_STORE_ID.test(id)) {
    throw new SqlOptionError(
      `event data store ${JSON.stringify(eventDataStore)} is neither an event data store ID nor its ARN`,
    );
  }
  return target("CloudTrail Lake", id, LAKE_COLUMNS, {
    eventTime: "eventTime",
    epochSeconds: "to_unixtime(eventTime)",
    instant: (iso) => `timestamp ${sqlString(iso.replace("T", " ").replace("Z", ""))}`,
  });
}

function target(
  title: string,
  from: string,
  types: ColumnTypes,
  time: Pick<SqlTarget, "eventTime" | "epochSeconds" | "instant">,
): SqlTarget {
  const columns = tableColumns(types);
  return { title, from, columns, ...time, field: (path) => fieldSql(columns, path) };
}

function fieldSql(columns: Column, path: string): string {
  let column: Column | undefined = columns;
  for (const name of path.split("."))
    column = column?.kind === "struct" ? column.fields.get(name) : undefined;
  if (!column) throw new Error(`no column for the CloudTrail field ${path}`);
  return column.sql;
}
