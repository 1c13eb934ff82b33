/**
 * A --policy-pack folder, checked before anything runs: a folder with a PulumiPolicy.yaml for the
 * Node.js runtime, and @pulumi/pulumi installed for it, whose run-policy-pack starts it as the
 * Pulumi CLI does.
 */
import * as fs from "fs";
import * as path from "path";
import { readYamlFile, runtimeOf } from "../../lib/pulumi/project";

/** A policy pack that cannot be used or does not start: the message names the folder and the fix. */
export class PolicyPackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyPackError";
  }
}

/** The run-policy-pack script that starts the pack in `dir`; fails on a folder that is no Node.js pack. */
export function checkPolicyPack(dir: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new PolicyPackError(`the policy pack ${dir} does not exist`);
  }
  if (!stat.isDirectory()) throw new PolicyPackError(`the policy pack ${dir} is not a folder`);
  const manifest = path.join(dir, "PulumiPolicy.yaml");
  if (!fs.existsSync(manifest)) {
    const program = fs.existsSync(path.join(dir, "Pulumi.yaml"))
      ? ": it is a Pulumi project (run it with --program)"
      : "";
    throw new PolicyPackError(`${dir} is not a policy pack: it has no PulumiPolicy.yaml${program}`);
  }
  const { name } = runtimeOf((readYamlFile(manifest) as Record<string, unknown> | null)?.runtime);
  if (name !== "nodejs") {
    throw new PolicyPackError(
      `${manifest} names the runtime ${JSON.stringify(name ?? null)}: only Node.js packs (nodejs) run ` +
        "offline; check the others with `pulumi preview --policy-pack`",
    );
  }
  try {
    return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [path.resolve(dir)] });
  } catch {
    throw new PolicyPackError(
      `@pulumi/pulumi is not installed for the policy pack in ${dir}: run \`npm install\` there first`,
    );
  }
}
