import { Checked } from "./checked";
import { policyPackConfig, PolicyConfigFile } from "./pack/policy-config";
import { AnalyzerInput, StackAnalysis } from "./pack/protocol";
import { PolicyPackServer } from "./pack/server";
import { buildPreviewReport, PreviewReport } from "./report/build";

/** The pack's verdict, asked for as the CLI asks: configure, Analyze each resource, then AnalyzeStack. */
export async function judge(
  pack: PolicyPackServer,
  checked: Checked,
  configFile?: PolicyConfigFile,
): Promise<PreviewReport> {
  const info = await pack.info();
  const config = policyPackConfig(info, configFile);
  await pack.configure(config);
  const resourceAnalyses = await analyzeEach(pack, checked.inputs);
  const stackAnalysis = await pack.analyzeStack(checked.inputs);
  return buildPreviewReport({ ...checked, info, config, resourceAnalyses, stackAnalysis });
}

/** The per-resource Analyze calls the CLI makes, several in flight at once, answers in resource order. */
async function analyzeEach(pack: PolicyPackServer, inputs: AnalyzerInput[]): Promise<StackAnalysis[]> {
  const answers: StackAnalysis[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      answers[i] = await pack.analyze(inputs[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(64, inputs.length) }, worker));
  return answers;
}
