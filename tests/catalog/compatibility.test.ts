/**
 * Which pattern sets pass Security Hub and Prowler, applying their own rules to the catalog: Security
 * Hub compares a filter's pattern with its string, byte for byte; Prowler searches the pattern's text
 * with its regular expressions (those of v5.30 and later). The README's table of the controls is
 * this test's output.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as prettier from "prettier";
import {
  CIS_CONTROLS,
  CIS_VERSIONS,
  CisVersion,
  Control,
  CONTROLS,
  PATTERN_SETS,
} from "../../policy/catalog";
import { pythonSearch } from "../helpers/python-regex";
import { evaluatedPatterns, REFERENCE, referenceOf } from "../helpers/reference";

const README = path.resolve(__dirname, "../../README.md");
const START = "<!-- controls-table:start -->";
const END = "<!-- controls-table:end -->";

function passesSecurityHub(control: Control, pattern: string): boolean | undefined {
  return control.securityHub && pattern === control.securityHub.pattern;
}

/** Prowler's verdict; none for a control beyond CIS, which Prowler has no check for. */
function passesProwler(control: Control, pattern: string): boolean | undefined {
  if (control.beyondCis !== undefined) return undefined;
  return pythonSearch(referenceOf(control).prowlerRegex["head_>=5.30"])(pattern);
}

/** Runs of consecutive CIS versions in which no control changes its number: v1.3 to v5.0, say. */
function versionRanges(): CisVersion[][] {
  const ranges: CisVersion[][] = [];
  for (const version of CIS_VERSIONS) {
    const last = ranges.at(-1);
    if (last && CIS_CONTROLS.every((c) => c.cis[version] === c.cis[last[0]])) last.push(version);
    else ranges.push([version]);
  }
  return ranges;
}

function controlsTable(): string {
  const ranges = versionRanges();
  const mark = (passes: boolean | undefined) => (passes === undefined ? "—" : passes ? "✔" : "✖");
  const header = [
    "control",
    "title",
    `CIS ${ranges.map((r) => (r.length === 1 ? `v${r[0]}` : `v${r[0]}–v${r.at(-1)}`)).join(" / ")}`,
    "Security Hub",
    "metric",
    ...PATTERN_SETS.map((set) => `\`${set}\` passes Security Hub / Prowler`),
  ];
  const rows = CONTROLS.map((control) => [
    `\`${control.id}\``,
    control.title,
    control.cis ? ranges.map((r) => control.cis[r[0]] ?? "—").join(" / ") : "beyond CIS",
    control.securityHub?.id ?? "—",
    control.metricName,
    ...PATTERN_SETS.map((set) => {
      const pattern = control.patterns[set];
      return `${mark(passesSecurityHub(control, pattern))} / ${mark(passesProwler(control, pattern))}`;
    }),
  ]);
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

describe("Prowler's regular expressions, translated from Python", () => {
  const evaluated = REFERENCE.flatMap((entry) =>
    evaluatedPatterns(entry).map((case_) => ({ entry, ...case_ })),
  );

  it("give the reference's own verdict on every pattern it evaluated, in both Prowler versions", () => {
    const named = REFERENCE.flatMap((entry) => Object.keys(entry.prowlerRegex.acceptsPattern));
    assert.deepEqual(
      named.filter((name) => !evaluated.some((e) => e.name === name)),
      ["securityHub_pre_2022"],
      "every evaluated pattern but the one the reference only describes",
    );
    for (const { entry, name, pattern, verdict } of evaluated) {
      const regexes = entry.prowlerRegex;
      assert.deepEqual(
        {
          head: pythonSearch(regexes["head_>=5.30"])(pattern),
          "pre_5.30": pythonSearch(regexes["pre_5.30"])(pattern),
        },
        verdict,
        `${entry.id} ${name}: ${pattern}`,
      );
    }
    assert.ok(
      evaluated.some((e) => !e.verdict.head),
      "the cases include patterns Prowler fails",
    );
  });

  it("agree with the reference wherever a catalog pattern is a string it evaluated", () => {
    let compared = 0;
    for (const control of CIS_CONTROLS) {
      for (const set of PATTERN_SETS) {
        const pattern = control.patterns[set];
        const same = evaluatedPatterns(referenceOf(control)).find((e) => e.pattern === pattern);
        if (same === undefined) continue;
        assert.equal(
          passesProwler(control, pattern),
          same.verdict.head,
          `${control.id} ${set} (${same.name})`,
        );
        compared++;
      }
    }
    assert.ok(compared >= 25, `only ${compared} catalog patterns compared`);
  });

  it("need not choose between Python's readings of a newline: no catalog pattern has one", () => {
    for (const control of CONTROLS) {
      for (const set of PATTERN_SETS)
        assert.doesNotMatch(control.patterns[set], /\n/, `${control.id} ${set}`);
    }
  });

  it("keep Python's meaning where JavaScript's differs", () => {
    assert.equal(pythonSearch("a.b")("a\rb"), true, ". matches \\r in Python");
    assert.equal(pythonSearch("a.b")("a\nb"), false, ". does not match \\n without re.DOTALL");
    assert.equal(pythonSearch("a\\sb")("a\x1fb"), true, "\\s matches \\x1f in Python");
    assert.equal(pythonSearch("a\\sb")("a\ufeffb"), false, "\\s does not match U+FEFF in Python");
    assert.equal(pythonSearch("Key\\b")("Keyé"), false, "\\b is a Unicode word boundary in Python");
    assert.equal(pythonSearch("Key\\b")('Key")'), true);
    assert.equal(pythonSearch("Failed\\ authentication")("Failed authentication"), true);
    assert.throws(() => pythonSearch("a{2}"), /\{ at 1 of a\{2\} is not translated from Python/);
    assert.throws(() => pythonSearch("\\d"), /\\d at 1 .* is not translated/);
  });
});

describe("the README's table of the controls", () => {
  it("is what the catalog, Security Hub's strings and Prowler's regular expressions say", async () => {
    const options = { ...(await prettier.resolveConfig(README)), parser: "markdown" };
    const table = (await prettier.format(controlsTable(), options)).trim();
    const readme = fs.readFileSync(README, "utf8");
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    const found = start >= 0 && end > start ? readme.slice(start + START.length, end).trim() : undefined;
    assert.ok(
      found === table,
      `README.md needs this table between ${START} and ${END}:\n\n${START}\n\n${table}\n\n${END}\n`,
    );
  });
});
