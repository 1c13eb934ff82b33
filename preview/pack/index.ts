/**
 * The policy pack, asked as the Pulumi CLI asks it: started with @pulumi/pulumi's run-policy-pack,
 * configured as `--policy-pack-config` says, then sent each resource (Analyze) and the whole stack
 * (AnalyzeStack) over gRPC.
 */
export { policyPackConfig, PolicyConfigError, readPolicyConfigFile } from "./policy-config";
export {
  AnalyzerInput,
  analyzerInput,
  AnalyzerProvider,
  Diagnostic,
  EnforcementLevel,
  PackInfo,
  PolicyConfig,
  StackAnalysis,
} from "./protocol";
export { PolicyPackServer } from "./server";
export { PulumiStruct } from "../grpc";
