/** The queries `npm run replay -- --emit athena|cloudtrail-lake` prints. */
import { SqlOptionError, SqlUnsupportedError } from "./errors";
import { combinedPeriodQuery, contributorsQuery, ControlPattern, DayRange, periodQuery } from "./queries";
import { athena, cloudTrailLake, SqlTarget } from "./targets";

export interface EmitOptions extends DayRange {
  readonly target: "athena" | "cloudtrail-lake";
  /** The chosen controls, each with the pattern text of the chosen pattern set. */
  readonly controls: readonly ControlPattern[];
  /** Athena only: the table (`name` or `database.name`); `cloudtrail_logs` by default. */
  readonly table?: string;
  /** CloudTrail Lake only, and required there: the event data store's ID or ARN. */
  readonly eventDataStore?: string;
  /** One query for all controls, with a `control` column, instead of one per control. */
  readonly combined?: boolean;
  /** `periods` (the default): matching events per alarm period; `contributors`: who and what. */
  readonly query?: "periods" | "contributors";
  /**
   * Hears of each control whose pattern has no faithful SQL for the target, which is then left out
   * of the queries; without it, such a control is a SqlUnsupportedError.
   */
  readonly onLeftOut?: (control: string, error: SqlUnsupportedError) => void;
}

export interface EmittedQuery {
  /** The control's id, or `all` for the combined query. */
  readonly control: string;
  readonly sql: string;
}

/** Builds the queries, or throws SqlOptionError / SqlUnsupportedError with a one-line message. */
export function emitQueries(options: EmitOptions): EmittedQuery[] {
  const target = targetOf(options);
  const days: DayRange = { from: options.from, to: options.to };
  if (options.controls.length === 0)
    throw new SqlOptionError("no controls chosen: there is nothing to query");
  if (options.combined && options.query === "contributors") {
    throw new SqlOptionError("contributors are counted per control: leave out the combined query");
  }
  const build = options.query === "contributors" ? contributorsQuery : periodQuery;
  const queries: EmittedQuery[] = [];
  const compiled: ControlPattern[] = [];
  for (const control of options.controls) {
    try {
      queries.push({ control: control.id, sql: build(target, control, days) });
      compiled.push(control);
    } catch (e) {
      if (!(e instanceof SqlUnsupportedError) || options.onLeftOut === undefined) throw e;
      options.onLeftOut(control.id, e);
    }
  }
  if (compiled.length === 0)
    throw new SqlOptionError("no chosen control compiles to SQL: there is nothing to query");
  return options.combined ? [{ control: "all", sql: combinedPeriodQuery(target, compiled, days) }] : queries;
}

function targetOf(options: EmitOptions): SqlTarget {
  if (options.target === "athena") {
    if (options.eventDataStore !== undefined) {
      throw new SqlOptionError("--event-data-store is for --emit cloudtrail-lake; Athena reads --table");
    }
    return athena(options.table);
  }
  if (options.table !== undefined) {
    throw new SqlOptionError("--table is for --emit athena; CloudTrail Lake reads --event-data-store");
  }
  if (options.eventDataStore === undefined) {
    throw new SqlOptionError("--emit cloudtrail-lake needs --event-data-store ID (or its ARN)");
  }
  return cloudTrailLake(options.eventDataStore);
}
