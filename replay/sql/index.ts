/** Filter patterns as SQL for Athena and CloudTrail Lake, with the meaning our evaluator gives them. */
export { emitQueries, EmitOptions } from "./emit";
export { compilePatternToSql } from "./compile";
export { SqlOptionError, SqlUnsupportedError } from "./errors";
export { ControlPattern, DayRange } from "./queries";
export { athena, cloudTrailLake } from "./targets";
export { CLOUDTRAIL_RECORD, Column, RecordField, RecordFields } from "./schema";
