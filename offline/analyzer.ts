/**
 * Talks to a policy pack the way the Pulumi CLI does: starts it with @pulumi/pulumi's
 * run-policy-pack, reads the port it prints, and calls its analyzer over gRPC.
 */
import { ChildProcess, spawn } from "child_process";
import { createRequire } from "module";
import * as path from "path";
import type * as grpcTypes from "@grpc/grpc-js";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { ownChild } from "./children";
import { analyzeRequest, analyzeStackRequest, WireProperties } from "./wire";

// gRPC and protobuf messages must be the copies @pulumi/pulumi itself uses.
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js") as typeof grpcTypes;
const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb") as {
  Empty: new () => import("google-protobuf/google/protobuf/empty_pb").Empty;
};
export const { Struct: PulumiStruct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as {
  Struct: typeof Struct;
};

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];

/** The provider of a resource, as the engine sends it to analyzers. */
export interface AnalyzerProvider {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly properties: WireProperties;
}

/** A resource as the engine sends it to analyzers. */
export interface AnalyzerInput {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly properties: WireProperties;
  readonly parent?: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly protect: boolean;
  readonly provider?: AnalyzerProvider;
}

/** An analyzer input from plain properties; `links` maps a property to the URNs its value came from. */
export function analyzerInput(
  type: string,
  name: string,
  urn: string,
  props: object,
  links: Record<string, string[]> = {},
): AnalyzerInput {
  return {
    type,
    name,
    urn,
    properties: PulumiStruct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]),
    dependencies: [...new Set(Object.values(links).flat())],
    propertyDependencies: links,
    protect: false,
  };
}

export interface PolicyInfo {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  /** JSON Schema properties of the policy's config. */
  readonly configSchema: Record<string, Record<string, unknown>>;
}

export interface PackInfo {
  readonly name: string;
  readonly version: string;
  readonly policies: PolicyInfo[];
}

export interface PolicyConfig {
  readonly enforcementLevel: EnforcementLevel;
  readonly properties: Record<string, unknown>;
}

export interface Diagnostic {
  readonly policyName: string;
  readonly description: string;
  readonly message: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly urn?: string;
}

export interface StackAnalysis {
  readonly diagnostics: Diagnostic[];
  /** Policies that reported they do not apply, with why. */
  readonly notApplicable: { policyName: string; reason: string }[];
}

export class PolicyPackServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: analyzerGrpc.AnalyzerClient,
  ) {}

  /** Starts the pack in `packDir`; resolves once it listens. */
  static async start(packDir: string): Promise<PolicyPackServer> {
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    // The first argument is the engine's address; this pack never calls back, so any will do.
    const child = ownChild(
      spawn(process.execPath, [runner, "127.0.0.1:0", "."], {
        cwd: path.resolve(packDir),
        stdio: ["ignore", "pipe", "pipe"],
      }),
    );
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      let err = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const line = /^(\d+)\s*$/m.exec(out);
        if (line) resolve(Number(line[1]));
      });
      child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
      child.on("exit", (code) =>
        reject(new Error(`policy pack ${packDir} exited with ${code} before serving:\n${err}${out}`)),
      );
      child.on("error", reject);
    });
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
      "grpc.max_send_message_length": 400 * 1024 * 1024,
    });
    return new PolicyPackServer(child, client);
  }

  /** The pack's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async info(): Promise<PackInfo> {
    const info = await this.call<analyzerProto.AnalyzerInfo>((cb) =>
      this.client.getAnalyzerInfo(new Empty(), cb),
    );
    return {
      name: info.getName(),
      version: info.getVersion(),
      policies: info.getPoliciesList().map((p) => ({
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: LEVELS[p.getEnforcementlevel()],
        configSchema: (p.getConfigschema()?.getProperties()?.toJavaScript() ??
          {}) as PolicyInfo["configSchema"],
      })),
    };
  }

  async configure(config: Record<string, PolicyConfig>): Promise<void> {
    const request = new analyzerProto.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const [name, { enforcementLevel, properties }] of Object.entries(config)) {
      const policyConfig = new analyzerProto.PolicyConfig();
      policyConfig.setEnforcementlevel(LEVELS.indexOf(enforcementLevel) as analyzerProto.EnforcementLevel);
      policyConfig.setProperties(
        PulumiStruct.fromJavaScript(properties as Parameters<typeof Struct.fromJavaScript>[0]),
      );
      map.set(name, policyConfig);
    }
    await this.call((cb) => this.client.configure(request, cb));
  }

  /** What the CLI calls once per resource, before it changes. */
  async analyze(resource: AnalyzerInput): Promise<StackAnalysis> {
    return analysis(await this.send("Analyze", analyzeRequest(resource)));
  }

  /** What the CLI calls once, with every resource of the stack. */
  async analyzeStack(resources: readonly AnalyzerInput[]): Promise<StackAnalysis> {
    return analysis(await this.send("AnalyzeStack", analyzeStackRequest(resources)));
  }

  /** A request encoded by ./wire.ts: the bytes go out as they are. */
  private send(method: "Analyze" | "AnalyzeStack", request: Buffer): Promise<analyzerProto.AnalyzeResponse> {
    return this.call((cb) =>
      this.client.makeUnaryRequest(
        `/pulumirpc.Analyzer/${method}`,
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => analyzerProto.AnalyzeResponse.deserializeBinary(bytes),
        request,
        cb,
      ),
    );
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill();
    await exited;
  }

  private call<T>(fn: (cb: (err: grpcTypes.ServiceError | null, res?: T) => void) => void): Promise<T> {
    return new Promise((resolve, reject) => fn((err, res) => (err ? reject(err) : resolve(res!))));
  }
}

function analysis(response: analyzerProto.AnalyzeResponse): StackAnalysis {
  return {
    diagnostics: response.getDiagnosticsList().map((d) => ({
      policyName: d.getPolicyname(),
      description: d.getDescription(),
      message: d.getMessage(),
      enforcementLevel: LEVELS[d.getEnforcementlevel()],
      urn: d.getUrn() || undefined,
    })),
    notApplicable: response
      .getNotApplicableList()
      .map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
  };
}
