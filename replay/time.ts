/** Times as the replay reads and writes them: UTC days named on the command line, instants to the second. */

/** The start of a day written YYYY-MM-DD, in seconds since the epoch; undefined if it is no such day. */
export function parseDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March rather than refusing it.
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(text) ? ms / 1000 : undefined;
}

/** `2026-01-15T10:05:00Z`: seconds since the epoch as CloudTrail writes eventTime. */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}
