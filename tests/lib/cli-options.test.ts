import { strict as assert } from "assert";
import { readCommandLine } from "../../lib/cli";
import { parsePreviewArgs, PREVIEW_USAGE } from "../../preview/options";
import { parseReplayArgs, REPLAY_USAGE } from "../../replay/options";
import { parseTestPatternArgs, TEST_PATTERN_USAGE } from "../../test-pattern/options";

describe("the command lines of npm start, replay and test-pattern", () => {
  const commands = [
    { name: "npm start", parse: parsePreviewArgs, usage: PREVIEW_USAGE },
    { name: "replay", parse: parseReplayArgs, usage: REPLAY_USAGE },
    { name: "test-pattern", parse: parseTestPatternArgs, usage: TEST_PATTERN_USAGE },
  ];
  for (const { name, parse, usage } of commands) {
    it(`${name} takes -h as --help: prints the usage, listing -h, and exits 0`, () => {
      for (const flag of ["-h", "--help"]) {
        const out: string[] = [];
        const err: string[] = [];
        const code = readCommandLine(() => parse([flag]), usage, {
          out: (t) => out.push(t),
          err: (t) => err.push(t),
        });
        assert.equal(code, 0, `${flag}: ${err.join("\n")}`);
        assert.deepEqual(out, [usage]);
      }
      assert.match(usage, /\n {2}-h, --help +show this help/);
    });
  }

  it("says in the usage's terms what is wrong with a command line, and suggests the option meant", () => {
    for (const [argv, parse, message] of [
      [["--stak", "prod"], parsePreviewArgs, "unknown option --stak (did you mean --stack?)"],
      [["-x"], parseTestPatternArgs, "unknown option -x"],
      [["--stack"], parsePreviewArgs, "--stack needs a value: --stack NAME"],
      [["--json=yes"], parsePreviewArgs, "--json takes no value"],
      [["extra"], parsePreviewArgs, "unexpected argument 'extra': this command takes only options"],
    ] as const) {
      const err: string[] = [];
      const code = readCommandLine(() => parse([...argv]), "USAGE", {
        out: () => {},
        err: (t) => err.push(t),
      });
      assert.equal(code, 2, argv.join(" "));
      assert.equal(err.join("\n").split("\n")[0], message);
    }
  });
});
