/**
 * What `npm start` found: the resources, the policy results by policy, notes on what the run could
 * not see or left out, and a verdict. It is the `--json` document, and what the text shows.
 */
import { Diagnostic, EnforcementLevel, PackInfo, PolicyConfig, StackAnalysis } from "../pack/protocol";

/** Exit codes, by verdict (2 is a command line, file or program that cannot be used). */
const VERDICT_EXIT = { passed: 0, failed: 1, incomplete: 3 } as const;

export interface ReportResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  /** URN of the resource's provider. */
  readonly provider?: string;
  /** The few settings that matter for monitoring, in words. */
  readonly summary: string;
  /** For the resources monitoring is made of: their properties, secrets masked. */
  readonly properties?: Record<string, unknown>;
}

export interface ResourceRef {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
}

/** A referenced stack whose outputs the run did not have, and the resources that use them. */
export interface UnknownStackOutputs {
  /** The stack, as the program's StackReference names it. */
  readonly stack: string;
  readonly usedBy: ResourceRef[];
}

/** What the run could not see, or judged differently from the stack as given. */
export interface Notes {
  /** Secret config values that are unknown here, by key, and why. */
  readonly unknownConfig?: { readonly keys: string[]; readonly reason: string };
  /** Secrets of a stack export that are unknown here. */
  readonly unknownSecrets?: { readonly count: number; readonly reason: string };
  /** Resources left out or judged as they will be after the next update. */
  readonly resources?: { readonly urn: string; readonly note: string }[];
  /** The stack has no config file of its own. */
  readonly noStackFile?: string;
}

export interface PolicyResult {
  readonly name: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly status: "passed" | "failed" | "disabled" | "not applicable";
  /** Why the pack found nothing to check, when it says so. */
  readonly notApplicable?: string;
  readonly violations: {
    readonly message: string;
    readonly urn?: string;
    readonly enforcementLevel: EnforcementLevel;
  }[];
}

export interface PreviewReport {
  readonly stack: string;
  readonly source: { readonly program: string } | { readonly state: string };
  readonly verdict: {
    readonly status: "passed" | "failed" | "incomplete";
    readonly exitCode: number;
    /** The verdict in one sentence, as the text report ends. */
    readonly summary: string;
    readonly mandatoryViolations: number;
    readonly advisoryViolations: number;
    /** Components built by a provider plugin, whose resources an offline run cannot see. */
    readonly notExpanded: ResourceRef[];
    /** Stack references whose outputs were not given (--stack-reference-outputs). */
    readonly unknownStackOutputs: UnknownStackOutputs[];
  };
  readonly notes: Notes;
  readonly policyPack: { readonly name: string; readonly version: string };
  readonly policies: PolicyResult[];
  readonly resources: ReportResource[];
}

export interface PreviewReportInput {
  readonly stack: string;
  readonly source: PreviewReport["source"];
  readonly resources: ReportResource[];
  readonly notExpanded: ResourceRef[];
  readonly unknownStackOutputs: UnknownStackOutputs[];
  readonly notes: Notes;
  readonly info: PackInfo;
  readonly config: Record<string, PolicyConfig>;
  /** The pack's answers to Analyze, one per resource. */
  readonly resourceAnalyses: StackAnalysis[];
  /** The pack's answer to AnalyzeStack. */
  readonly stackAnalysis: StackAnalysis;
}

export function buildPreviewReport(input: PreviewReportInput): PreviewReport {
  const { info, config, resourceAnalyses, stackAnalysis } = input;
  const diagnostics: Diagnostic[] = [...resourceAnalyses, stackAnalysis].flatMap((a) => a.diagnostics);
  const policies: PolicyResult[] = info.policies.map((policy) => {
    const enforcementLevel = config[policy.name]?.enforcementLevel ?? policy.enforcementLevel;
    const violations = diagnostics
      .filter((d) => d.policyName === policy.name)
      .map((d) => ({
        // The pack puts the policy's description before each message; the report shows it once.
        message: d.message.startsWith(`${policy.description}\n`)
          ? d.message.slice(policy.description.length + 1)
          : d.message,
        urn: d.urn,
        enforcementLevel: d.enforcementLevel,
      }));
    const notApplicable = notApplicableReason(policy.name, resourceAnalyses, stackAnalysis);
    const status =
      enforcementLevel === "disabled"
        ? "disabled"
        : violations.length > 0
          ? "failed"
          : notApplicable !== undefined
            ? "not applicable"
            : "passed";
    return {
      name: policy.name,
      enforcementLevel,
      status,
      ...(status === "not applicable" ? { notApplicable } : {}),
      violations,
    };
  });
  const all = policies.flatMap((p) => p.violations);
  const mandatoryViolations = all.filter((v) => v.enforcementLevel === "mandatory").length;
  const advisoryViolations = all.length - mandatoryViolations;
  // A violation the run saw stands even if parts of the stack were hidden from it.
  const hidden = hiddenParts(input.notExpanded, input.unknownStackOutputs);
  const status = mandatoryViolations > 0 ? "failed" : hidden.length > 0 ? "incomplete" : "passed";
  return {
    stack: input.stack,
    source: input.source,
    verdict: {
      status,
      exitCode: VERDICT_EXIT[status],
      summary: summary(status, mandatoryViolations, advisoryViolations, hidden),
      mandatoryViolations,
      advisoryViolations,
      notExpanded: input.notExpanded,
      unknownStackOutputs: input.unknownStackOutputs,
    },
    notes: input.notes,
    policyPack: { name: info.name, version: info.version },
    policies,
    resources: input.resources,
  };
}

/**
 * Why the pack found nothing to check for a policy: a stack policy it called not applicable, or a
 * resource policy it called not applicable to every resource. The pack's reasons, each once.
 */
function notApplicableReason(
  policy: string,
  resourceAnalyses: StackAnalysis[],
  stackAnalysis: StackAnalysis,
): string | undefined {
  const answer = (a: StackAnalysis) => a.notApplicable.find((n) => n.policyName === policy);
  const answers = answer(stackAnalysis)
    ? [answer(stackAnalysis)!]
    : resourceAnalyses.length > 0 && resourceAnalyses.every(answer)
      ? resourceAnalyses.map((a) => answer(a)!)
      : [];
  if (answers.length === 0) return undefined;
  const reasons = [...new Set(answers.map((a) => a.reason).filter(Boolean))];
  return reasons.join("; ") || "the pack reported nothing to check";
}

/** `1 violation`, `2 violations`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** What the run could not see, each part in words and with what to do about it. */
interface Hidden {
  readonly what: string;
  readonly remedy: string;
}

function hiddenParts(notExpanded: ResourceRef[], unknownStackOutputs: UnknownStackOutputs[]): Hidden[] {
  const parts: Hidden[] = [];
  if (notExpanded.length > 0) {
    parts.push({
      what:
        `${plural(notExpanded.length, "component")} not expanded offline: ` +
        notExpanded.map((c) => `${c.type} '${c.name}'`).join(", "),
      remedy:
        `A provider plugin builds ${notExpanded.length === 1 ? "its" : "their"} resources, ` +
        "which only `pulumi preview --policy-pack policy` can check.",
    });
  }
  const used = unknownStackOutputs.filter((s) => s.usedBy.length > 0);
  if (used.length > 0) {
    const users = new Set(used.flatMap((s) => s.usedBy.map((r) => r.urn)));
    parts.push({
      what:
        `${plural(users.size, "resource")} ${users.size === 1 ? "uses" : "use"} outputs of ` +
        `${used.length === 1 ? "stack" : "stacks"} ${used.map((s) => `'${s.stack}'`).join(", ")}, unknown offline`,
      remedy: "Give them with --stack-reference-outputs FILE.",
    });
  }
  return parts;
}

function summary(
  status: PreviewReport["verdict"]["status"],
  mandatory: number,
  advisory: number,
  hidden: Hidden[],
): string {
  const advisories = advisory > 0 ? `, ${advisory} advisory` : "";
  const what = hidden.map((h) => h.what).join("; ");
  switch (status) {
    case "failed":
      return (
        `Failed: ${plural(mandatory, "mandatory policy violation")}${advisories}` +
        (what ? `; also ${what}.` : ".")
      );
    case "incomplete":
      return `Incomplete: ${what}. ${hidden.map((h) => h.remedy).join(" ")}`;
    default:
      return `Passed: no mandatory policy violations${advisories}.`;
  }
}
