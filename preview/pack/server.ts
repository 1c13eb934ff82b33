/**
 * Talks to a policy pack the way the Pulumi CLI does: starts it with @pulumi/pulumi's
 * run-policy-pack, reads the port it prints, and calls its analyzer over gRPC.
 */
import { ChildProcess } from "child_process";
import * as path from "path";
import type * as grpcTypes from "@grpc/grpc-js";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { ownChild, servingPort } from "../children";
import { Empty, grpc, PulumiStruct } from "../grpc";
import {
  AnalyzerInput,
  ENFORCEMENT_LEVELS,
  PackInfo,
  PolicyConfig,
  PolicyInfo,
  StackAnalysis,
} from "./protocol";
import { sizeText } from "../../lib/pulumi/limited-file";
import { PolicyPackError, checkPolicyPack } from "./pack-folder";
import { analyzeRequest, analyzeStackRequest } from "./requests";

/**
 * The largest message a policy pack receives, and the Pulumi CLI sends it: 400 MiB. A larger
 * request fails with RESOURCE_EXHAUSTED under the CLI too.
 */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

export class PolicyPackServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: analyzerGrpc.AnalyzerClient,
  ) {}

  /** Starts the pack in `packDir`; resolves once it listens. */
  static async start(packDir: string): Promise<PolicyPackServer> {
    const runner = checkPolicyPack(packDir);
    // The first argument is the engine's address; this pack never calls back, so any will do.
    const child = ownChild(process.execPath, [runner, "127.0.0.1:0", "."], {
      cwd: path.resolve(packDir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const port = await servingPort(child, `the policy pack ${packDir}`).catch((e: Error) => {
      throw new PolicyPackError(e.message);
    });
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
      "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
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
        enforcementLevel: ENFORCEMENT_LEVELS[p.getEnforcementlevel()],
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
      policyConfig.setEnforcementlevel(
        ENFORCEMENT_LEVELS.indexOf(enforcementLevel) as analyzerProto.EnforcementLevel,
      );
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

  /** A request encoded by ./requests.ts: the bytes go out as they are. */
  private send(method: "Analyze" | "AnalyzeStack", request: Buffer): Promise<analyzerProto.AnalyzeResponse> {
    checkMessageSize(method, request.length);
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

/** A request the pack would refuse for its size, refused here with what to do. */
export function checkMessageSize(method: "Analyze" | "AnalyzeStack", bytes: number): void {
  if (bytes <= MAX_MESSAGE_BYTES) return;
  const what = method === "AnalyzeStack" ? "the stack's resources come" : "one resource comes";
  throw new PolicyPackError(
    `the stack is too large to check: ${what} to ${sizeText(bytes)} in one ${method} message, over the ` +
      `${sizeText(MAX_MESSAGE_BYTES)} a policy pack accepts in one message (the Pulumi CLI cannot send it either)`,
  );
}

function analysis(response: analyzerProto.AnalyzeResponse): StackAnalysis {
  return {
    diagnostics: response.getDiagnosticsList().map((d) => ({
      policyName: d.getPolicyname(),
      description: d.getDescription(),
      message: d.getMessage(),
      enforcementLevel: ENFORCEMENT_LEVELS[d.getEnforcementlevel()],
      urn: d.getUrn() || undefined,
    })),
    notApplicable: response
      .getNotApplicableList()
      .map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
  };
}
