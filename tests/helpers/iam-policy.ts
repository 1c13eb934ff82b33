/**
 * Whether an IAM policy document of the program allows a request, judged by the pack's own reading
 * of policy documents: the tests ask yes or no, so an answer the pack cannot give fails the test.
 */
import { allows as judge } from "../../policy/rules/permissions";

export interface Request {
  /** The service principal calling (`cloudtrail.amazonaws.com`); absent for a role's own policies. */
  readonly service?: string;
  readonly action: string;
  readonly resource: string;
  /** Condition keys the caller sends: `kms:ViaService`, `aws:SourceArn`. */
  readonly context?: Readonly<Record<string, string>>;
}

export function allows(document: object, { service, action, resource, context = {} }: Request): boolean {
  const { answer, reasons } = judge([document], {
    service,
    action,
    resource: [resource],
    context: Object.fromEntries(Object.entries(context).map(([key, value]) => [key.toLowerCase(), [value]])),
  });
  if (answer !== "yes" && answer !== "no") {
    throw new Error(`cannot tell whether ${action} on ${resource} is allowed: ${reasons.join("; ")}`);
  }
  return answer === "yes";
}
