/** Builds the JSON `pulumi stack export` writes, from a program run with every value known (as after `pulumi up`). */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CapturedResource } from "../../offline/capture";

export function stackExport(resources: CapturedResource[]): object {
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-11-24T08:00:00Z", magic: "", version: "v3.200.0" },
      secrets_providers: { type: "service" },
      resources: resources.map((r) => ({
        urn: r.urn,
        custom: r.custom,
        ...(r.custom ? { id: `${r.name}-id` } : {}),
        type: r.type,
        inputs: r.inputs,
        outputs: r.outputs,
        ...(r.parent ? { parent: r.parent } : {}),
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
        protect: r.protect,
      })),
    },
  };
}

/** Writes files into a new temporary folder and returns the folder. */
export function tempFiles(files: Record<string, string | object>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cis-monitoring-"));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

/** Writes `content` to a new temporary file and returns its path. */
export function tempFile(name: string, content: string | object): string {
  return path.join(tempFiles({ [name]: content }), name);
}
