/**
 * Runs a Pulumi Node.js program as the Pulumi CLI does, with no cloud: the program's own
 * @pulumi/pulumi starts it (TypeScript or JavaScript, CommonJS or ES modules) in its own folder, in a
 * child process that talks to the offline engine of ./engine.ts. The result is every resource the
 * engine would hand a policy pack in a first `pulumi preview`, each with its provider.
 */
import * as fs from "fs";
import * as path from "path";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ProjectFile } from "../../lib/pulumi/project";
import { wireSecret } from "../../lib/pulumi/property-values";
import { StackConfig } from "../../lib/pulumi/stack-config";
import { PulumiStruct } from "../grpc";
import { AnalyzerInput, AnalyzerProvider } from "../pack/protocol";
import type { UnknownStackOutputs } from "../report/build";
import { OfflineEngine } from "./engine";
import { runProgramProcess } from "./child";
import { failureMessage } from "./failure";
import { OfflineInvokes } from "./invokes";
import { registered } from "./registered";
import { StackOutputs } from "./stack-outputs";

/** The oldest @pulumi/pulumi whose programs run offline. */
const OLDEST_SDK = "3.0.0";

/** A program that cannot run offline, or that failed: the message is for the user, as is. */
export class ProgramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProgramError";
  }
}

export interface ProgramResult {
  readonly resources: (AnalyzerInput & { properties: Struct })[];
  /** Components a provider plugin builds (registered `remote`), whose children an offline run cannot see. */
  readonly notExpanded: { urn: string; type: string; name: string }[];
  /** Stack references whose outputs were not given, with the resources that use them. */
  readonly unknownStackOutputs: UnknownStackOutputs[];
}

export interface PreviewOptions {
  /** Called once the program is found runnable and starts. */
  readonly whenRunning: () => void;
  /** Called with the values of each secret the program registers, as it registers them. */
  readonly onSecrets: (values: unknown[]) => void;
  /** The program is stopped when still running after this many seconds. */
  readonly timeoutSeconds: number;
  /** Outputs of the stacks the program references, by stack name; the others are unknown. */
  readonly stackOutputs?: StackOutputs;
}

/** Runs the program as a first `pulumi preview` would. */
export async function previewProgram(
  project: ProjectFile,
  stack: string,
  config: StackConfig,
  { whenRunning, onSecrets, timeoutSeconds, stackOutputs = {} }: PreviewOptions,
): Promise<ProgramResult> {
  if (project.runtime !== "nodejs") {
    throw new ProgramError(
      `${project.name} is a ${project.runtime || "non-Node.js"} project, and only Node.js programs can run offline: ` +
        "run `pulumi preview --policy-pack policy` with the CLI, or check the stack's export with " +
        "`pulumi stack export | npm start -- --state -`",
    );
  }
  const { pwd, program } = entryPoint(project);
  const sdk = programSdk(pwd);
  const region = config.values["aws:region"]?.value;
  const invokes = new OfflineInvokes(typeof region === "string" ? region : "us-east-1");
  const engine = await OfflineEngine.start({
    project: project.name,
    stack,
    providerConfig: (pkg, version) => providerInputs(pkg, version, config),
    invokes,
    onSecrets,
    stackOutputs,
  });
  whenRunning();
  let exit;
  try {
    exit = await runProgramProcess({
      sdk,
      address: engine.address,
      project,
      stack,
      config,
      pwd,
      program,
      timeoutSeconds,
    });
  } finally {
    await engine.stop();
  }
  if (exit.code !== 0 || exit.timedOut) {
    throw new ProgramError(failureMessage(engine, invokes, exit, pwd, timeoutSeconds));
  }
  return result(engine);
}

/** As the CLI runs it: a `main` folder becomes the working directory, a `main` file runs from the project folder. */
function entryPoint(project: ProjectFile): { pwd: string; program: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(project.main);
  } catch {
    throw new ProgramError(
      `the program ${project.main} named by 'main' in ${project.dir}/Pulumi.yaml does not exist`,
    );
  }
  return stat.isDirectory()
    ? { pwd: project.main, program: "." }
    : { pwd: project.dir, program: path.relative(project.dir, project.main) };
}

/** The program's own @pulumi/pulumi, which must be recent enough to run under this engine. */
function programSdk(pwd: string): string {
  let manifest: string;
  try {
    manifest = require.resolve("@pulumi/pulumi/package.json", { paths: [pwd] });
  } catch {
    throw new ProgramError(
      `@pulumi/pulumi is not installed for the program in ${pwd}: run \`npm install\` there first`,
    );
  }
  const version = String((JSON.parse(fs.readFileSync(manifest, "utf8")) as { version?: unknown }).version);
  if (compareVersions(version, OLDEST_SDK) < 0) {
    throw new ProgramError(
      `the program uses @pulumi/pulumi ${version} (${path.dirname(manifest)}), and offline runs need ${OLDEST_SDK} or later: ` +
        "update it with `npm install @pulumi/pulumi@latest`",
    );
  }
  return path.dirname(manifest);
}

function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/).slice(0, 3).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] || 0) - (y[i] || 0);
  return 0;
}

/** A default provider's inputs: the package's settings from the stack's config, secrets kept secret, and its version. */
function providerInputs(pkg: string, version: string, config: StackConfig): Struct {
  const inputs: Record<string, unknown> = {};
  for (const [key, { value, secret }] of Object.entries(config.values)) {
    if (!key.startsWith(`${pkg}:`)) continue;
    const name = key.slice(pkg.length + 1);
    inputs[name] = secret ? wireSecret(value as never) : value;
  }
  if (version) inputs.version = version;
  return PulumiStruct.fromJavaScript(inputs as never);
}

function result(engine: OfflineEngine): ProgramResult {
  // Resources share their provider's object; the engine has registered each provider before its resources.
  const providers = new Map<string, AnalyzerProvider>();
  const resources: ProgramResult["resources"] = [];
  const notExpanded: ProgramResult["notExpanded"] = [];
  for (const entry of engine.resources) {
    if (!("request" in entry)) {
      providers.set(entry.urn, entry);
      resources.push({ ...entry, dependencies: [], propertyDependencies: {}, protect: false });
      continue;
    }
    const { urn, type, name, parent, properties, dependencies, propertyDependencies, protect } = registered(
      entry.request,
      entry.urn,
    );
    if (type.startsWith("pulumi:providers:")) providers.set(urn, { urn, type, name, properties });
    if (entry.request.getRemote()) notExpanded.push({ urn, type, name });
    resources.push({
      urn,
      type,
      name,
      parent,
      properties,
      dependencies,
      propertyDependencies,
      protect,
      provider: entry.provider === undefined ? undefined : providers.get(entry.provider),
    });
  }
  return { resources, notExpanded, unknownStackOutputs: unknownStackOutputs(engine, resources) };
}

/** Each referenced stack whose outputs are unknown, with the resources that depend on its reference. */
function unknownStackOutputs(
  engine: OfflineEngine,
  resources: ProgramResult["resources"],
): UnknownStackOutputs[] {
  const unknown = engine.stackReferences.filter((r) => !r.known);
  return [...new Set(unknown.map((r) => r.stack))].map((stack) => {
    const urns = new Set(unknown.filter((r) => r.stack === stack).map((r) => r.urn));
    const usedBy = resources
      .filter((r) =>
        [...r.dependencies, ...Object.values(r.propertyDependencies).flat()].some((urn) => urns.has(urn)),
      )
      .map(({ urn, type, name }) => ({ urn, type, name }));
    return { stack, usedBy };
  });
}
