import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { replay, spreadCorpus, writeS3Archive } from "./archive";
import { ROOT } from "../helpers/program";
import { temporaryFolder } from "../helpers/temp-files";

const README = path.join(ROOT, "README.md");
const START = "<!-- replay-example:start -->";
const END = "<!-- replay-example:end -->";

/** The README's example is what the replay prints for the archive the README tells how to build. */
describe("the README's replay example", function () {
  this.timeout(120_000);
  const folder = temporaryFolder("readme");
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it(`is what the command prints, between ${START} and ${END} (set UPDATE_README_EXAMPLES=1 to rewrite it)`, async function () {
    const archive = writeS3Archive(path.join(folder, "trail"), spreadCorpus());
    const run = await replay(["--controls", "unauthorized-api-calls,root-account-usage", archive]);
    assert.equal(run.status, 0, run.stderr);
    const block = `${START}\n\n\`\`\`text\n${run.stdout}\n\`\`\`\n\n${END}`;
    const readme = fs.readFileSync(README, "utf8");
    const start = readme.indexOf(START);
    const end = readme.indexOf(END) + END.length;
    assert.ok(start >= 0 && end > start, `README.md has ${START} and ${END}`);
    if (process.env.UPDATE_README_EXAMPLES) {
      fs.writeFileSync(README, readme.slice(0, start) + block + readme.slice(end));
      // Comparing the text just written with itself would prove nothing: its diff is the check.
      console.warn(`      rewrote the example in ${README}: review its diff; the comparison is skipped`);
      this.skip();
    }
    assert.equal(readme.slice(start, end), block);
  });
});
