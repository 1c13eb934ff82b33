/**
 * The Chromium that browser tests check pages in: the one CHROMIUM_PATH names, else the first of
 * the usual install paths. Without one they are skipped, saying how to get one, except under CI,
 * where a skipped check would pass unseen.
 */
import * as fs from "fs";

export const CHROMIUM_VARIABLE = "CHROMIUM_PATH";

/** Where Debian, Ubuntu, Fedora, Google's packages, snap and macOS install Chromium or Chrome. */
export const USUAL_CHROMIUM_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

const HOW = `install one (Debian and Ubuntu: \`apt-get install chromium\`) or set ${CHROMIUM_VARIABLE} to its executable`;

export type ChromiumChoice = { readonly run: string } | { readonly skip: string } | { readonly fail: string };

/** What browser tests do in this environment: run in a Chromium, or skip or fail with the reason. */
export function chooseChromium(
  env: NodeJS.ProcessEnv,
  isExecutable: (file: string) => boolean = executableFile,
): ChromiumChoice {
  const named = env[CHROMIUM_VARIABLE];
  const found = named ? (isExecutable(named) ? named : undefined) : USUAL_CHROMIUM_PATHS.find(isExecutable);
  if (found !== undefined) return { run: found };
  const missing = named
    ? `${CHROMIUM_VARIABLE}=${named} is not an executable file`
    : `no Chromium in ${CHROMIUM_VARIABLE} or at ${USUAL_CHROMIUM_PATHS.join(", ")}`;
  return underCi(env)
    ? { fail: `CI is set, so the browser tests must run, but ${missing}: ${HOW}` }
    : { skip: `browser tests skipped: ${missing}; to run them, ${HOW}` };
}

/** The Chromium to run a suite's browser tests in; skips them from a `before` hook, or fails. */
export function chromiumFor(suite: Mocha.Context): string {
  const choice = chooseChromium(process.env);
  if ("run" in choice) return choice.run;
  if ("fail" in choice) throw new Error(choice.fail);
  console.log(`    ${choice.skip}`);
  return suite.skip();
}

/** CI systems set CI, most to "true" or "1". */
function underCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && !["", "0", "false"].includes(env.CI);
}

function executableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
