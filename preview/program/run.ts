/**
 * Runs a Pulumi Node.js program as the Pulumi CLI does, with no cloud: the program's own
 * @pulumi/pulumi starts it (TypeScript or JavaScript, CommonJS or ES modules) in its own folder, in a
 * child process that talks to the offline engine of ./engine.ts. The result is every resource the
 * engine would hand a policy pack in a first `pulumi preview`, each with its provider.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ProjectFile } from "../../lib/pulumi/project";
import { wireSecret } from "../../lib/pulumi/property-values";
import { StackConfig } from "../../lib/pulumi/stack-config";
import { ownChild } from "../children";
import { PulumiStruct } from "../grpc";
import { AnalyzerInput, AnalyzerProvider } from "../pack/protocol";
import { OfflineEngine } from "./engine";
import { OfflineInvokes, UnansweredInvokeError } from "./invokes";
import { registered } from "./registered";

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
}

/** Runs the program; `whenRunning` is called once the program is found runnable and starts. */
export async function previewProgram(
  project: ProjectFile,
  stack: string,
  config: StackConfig,
  whenRunning: () => void,
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
  });
  let exit: { code: number | null; output: string };
  whenRunning();
  try {
    exit = await runChild(sdk, engine.address, project, stack, config, pwd, program);
  } finally {
    await engine.stop();
  }
  if (exit.code !== 0) throw new ProgramError(failure(engine, invokes, exit.output, pwd));
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

function runChild(
  sdk: string,
  address: string,
  project: ProjectFile,
  stack: string,
  config: StackConfig,
  pwd: string,
  program: string,
): Promise<{ code: number | null; output: string }> {
  const options = project.runtimeOptions;
  const nodeArgs = typeof options.nodeargs === "string" ? options.nodeargs.split(/\s+/).filter(Boolean) : [];
  const args = [
    ...nodeArgs,
    path.join(sdk, "cmd", "run"),
    `--monitor=${address}`,
    `--engine=${address}`,
    `--project=${project.name}`,
    `--stack=${stack}`,
    "--organization=organization",
    `--pwd=${pwd}`,
    `--root-directory=${project.dir}`,
    "--dry-run",
    "--parallel=16",
    program,
  ];
  const env = programEnvironment(config, options);
  const child = ownChild(spawn(process.execPath, args, { cwd: pwd, env, stdio: ["ignore", "pipe", "pipe"] }));
  let output = "";
  const collect = (chunk: Buffer) => {
    if (output.length < 1_000_000) output += chunk.toString();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The program's environment, as the CLI sets it: its config, and the project's runtime options. */
function programEnvironment(config: StackConfig, options: Record<string, unknown>): NodeJS.ProcessEnv {
  // The passphrase stays with this process: the program gets config values, decrypted or unknown.
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.PULUMI_CONFIG_PASSPHRASE;
  delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
  const values = Object.entries(config.values);
  Object.assign(env, {
    PULUMI_CONFIG: JSON.stringify(Object.fromEntries(values.map(([k, { text }]) => [k, text]))),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(values.filter(([, v]) => v.secret).map(([k]) => k)),
    PULUMI_NODEJS_TYPESCRIPT: String(options.typescript !== false),
    // Type errors are the compiler's business; an offline check only needs the program to run.
    PULUMI_NODEJS_TRANSPILE_ONLY: process.env.PULUMI_NODEJS_TRANSPILE_ONLY ?? "true",
  });
  if (typeof options.tsconfig === "string") env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
  return env;
}

function failure(engine: OfflineEngine, invokes: OfflineInvokes, output: string, pwd: string): string {
  if (invokes.unanswered.length > 0) return new UnansweredInvokeError(invokes.unanswered).message;
  const first = engine.cloudReads[0];
  if (first) {
    return (
      `the program ${first.kind === "read" ? `reads ${first.token} ${first.detail} from the cloud` : `calls ${first.token}, which runs in a provider`}, ` +
      "which an offline run cannot do: run `pulumi preview --policy-pack policy` with the CLI, or check the deployed stack with --state"
    );
  }
  const error = engine.logs.find((l) => l.severity === "error");
  if (!error) return `the program exited without running to the end:\n${output.trim()}`;
  return programError(error.message, pwd);
}

/**
 * The program's own error, where it was thrown: `Running program '…' failed with an unhandled
 * exception: Error: boom / at … (/project/index.ts:3:7)` reads `the program failed at index.ts:3: Error: boom`.
 */
function programError(message: string, pwd: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = message.replace(/\u001b\[[0-9;]*m/g, "");
  const unhandled = /^Running program '[^']*' failed with an unhandled exception:\n/.exec(plain);
  if (!unhandled) return plain;
  const lines = plain.slice(unhandled[0].length).split("\n");
  const frames = lines.filter((l) => /^\s+at /.test(l));
  const text = lines.filter((l) => !/^\s+at /.test(l) && l.trim() !== "");
  const own = frames
    .map((f) => /\(?(?:file:\/\/)?((?:\/|[A-Za-z]:\\)[^():]+):(\d+):\d+\)?$/.exec(f))
    .find((m) => m && !m[1].includes(`${path.sep}node_modules${path.sep}`));
  const where = own ? ` at ${path.relative(pwd, own[1])}:${own[2]}` : "";
  return `the program failed${where}: ${text.join("\n")}`;
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
  return { resources, notExpanded };
}
