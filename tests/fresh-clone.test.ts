import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { chooseChromium, USUAL_CHROMIUM_PATHS } from "./helpers/chromium";
import { ROOT } from "./helpers/program";

/** The files below `dir` (relative to the project) whose name ends with `.ts`. */
function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(dir, f));
}

describe("a fresh clone, with nothing beside it", () => {
  describe("the test data", () => {
    const data = path.join(ROOT, "tests", "data");
    const readme = fs.readFileSync(path.join(data, "README.md"), "utf8");

    it("is in the repository, each file with a README section on where it came from", () => {
      const files = fs.readdirSync(data).filter((f) => f !== "README.md");
      assert.deepEqual(
        files.filter((f) => !new RegExp(`^## ${f.replace(/\./g, "\\.")}\\b`, "m").test(readme)),
        [],
      );
      assert.ok(files.length >= 4, files.join(", "));
    });

    it("is all that tests and benchmarks read: nothing from a folder beside the checkout", () => {
      const outside = [...sources("tests"), ...sources("bench")].filter((f) =>
        /\.\.\/shared\b|["'`]\.\.["'`],\s*["'`]shared["'`]/.test(fs.readFileSync(path.join(ROOT, f), "utf8")),
      );
      assert.deepEqual(outside, []);
    });
  });

  describe("the browser tests", () => {
    const only =
      (...present: string[]) =>
      (file: string) =>
        present.includes(file);

    it("run in the Chromium CHROMIUM_PATH names, before any usual path", () => {
      const env = { CHROMIUM_PATH: "/opt/chrome/chrome" };
      assert.deepEqual(chooseChromium(env, only("/opt/chrome/chrome", "/usr/bin/chromium")), {
        run: "/opt/chrome/chrome",
      });
    });

    it("otherwise run in the first Chromium found at the usual paths", () => {
      assert.deepEqual(chooseChromium({}, only("/usr/bin/google-chrome", "/usr/bin/chromium-browser")), {
        run: "/usr/bin/chromium-browser",
      });
      assert.deepEqual(USUAL_CHROMIUM_PATHS.slice(0, 3), [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
      ]);
    });

    it("without one, are skipped with a one-line reason that says how to get one", () => {
      const choice = chooseChromium({}, only());
      assert.deepEqual(Object.keys(choice), ["skip"]);
      const reason = (choice as { skip: string }).skip;
      assert.match(
        reason,
        /^browser tests skipped: no Chromium in CHROMIUM_PATH or at \/usr\/bin\/chromium, .*; to run them, install one \(Debian and Ubuntu: `apt-get install chromium`\) or set CHROMIUM_PATH to its executable$/,
      );
      assert.doesNotMatch(reason, /\n/);
    });

    it("are skipped, naming the variable, when CHROMIUM_PATH names no executable, whatever else is installed", () => {
      assert.deepEqual(chooseChromium({ CHROMIUM_PATH: "/nowhere/chromium" }, only("/usr/bin/chromium")), {
        skip: "browser tests skipped: CHROMIUM_PATH=/nowhere/chromium is not an executable file; to run them, install one (Debian and Ubuntu: `apt-get install chromium`) or set CHROMIUM_PATH to its executable",
      });
    });

    it("fail under CI rather than pass unseen", () => {
      for (const CI of ["1", "true"]) {
        assert.deepEqual(chooseChromium({ CI, CHROMIUM_PATH: "/nowhere/chromium" }, only()), {
          fail: "CI is set, so the browser tests must run, but CHROMIUM_PATH=/nowhere/chromium is not an executable file: install one (Debian and Ubuntu: `apt-get install chromium`) or set CHROMIUM_PATH to its executable",
        });
      }
      for (const CI of ["", "0", "false"]) {
        assert.deepEqual(Object.keys(chooseChromium({ CI }, only())), ["skip"], `CI=${CI}`);
      }
    });
  });
});
