import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as prettier from "prettier";
import { CommandResult, exited, sharedCommand } from "../helpers/cli";
import { ADVISORIES, DELIVERY, HARDENING, MONITORED } from "../helpers/preview";
import { ROOT } from "../helpers/program";
import { temporaryFolder } from "../helpers/temp-files";

const README = path.join(ROOT, "README.md");
const UPDATE = "UPDATE_README_EXAMPLES";
const WITHOUT_ALARM = ["--program", "tests/fixtures/trail-without-alarm"];

/**
 * Each example of `npm start` output in the README, marked `<!-- npm start example: <id> -->` before
 * its code block: the command line it shows, and the part of the real output it shows. A text
 * example keeps the lines `keep` picks, each run of left-out lines written `…`; a JSON example is
 * the real document with fewer policies and resources.
 */
interface Example {
  readonly args: string[];
  readonly exitCode: number;
  /** The command line, shown as the block's first line; none where the text around says it. */
  readonly shown?: string;
  readonly excerpt: (stdout: string) => string | Promise<string>;
}

const EXAMPLES: Record<string, Example> = {
  // The dev stack: the start of the tree, one control's chain, its end, and every policy.
  dev: {
    args: [],
    exitCode: 0,
    excerpt: (stdout) =>
      keepLines(stdout, (line, i, lines) => {
        const resources = lines.indexOf("Policies (cis-monitoring 0.1.0)") - 1;
        if (i >= resources) return true;
        return (
          i < 8 || /-unauthorized-api-calls |-alarms-secops@example\.com /.test(line) || i >= resources - 2
        );
      }),
  },
  // A team's program without an alarm: the first control's policy, the advisories and the delivery alarm's.
  "trail-without-alarm": {
    args: WITHOUT_ALARM,
    exitCode: 1,
    shown: `$ npm start -- ${WITHOUT_ALARM.join(" ")}`,
    excerpt: (stdout) => {
      const shown = new Set([MONITORED, ADVISORIES, DELIVERY, HARDENING]);
      let policy: string | undefined; // the policy whose lines these are, once the policies begin
      return keepLines(stdout, (line, i, lines) => {
        if (line.startsWith("Policies") || (policy !== undefined && /^\S/.test(line))) policy = "";
        policy = /^ {2}. (\S+) \[/.exec(line)?.[1] ?? policy;
        // Before the policies, the stack and its resources are left out.
        if (policy === undefined) return lines[i + 1]?.startsWith("Policies") ?? false;
        return policy === "" || shown.has(policy);
      });
    },
  },
  // The same as one JSON document, with one policy and one resource.
  "trail-without-alarm-json": {
    args: [...WITHOUT_ALARM, "--json"],
    exitCode: 1,
    excerpt: async (stdout) => {
      const report = JSON.parse(stdout) as { policies: unknown[]; resources: { type: string }[] };
      const shortened = {
        ...report,
        policies: report.policies.slice(0, 1),
        resources: report.resources.filter((r) => r.type === "aws:cloudtrail/trail:Trail"),
      };
      return (
        await prettier.format(JSON.stringify(shortened), { parser: "json", printWidth: 110 })
      ).trimEnd();
    },
  },
};

/** `text`'s lines that `keep` picks, each run of the others as one `…` line indented as its first. */
function keepLines(text: string, keep: (line: string, index: number, lines: string[]) => boolean): string {
  const lines = text.trimEnd().split("\n");
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (keep(line, i, lines)) out.push(line);
    else if (!out[out.length - 1]?.trimStart().startsWith("…")) out.push(`${/^[\s│]*/.exec(line)![0]}…`);
  });
  return out.join("\n");
}

/** The README's marked examples: each one's id, and the code block after its marker. */
const MARKED = /<!-- npm start example: (\S+) -->\n\n```(\w+)\n([^]*?)\n```/g;

describe("the README's examples of npm start output", () => {
  const readme = fs.readFileSync(README, "utf8");
  const marked = [...readme.matchAll(MARKED)];
  const runs: Record<string, Promise<CommandResult>> = {};
  before(() => {
    for (const [id, { args }] of Object.entries(EXAMPLES)) runs[id] = sharedCommand("start", args);
  });

  it("marks each example it shows, once", () => {
    assert.deepEqual(marked.map((m) => m[1]).sort(), Object.keys(EXAMPLES).sort());
  });

  it(`show the commands' real output (set ${UPDATE}=1 to rewrite them)`, async () => {
    const expected = new Map<string, string>();
    for (const [id, { exitCode, shown, excerpt }] of Object.entries(EXAMPLES)) {
      const result = await runs[id];
      exited(result, exitCode);
      expected.set(id, [...(shown ? [shown] : []), await excerpt(result.stdout)].join("\n"));
    }
    const rewritten = readme.replace(
      MARKED,
      (_, id: string, language: string, shownNow: string) =>
        `<!-- npm start example: ${id} -->\n\n\`\`\`${language}\n${expected.get(id) ?? shownNow}\n\`\`\``,
    );
    if (process.env[UPDATE]) fs.writeFileSync(README, rewritten);
    else assert.equal(readme, rewritten, `the README's examples differ from the output: set ${UPDATE}=1`);
  });
});

describe("the README's CI recipe for --state", () => {
  it("keeps the exports it writes out of the checkout, where they would fail `prettier --check`", () => {
    const readme = fs.readFileSync(README, "utf8");
    const recipe = [...readme.matchAll(/```sh\n([^]*?)\n```/g)]
      .map((m) => m[1])
      .find((block) => block.includes("pulumi stack ls"));
    assert.ok(recipe, "the README has a recipe that checks every stack");
    const checkout = temporaryFolder("checkout");
    const log = path.join(temporaryFolder("log"), "npm.log");
    // Stand-ins for the Pulumi CLI, jq and npm: each export is written where --file says, or printed.
    const standIns = [
      "pulumi() {",
      '  if [ "$2" = ls ]; then echo \'[{"name":"dev"},{"name":"prod"}]\'; return; fi',
      '  local file=-; while [ $# -gt 0 ]; do [ "$1" = --file ] && file=$2; shift; done',
      '  if [ "$file" = - ]; then echo "{}"; else echo "{}" > "$file"; fi',
      "}",
      "jq() { cat > /dev/null; printf 'dev\\nprod\\n'; }",
      'npm() { [ "$1" = ci ] && return; cat > /dev/null; [ -s "$4" ] || [ "$4" = - ] && echo "$4" >> "$NPM_LOG"; }',
    ].join("\n");
    const result = spawnSync("bash", ["-c", `${standIns}\n${recipe}`], {
      cwd: checkout,
      env: { ...process.env, NPM_LOG: log },
      encoding: "utf8",
    });
    assert.equal(result.status, 0, result.stderr);
    const checked = fs.readFileSync(log, "utf8").trim().split("\n");
    assert.deepEqual(
      checked.map((f) => (f === "-" ? f : path.basename(f))),
      ["-", "dev.json", "prod.json"],
    );
    assert.deepEqual(fs.readdirSync(checkout), [], "the recipe wrote into the checkout");
  });
});
