/** A pattern construct with no faithful SQL form: which one, and why. */
export class SqlUnsupportedError extends Error {
  constructor(
    /** The condition or step, as the pattern writes it: `$.requestParameters.limit > 10`. */
    readonly construct: string,
    readonly reason: string,
    /** What was being compiled, for the message: "control root-account-usage for Athena". */
    readonly subject?: string,
  ) {
    super(`${subject ? `${subject}: ` : ""}cannot compile ${construct} to SQL: ${reason}`);
    this.name = "SqlUnsupportedError";
  }
}

/** Options for the emitted queries that cannot be used: a table name, a date, an event data store. */
export class SqlOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SqlOptionError";
  }
}
