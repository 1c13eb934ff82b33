/**
 * ARNs of the stack's resources as IAM sees them in a request: what the stack knows of each part,
 * and holes for what deployment decides (a generated name, a region the environment gives).
 */
import { arnLocation, Field, Location, UNKNOWN } from "../stack";
import { LATER, stackPart, Template } from "./wildcards";

/** The ARN partition of a region. */
function partition(region: string): string {
  return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/** A part known as text, or a hole until deployment. */
export function part(value: Field<string>): string | typeof LATER {
  return typeof value === "string" && value !== "" ? value : LATER;
}

/** The account of a place: known, or the stack's own where its credentials are the ambient ones. */
export function accountOf(where: Location): Template[number] {
  if (typeof where.account === "string") return where.account;
  return where.account !== UNKNOWN && where.credentials === "ambient" ? stackPart("account") : LATER;
}

/** The region of a place: known, the stack's own one without provider information, or known later. */
export function regionOf(where: Location): Template[number] {
  // Without provider information, the stack is taken to be in one place, the one its ARNs name.
  return where.unspecified && where.region === undefined ? stackPart("region") : part(where.region);
}

/**
 * `arn:PARTITION:SERVICE:REGION:ACCOUNT:` followed by `resource`, for a resource at `where`, or at
 * the place its own ARN names where that ARN is known.
 */
export function arnAt(service: string, where: Location, resource: Template, arn?: Field<string>): Template {
  const at = typeof arn === "string" ? arnLocation(arn, where) : where;
  const region = regionOf(at);
  return [
    "arn:",
    typeof region === "string" ? partition(region) : region === LATER ? LATER : stackPart("partition"),
    `:${service}:`,
    region,
    ":",
    accountOf(at),
    ":",
    ...resource,
  ];
}
