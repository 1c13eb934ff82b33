/**
 * What to replay: the controls, patterns, metric names and alarm settings a stack's config makes
 * the program deploy, read and validated exactly as the program does; flags may choose other
 * controls or another pattern set.
 */
import { parseStackConfig } from "../infra/config/read";
import { CONTROLS, PATTERN_SETS, PatternSet, RENAMED_PATTERN_SETS } from "../policy/catalog";
import { readProjectFile } from "../lib/pulumi/project";
import { existingStackConfig } from "../lib/pulumi/stack-config";
import { MonitoringSettings } from "../infra/config/settings";
import { ReplayControl } from "./count/tally";

export interface ReplayPlan {
  readonly stack: string;
  readonly patternSet: PatternSet;
  readonly controls: readonly ReplayControl[];
  /** The stack's delivery alarm, which no archive can replay, so the report says so. */
  readonly deliveryAlarm?: MonitoringSettings["deliveryAlarm"];
}

/** A flag naming no control or pattern set: says what is allowed. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
  }
}

export function replayPlan(
  projectDir: string,
  choice: { stack: string; controls?: readonly string[]; patternSet?: string },
): ReplayPlan {
  const project = readProjectFile(projectDir);
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(existingStackConfig(projectDir, project.name, choice.stack))) {
    if (key.startsWith(`${project.name}:`)) raw[key.slice(project.name.length + 1)] = value;
  }
  if (choice.patternSet !== undefined) raw.patternSet = patternSet(choice.patternSet);
  const configured = raw.controls ?? CONTROLS.map((c) => c.id);
  if (choice.controls !== undefined && Array.isArray(configured)) {
    // The flag's controls get the settings the stack would give them, had it chosen them too.
    const more = choice.controls.map(controlId).filter((id) => !configured.includes(id));
    raw.controls = [...configured, ...more];
  }
  const settings = parseStackConfig(raw, project.name, choice.stack);
  const wanted = choice.controls === undefined ? undefined : new Set(choice.controls);
  return {
    stack: choice.stack,
    patternSet: settings.patternSet,
    controls: settings.controls
      .filter((c) => wanted === undefined || wanted.has(c.control.id))
      .map((c) => ({
        control: c.control,
        pattern: c.control.patterns[settings.patternSet],
        metricName: c.metricName,
        alarm: c.alarm,
      })),
    deliveryAlarm: settings.deliveryAlarm,
  };
}

function patternSet(name: string): PatternSet {
  if ((PATTERN_SETS as readonly string[]).includes(name)) return name as PatternSet;
  const renamed = RENAMED_PATTERN_SETS[name];
  throw new PlanError(
    `--pattern-set ${name} ${renamed ? `was renamed to ${renamed}` : "is not a pattern set"}: use ${PATTERN_SETS.join(" or ")}`,
  );
}

function controlId(id: string): string {
  if (CONTROLS.some((c) => c.id === id)) return id;
  throw new PlanError(`--controls ${id} is not a control: use ${CONTROLS.map((c) => c.id).join(", ")}`);
}
