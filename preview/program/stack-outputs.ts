/**
 * The outputs of the stacks a program references (`new pulumi.StackReference("org/project/stack")`),
 * which an offline run cannot read from the backend: given in a file, by stack name, each as
 * `pulumi stack output --json --show-secrets --stack <name>` prints them.
 */
import { readJsonObjectFile } from "../../lib/pulumi/limited-file";

export type StackOutputs = Readonly<Record<string, Record<string, unknown>>>;

/** A --stack-reference-outputs file that cannot be used: the message names the file and the problem. */
export class StackOutputsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackOutputsError";
  }
}

const SHAPE = 'a JSON object of stack names, each with its outputs: {"org/project/stack": {"name": value}}';

export function readStackOutputs(file: string): StackOutputs {
  const parsed = readJsonObjectFile(
    file,
    "stack reference outputs",
    SHAPE,
    (message) => new StackOutputsError(message),
  );
  for (const [stack, outputs] of Object.entries(parsed)) {
    if (!isObject(outputs))
      throw new StackOutputsError(`${file}: the outputs of '${stack}' are not an object; expected ${SHAPE}`);
  }
  return parsed as StackOutputs;
}

/** How `pulumi stack output --json` writes a secret output without --show-secrets. */
const SECRET_OUTPUT = "[secret]";

/**
 * The outputs of `stack` known here: those given, unless one is a secret written as "[secret]". The
 * SDK reads a reference's outputs as one value, so one unknown output makes them all unknown.
 */
export function knownOutputs(given: StackOutputs, stack: string): Record<string, unknown> | undefined {
  const outputs = Object.hasOwn(given, stack) ? given[stack] : undefined;
  return outputs && !Object.values(outputs).includes(SECRET_OUTPUT) ? outputs : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
