/**
 * Counts by alarm period, kept compact for the many kinds of matching event a long replay meets:
 * events mostly come in time order, so each run of events in one period is one (period, count) pair,
 * appended to typed arrays. A period may have more than one run.
 */
export class PeriodRuns {
  private periods = new Float64Array(4);
  private counts = new Uint32Array(4);
  private size = 0;

  add(period: number): void {
    const last = this.size - 1;
    if (last >= 0 && this.periods[last] === period) {
      this.counts[last]++;
      return;
    }
    if (this.size === this.periods.length) {
      this.periods = grown(this.periods, new Float64Array(this.size * 2));
      this.counts = grown(this.counts, new Uint32Array(this.size * 2));
    }
    this.periods[this.size] = period;
    this.counts[this.size++] = 1;
  }

  /** Calls `fn` with each run: a period, and how many events it had in a row. */
  forEachRun(fn: (period: number, count: number) => void): void {
    for (let i = 0; i < this.size; i++) fn(this.periods[i], this.counts[i]);
  }

  total(): number {
    let sum = 0;
    for (let i = 0; i < this.size; i++) sum += this.counts[i];
    return sum;
  }
}

function grown<T extends Float64Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
