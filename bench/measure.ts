/** Timing helpers for the benchmarks: best of several runs, in seconds. */

export function best(runs: number, fn: () => void): number {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return fastest;
}

export async function bestAsync(runs: number, fn: () => Promise<void>): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return fastest;
}

export function report(title: string, rows: [string, string][]): void {
  console.log(title);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(28)} ${value}`);
}
