/**
 * Runs a Pulumi TypeScript program in this process under Pulumi's mock monitor and records
 * every resource it registers, as the engine would see it.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as runtimeSettings from "@pulumi/pulumi/runtime/settings";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { RegisterResourceRequest, RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import { plainProperties } from "../../lib/pulumi/property-values";
import { configStrings } from "../../lib/pulumi/stack-config";
import { registered, RegisteredResource } from "../../preview/program/registered";
import { OfflineMocks } from "./mocks";

/** One registered resource: what the engine receives in RegisterResource, and what it answered. */
export interface CapturedResource extends RegisteredResource {
  /** The inputs as plain values; an unknown value reads as `(known after deployment)`. */
  readonly inputs: Record<string, unknown>;
  /** The state the (mock) provider returned, as plain values. */
  readonly outputs: Record<string, unknown>;
}

export interface CaptureOptions {
  /** Folder of the program (its package.json or Pulumi.yaml `main`), or its entry file. */
  readonly program: string;
  readonly project: string;
  readonly stack: string;
  /** Stack config as `namespace:key` → value, values as Pulumi stores them. */
  readonly config: Record<string, unknown>;
  /** true: a first `pulumi preview`, where provider-computed outputs are unknown. */
  readonly preview: boolean;
}

export interface Capture {
  readonly resources: CapturedResource[];
  /** The program's failure, if it failed. */
  readonly error?: unknown;
  readonly unansweredInvokes: string[];
}

// The runtime keeps the queue of outstanding registrations internal; this drains it.
const { waitForRPCs } = runtimeSettings as unknown as { waitForRPCs(): Promise<void> };

type RegisterCallback = (err: unknown, resp?: RegisterResourceResponse) => void;

export async function captureProgram(options: CaptureOptions): Promise<Capture> {
  const region = String(options.config["aws:region"] ?? "us-east-1");
  const mocks = new OfflineMocks(region, options.preview);
  pulumi.runtime.setAllConfig(configStrings(options.config));
  await pulumi.runtime.setMocks(mocks, options.project, options.stack, options.preview);

  // Kept in the order the program registered them, as `pulumi preview` lists them.
  const slots: (CapturedResource | undefined)[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterResourceRequest, cb: RegisterCallback): void;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    const slot = slots.push(undefined) - 1;
    register(req, (err, resp) => {
      if (resp) slots[slot] = captured(req, resp.getUrn(), resp.getObject());
      cb(err, resp);
    });
  };

  // A failed registration or invoke surfaces as a rejection no caller awaits: count it as the program's failure.
  const failures: unknown[] = [];
  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);
  let error: unknown;
  try {
    await pulumi.runtime.runInPulumiStack(async () => loadFresh(options.program));
    await waitForRPCs();
  } catch (e) {
    error = e;
  } finally {
    // Rejections are reported after the turn they happen in; let them arrive before listening stops.
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", onRejection);
  }
  error ??= failures[0];
  const resources = slots.filter((r): r is CapturedResource => r !== undefined);
  return { resources, error, unansweredInvokes: mocks.unanswered };
}

// Each run must execute the program anew, so forget any earlier load of its files.
function loadFresh(program: string): unknown {
  const dir = path.resolve(program);
  for (const loaded of Object.keys(require.cache)) {
    if (loaded.startsWith(dir + path.sep) || loaded === dir) delete require.cache[loaded];
  }
  // A program is loaded by path, at run time, as `pulumi` itself loads it; an exported function is run.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(dir);
  return typeof exported === "function" ? exported() : exported;
}

/** A registration as the engine received it, with the URN and state it answered. */
function captured(req: RegisterResourceRequest, urn: string, state: Struct | undefined): CapturedResource {
  const resource = registered(req, urn);
  return {
    ...resource,
    inputs: plainProperties(resource.properties),
    outputs: state ? plainProperties(state) : {},
  };
}
