/** A filter pattern CloudWatch Logs would reject, with where and what was expected. */
export class FilterPatternError extends Error {
  constructor(
    /** What was wrong, without the position. */
    readonly reason: string,
    /** 1-based column in the pattern text. */
    readonly column: number,
  ) {
    super(`${reason} at column ${column}`);
    this.name = "FilterPatternError";
  }
}

/** A valid pattern of a kind this engine does not evaluate (space-delimited `[a, b]` patterns). */
export class UnsupportedPatternError extends FilterPatternError {
  constructor(reason: string, column: number) {
    super(reason, column);
    this.name = "UnsupportedPatternError";
  }
}
