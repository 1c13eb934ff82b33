/** Filter patterns as SQL for Athena and CloudTrail Lake, with the meaning our evaluator gives them. */
export { emitQueries, EmitOptions, EmittedQuery } from "./emit";
export { compilePatternToSql } from "./compile";
export { SqlOptionError, SqlUnsupportedError } from "./errors";
export { combinedPeriodQuery, contributorsQuery, ControlPattern, DayRange, periodQuery } from "./queries";
export { athena, cloudTrailLake, SqlTarget } from "./targets";
export {
  ATHENA_COLUMNS,
  CLOUDTRAIL_RECORD,
  Column,
  LAKE_COLUMNS,
  RecordField,
  RecordFields,
  tableColumns,
} from "./schema";
