/** What checking one link of the monitoring chain found. */
export type Outcome<T = void> =
  | { readonly status: "ok"; readonly value: T; readonly notes: readonly string[] }
  /** The link cannot be checked before deployment: a decisive value is unknown. */
  | { readonly status: "unverifiable"; readonly reason: string }
  /** The link is missing or wrong: why, and how to fix it. */
  | { readonly status: "broken"; readonly reason: string };

export const ok = <T>(value: T, notes: readonly string[] = []): Outcome<T> => ({
  status: "ok",
  value,
  notes,
});
export const unverifiable = (reason: string): Outcome<never> => ({ status: "unverifiable", reason });
export const broken = (reason: string): Outcome<never> => ({ status: "broken", reason });
