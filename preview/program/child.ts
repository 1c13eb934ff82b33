/**
 * The program's process, started as the Pulumi CLI's Node.js language host starts it (the SDK's
 * `cmd/run` with the monitor's address and the stack's config), within bounds: it is stopped after
 * a time limit, only the end of what it prints is kept, and it goes with npm start however that ends.
 */
import * as path from "path";
import { ProjectFile } from "../../lib/pulumi/project";
import { StackConfig } from "../../lib/pulumi/stack-config";
import { ownChild } from "../children";

/** How much of the end of the program's output is kept, for the message when it fails. */
const KEPT_OUTPUT = 64 * 1024;

export interface ProgramProcess {
  /** Folder of the program's @pulumi/pulumi. */
  readonly sdk: string;
  /** The offline engine's address. */
  readonly address: string;
  readonly project: ProjectFile;
  readonly stack: string;
  readonly config: StackConfig;
  /** The working directory, and the program as the SDK's `cmd/run` takes it. */
  readonly pwd: string;
  readonly program: string;
  /** Stopped when still running after this many seconds. */
  readonly timeoutSeconds: number;
}

/** How the program's process ended, and the end of what it printed. */
export interface ProgramExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Stopped by the time limit. */
  readonly timedOut: boolean;
  /** The last {@link KEPT_OUTPUT} characters of its standard output and error. */
  readonly output: string;
}

export function runProgramProcess(run: ProgramProcess): Promise<ProgramExit> {
  const options = run.project.runtimeOptions;
  const nodeArgs = typeof options.nodeargs === "string" ? options.nodeargs.split(/\s+/).filter(Boolean) : [];
  const args = [
    ...nodeArgs,
    path.join(__dirname, "language-host.js"),
    path.join(run.sdk, "cmd", "run"),
    `--monitor=${run.address}`,
    `--engine=${run.address}`,
    `--project=${run.project.name}`,
    `--stack=${run.stack}`,
    "--organization=organization",
    `--pwd=${run.pwd}`,
    `--root-directory=${run.project.dir}`,
    "--dry-run",
    "--parallel=16",
    run.program,
  ];
  const child = ownChild(process.execPath, args, {
    cwd: run.pwd,
    env: programEnvironment(options),
    stdio: ["pipe", "pipe", "pipe"],
  });
  // The config goes over standard input, which ./language-host.js reads before the SDK loads.
  child.stdin!.on("error", () => undefined); // a program that exits at once does not read it
  child.stdin!.end(JSON.stringify(configVariables(run.config)));
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 2 * KEPT_OUTPUT) output = output.slice(-KEPT_OUTPUT);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, run.timeoutSeconds * 1000);
  return new Promise((resolve, reject) => {
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, output: output.slice(-KEPT_OUTPUT) });
    });
  });
}

/** The config as the Pulumi CLI sets it for a program: every value as text, and which keys are secret. */
function configVariables(config: StackConfig): Record<string, string> {
  const values = Object.entries(config.values);
  return {
    PULUMI_CONFIG: JSON.stringify(Object.fromEntries(values.map(([k, { text }]) => [k, text]))),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(values.filter(([, v]) => v.secret).map(([k]) => k)),
  };
}

/** The program's environment, as the CLI sets it from the project's runtime options. */
function programEnvironment(options: Record<string, unknown>): NodeJS.ProcessEnv {
  // The passphrase stays with this process: the program gets config values, decrypted or unknown.
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.PULUMI_CONFIG_PASSPHRASE;
  delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
  Object.assign(env, {
    PULUMI_NODEJS_TYPESCRIPT: String(options.typescript !== false),
    // Type errors are the compiler's business; an offline check only needs the program to run.
    PULUMI_NODEJS_TRANSPILE_ONLY: process.env.PULUMI_NODEJS_TRANSPILE_ONLY ?? "true",
  });
  if (typeof options.tsconfig === "string") env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
  return env;
}
