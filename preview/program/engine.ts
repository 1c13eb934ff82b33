/**
 * The two gRPC services a Pulumi program talks to, served in this process so that a program runs
 * with its own @pulumi/pulumi exactly as under the Pulumi CLI, but with no cloud behind it: the
 * resource monitor records every registration and answers as a first `pulumi preview` would
 * (inputs become the state, everything the provider computes stays unknown), and the engine
 * service collects the program's log messages.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import * as resourceGrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourceProto from "@pulumi/pulumi/proto/resource_pb";
import { plainProperties, providerUrn, secretValues, UNKNOWN_WIRE } from "../../lib/pulumi/property-values";
import { Empty, grpc, PulumiStruct } from "../grpc";
import { AnalyzerProvider } from "../pack/protocol";
import { OfflineInvokes } from "./invokes";
import { knownOutputs, StackOutputs } from "./stack-outputs";

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/**
 * What the monitor has no offline answer for: a call to the cloud, named as the program made it.
 * Unanswered invokes are {@link OfflineInvokes}' to record.
 */
export interface CloudRead {
  readonly kind: "read" | "call";
  /** The function or resource type token. */
  readonly token: string;
  /** For reads: the resource's name and id. */
  readonly detail?: string;
}

/** A `pulumi.StackReference` the program made, and whether its outputs were given. */
export interface StackReferenceRead {
  readonly urn: string;
  /** The referenced stack, as the program names it (`org/project/stack`). */
  readonly stack: string;
  readonly known: boolean;
}

/** A registration as the engine received it, with the URN it gave the resource. */
export interface Registration {
  readonly request: resourceProto.RegisterResourceRequest;
  readonly urn: string;
  /** URN of a custom resource's provider: the one it names, or the default provider the engine gave it. */
  readonly provider?: string;
}

/** A default provider the engine creates for resources that name none, as `pulumi:providers:<package>`. */
export interface DefaultProvider extends AnalyzerProvider {
  readonly properties: Struct;
}

/** The log severity of errors, the only log messages kept: the first of them says why a program failed. */
const ERROR_SEVERITY = engineProto.LogSeverity.ERROR;
/** How many error messages are kept, and how much of each: a program may log without end. */
const KEPT_ERRORS = 10;
const KEPT_ERROR_LENGTH = 64 * 1024;

// Features the offline engine has, as asked by the SDK at start-up. Without resource references the
// SDK sends a resource passed as a value as its ID (a component as its URN), which is what the engine
// hands a policy pack.
const FEATURES: Record<string, boolean> = {
  secrets: true,
  resourceReferences: false,
  outputValues: false,
  deletedWith: true,
  aliasSpecs: true,
  transforms: false,
  invokeTransforms: false,
  parameterization: true,
};

export interface EngineOptions {
  readonly project: string;
  readonly stack: string;
  /**
   * The inputs of each package's default provider (`aws` → region and other `aws:*` settings), as wire
   * values, with the package `version` the resource asked for, if any.
   */
  readonly providerConfig: (pkg: string, version: string) => Struct;
  readonly invokes: OfflineInvokes;
  /** Called with the values of the secrets in each registration, as it arrives. */
  readonly onSecrets: (values: unknown[]) => void;
  /** The outputs of referenced stacks the user gave, by stack name; the others are unknown. */
  readonly stackOutputs: StackOutputs;
}

export class OfflineEngine {
  /** Registrations and default providers, in the order the engine saw them. */
  readonly resources: (Registration | DefaultProvider)[] = [];
  /** The first error messages the program logged (its uncaught error among them). */
  readonly errors: string[] = [];
  readonly cloudReads: CloudRead[] = [];
  readonly stackReferences: StackReferenceRead[] = [];
  private readonly defaultProviders = new Map<string, DefaultProvider>();
  private rootUrn = "";

  private constructor(
    private readonly server: grpcTypes.Server,
    readonly address: string,
    private readonly options: EngineOptions,
  ) {}

  static async start(options: EngineOptions): Promise<OfflineEngine> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    const engine = new OfflineEngine(server, `127.0.0.1:${port}`, options);
    // Methods left out answer UNIMPLEMENTED, which the SDK expects of engines that lack them.
    server.addService(
      resourceGrpc.ResourceMonitorService,
      engine.monitorService() as grpcTypes.UntypedServiceImplementation,
    );
    server.addService(
      engineGrpc.EngineService,
      engine.engineService() as grpcTypes.UntypedServiceImplementation,
    );
    return engine;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
  }

  private monitorService(): Partial<resourceGrpc.IResourceMonitorServer> {
    return {
      supportsFeature: (call, cb) => {
        const response = new resourceProto.SupportsFeatureResponse();
        response.setHassupport(FEATURES[call.request.getId()] ?? false);
        cb(null, response);
      },
      registerResource: (call, cb) => cb(null, this.register(call.request)),
      registerResourceOutputs: (_call, cb) => cb(null, new Empty()),
      invoke: (call, cb) => cb(null, this.invoke(call.request)),
      readResource: (call, cb) => {
        if (call.request.getType() === STACK_REFERENCE_TYPE)
          return cb(null, this.readStackReference(call.request));
        const detail = `${call.request.getName()} (id ${call.request.getId()})`;
        this.cloudReads.push({ kind: "read", token: call.request.getType(), detail });
        cb({ code: grpc.status.FAILED_PRECONDITION, details: `reading ${detail} needs the cloud` });
      },
      call: (call, cb) => {
        this.cloudReads.push({ kind: "call", token: call.request.getTok() });
        cb({ code: grpc.status.FAILED_PRECONDITION, details: `${call.request.getTok()} runs in a provider` });
      },
      registerPackage: (_call, cb) => {
        const response = new resourceProto.RegisterPackageResponse();
        response.setRef("offline");
        cb(null, response);
      },
      signalAndWaitForShutdown: (_call, cb) => cb(null, new Empty()),
    };
  }

  private engineService(): Partial<engineGrpc.IEngineServer> {
    return {
      log: (call, cb) => {
        const r = call.request;
        if (r.getSeverity() === ERROR_SEVERITY && this.errors.length < KEPT_ERRORS) {
          this.errors.push(r.getMessage().slice(0, KEPT_ERROR_LENGTH));
        }
        cb(null, new Empty());
      },
      getRootResource: (_call, cb) => {
        const response = new engineProto.GetRootResourceResponse();
        response.setUrn(this.rootUrn);
        cb(null, response);
      },
      setRootResource: (call, cb) => {
        this.rootUrn = call.request.getUrn();
        cb(null, new engineProto.SetRootResourceResponse());
      },
    };
  }

  private register(request: resourceProto.RegisterResourceRequest): resourceProto.RegisterResourceResponse {
    const type = request.getType();
    const urn = this.urn(request.getParent(), type, request.getName());
    // A default provider created here is listed before its first resource, as the engine registers it.
    const provider = this.providerOf(request);
    this.resources.push({ request, urn, provider });
    const secrets = secretValues(request.getObject()?.toJavaScript());
    if (secrets.length > 0) this.options.onSecrets(secrets);
    if (type === ROOT_STACK_TYPE && !request.getParent()) this.rootUrn = urn;
    // In a first preview the state of a new resource is its inputs; what the provider computes is unknown.
    const response = new resourceProto.RegisterResourceResponse();
    response.setUrn(urn);
    response.setId("");
    response.setObject(request.getObject() ?? new PulumiStruct());
    return response;
  }

  /**
   * A StackReference, read as the engine's built-in provider reads it: the referenced stack's outputs,
   * here those the user gave, else unknown, as values computed at deployment are in a preview.
   */
  private readStackReference(request: resourceProto.ReadResourceRequest): resourceProto.ReadResourceResponse {
    const stack = request.getId();
    const urn = this.urn(request.getParent(), STACK_REFERENCE_TYPE, request.getName());
    const outputs = knownOutputs(this.options.stackOutputs, stack);
    this.stackReferences.push({ urn, stack, known: outputs !== undefined });
    const response = new resourceProto.ReadResourceResponse();
    response.setUrn(urn);
    response.setProperties(
      PulumiStruct.fromJavaScript({
        name: stack,
        outputs: (outputs ?? UNKNOWN_WIRE) as never,
        secretOutputNames: outputs ? [] : UNKNOWN_WIRE,
      }),
    );
    return response;
  }

  private invoke(request: resourceProto.ResourceInvokeRequest): providerProto.InvokeResponse {
    const token = request.getTok();
    const response = new providerProto.InvokeResponse();
    try {
      const args = request.getArgs();
      const inputs = args ? plainProperties(args) : {};
      const result = this.options.invokes.call({ token, inputs, provider: request.getProvider() });
      response.setReturn(
        PulumiStruct.fromJavaScript(result as Parameters<typeof PulumiStruct.fromJavaScript>[0]),
      );
    } catch (e) {
      const failure = new providerProto.CheckFailure();
      failure.setReason((e as Error).message);
      response.setFailuresList([failure]);
    }
    return response;
  }

  /** A provider resource has none, nor has a component; a custom resource that names none gets its package's default. */
  private providerOf(request: resourceProto.RegisterResourceRequest): string | undefined {
    const type = request.getType();
    if (!request.getCustom() || type.startsWith("pulumi:providers:")) return undefined;
    const reference = request.getProvider();
    return reference
      ? providerUrn(reference)
      : this.defaultProvider(type.split(":")[0], request.getVersion()).urn;
  }

  /** Default providers are named after the package version the resource asked for, as the engine names them. */
  private defaultProvider(pkg: string, version: string): DefaultProvider {
    const { type, name, key } = defaultProviderKey(pkg, version);
    const known = this.defaultProviders.get(key);
    if (known) return known;
    const provider: DefaultProvider = {
      urn: `urn:pulumi:${this.options.stack}::${this.options.project}::${type}::${name}`,
      type,
      name,
      properties: this.options.providerConfig(pkg, version),
    };
    this.defaultProviders.set(key, provider);
    this.resources.push(provider);
    return provider;
  }

  /** The engine's URN: a child's type is qualified by its parent's, except under the root stack. */
  private urn(parent: string, type: string, name: string): string {
    const parentType = parent ? parent.split("::")[2] : "";
    const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${this.options.stack}::${this.options.project}::${qualified}::${name}`;
  }
}

function defaultProviderKey(pkg: string, version: string) {
  const type = `pulumi:providers:${pkg}`;
  const name = version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
  return { type, name, key: `${type}::${name}` };
}
