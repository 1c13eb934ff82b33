/** Temporary folders and files for the tests, each in a new folder of the system's temporary folder. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A new, empty folder whose name starts with `cis-monitoring-<name>-`. */
export function temporaryFolder(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cis-monitoring-${name}-`));
}

/** Writes files into a new temporary folder and returns the folder. */
export function tempFiles(files: Record<string, string | object>): string {
  const dir = temporaryFolder("files");
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

/** Writes `content` to a new temporary file and returns its path. */
export function tempFile(name: string, content: string | object): string {
  return path.join(tempFiles({ [name]: content }), name);
}
