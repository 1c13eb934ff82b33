/**
 * The policy pack as an organisation enforces it: `pulumi policy publish` uploads what `npm pack`
 * makes of policy/, and each member's Pulumi CLI unpacks that into an empty folder and runs
 * `npm install` there before starting it.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { ROOT } from "./program";

export const POLICY = path.join(ROOT, "policy");

export interface PublishedPack {
  /** The unpacked and installed pack, ready for run-policy-pack. */
  readonly dir: string;
  /** The tarball's files, relative to the pack, sorted. */
  readonly files: string[];
  /** Deletes the tarball and the installed pack. */
  remove(): void;
}

export async function installPublishedPack(): Promise<PublishedPack> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cis-monitoring-published-"));
  const remove = () => fs.rmSync(tmp, { recursive: true, force: true });
  try {
    // Like the CLI: the tarball's name is all `npm pack --loglevel=error` prints on standard output.
    const tarball = (await npm(POLICY, "pack", "--loglevel=error", "--pack-destination", tmp)).trim();
    await promisify(execFile)("tar", ["-xzf", tarball], { cwd: tmp });
    const dir = path.join(tmp, "package");
    const files = filesUnder(dir).sort();
    await npm(dir, "install", "--loglevel=error", "--prefer-offline", "--no-audit", "--no-fund");
    return { dir, files, remove };
  } catch (e) {
    remove();
    throw e;
  }
}

async function npm(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)("npm", args, { cwd, shell: process.platform === "win32" });
  return stdout;
}

function filesUnder(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const name = prefix + entry.name;
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), `${name}/`) : [name];
  });
}
