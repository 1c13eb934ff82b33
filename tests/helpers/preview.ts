/** What the npm start tests share: the pack's policy names, the fixture programs, and how a user error reads. */
import { strict as assert } from "assert";
import * as path from "path";
import { CONTROLS } from "../../policy/catalog";
import { assertNoStackTrace, CommandResult, exited } from "./cli";
import { ROOT } from "./program";
import { tempFiles } from "./temp-files";

/** The policy that the first control (unauthorized API calls) is monitored. */
export const MONITORED = `${CONTROLS[0].id}-monitored`;
export const ALL_MONITORED = CONTROLS.map((c) => `${c.id}-monitored`);
export const ADVISORIES = "cis-monitoring-advisories";
export const HARDENING = "trail-hardening";
export const DELIVERY = "delivery-alarm";

/** A program of tests/fixtures. */
export const fixture = (name: string) => path.join(ROOT, "tests/fixtures", name);

/** Asserts a user error on stderr, with no stack trace and nothing on stdout. */
export function failedWith(result: CommandResult, message: RegExp): void {
  exited(result, 2);
  assert.match(result.stderr, message);
  assertNoStackTrace(result);
  assert.equal(result.stdout, "");
}

/** A resource of the `--json` report. */
export interface JsonResource {
  urn: string;
  type: string;
  name: string;
  provider?: string;
  properties?: Record<string, unknown>;
}

/**
 * A project that runs tests/fixtures/misbehaving, misbehaving as `how` says, with `config` added to
 * its stack's config and `nodeargs` for its Node.js.
 */
export function misbehaving(how: string, config: Record<string, string> = {}, nodeargs = ""): string {
  const values = { how, ...config };
  return tempFiles({
    "Pulumi.yaml": [
      "name: misbehaving",
      "runtime:",
      "  name: nodejs",
      "  options:",
      `    nodeargs: ${JSON.stringify(nodeargs)}`,
      `main: ${fixture("misbehaving")}`,
      "",
    ].join("\n"),
    "Pulumi.dev.yaml": `config:\n${Object.entries(values)
      .map(([key, value]) => `  misbehaving:${key}: ${value}\n`)
      .join("")}`,
  });
}
