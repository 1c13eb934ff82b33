/**
 * Where a resource lives: its AWS region and account. CloudWatch metrics, metric filters and alarms
 * are regional and belong to one account, so the monitoring chain only links within one of each.
 * Programs that cover several regions or accounts use one provider per region or account; the
 * engine tells a policy each resource's provider, and @pulumi/aws v7 resources may name a region.
 */
import { memo } from "./maps";
import { Field, UNKNOWN, list, obj, str } from "./maybe-unknown";

export interface Location {
  /** The region; undefined when the provider leaves it to the environment (AWS_REGION and the like). */
  readonly region: Field<string>;
  /** The account id where it is known; otherwise see `credentials`. */
  readonly account: Field<string>;
  /** How the provider signs in, when the account id is not known: equal credentials, equal account. */
  readonly credentials: string;
  /** No provider was named: a stack checked without provider information is taken to be in one place. */
  readonly unspecified?: true;
}

/** A provider as the engine describes it to a policy. */
export interface ProviderInfo {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
}

/** Every resource of a stack whose provider the engine does not name shares this location. */
export const DEFAULT_LOCATION: Location = {
  region: undefined,
  account: undefined,
  credentials: "ambient",
  unspecified: true,
};

// The resources of one provider share its description, and so the location it gives them.
const providerLocations = new WeakMap<ProviderInfo, Location>();

/** Where a resource of @pulumi/aws or @pulumi/aws-native lives, from its provider and its own `region`. */
export function locate(props: Record<string, unknown>, provider: ProviderInfo | undefined): Location {
  const fromProvider =
    provider === undefined
      ? DEFAULT_LOCATION
      : memo(providerLocations, provider, () => providerLocation(provider.props));
  const region = str(props.region);
  return region === undefined ? fromProvider : { ...fromProvider, region };
}

function providerLocation(props: Record<string, unknown>): Location {
  const region = str(props.region);
  // @pulumi/aws takes a list of roles to assume in turn (the last one counts); aws-native one role.
  const roles = list(props.assumeRoles);
  const role = roles === UNKNOWN ? UNKNOWN : str(obj(roles.at(-1) ?? props.assumeRole).roleArn);
  if (role === UNKNOWN) return { region, account: UNKNOWN, credentials: "unknown" };
  if (role !== undefined)
    return { region, account: arnAccount(role) ?? UNKNOWN, credentials: `role ${role}` };
  const allowed = list(props.allowedAccountIds);
  const account = allowed !== UNKNOWN && allowed.length === 1 ? str(allowed[0]) : undefined;
  const profile = str(props.profile);
  if (profile === UNKNOWN) return { region, account: account ?? UNKNOWN, credentials: "unknown" };
  return { region, account, credentials: profile === undefined ? "ambient" : `profile ${profile}` };
}

/** The account id in an ARN (`arn:aws:iam::111122223333:role/x`), if it has one. */
export function arnAccount(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

/** The region in an ARN (`arn:aws:sns:us-east-1:...`), if it has one. */
export function arnRegion(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:([a-z0-9-]+):/.exec(arn)?.[1];
}

/** Whether two resources share a region and an account: surely, maybe (a value is unknown), or not. */
export function colocated(a: Location, b: Location): "yes" | "maybe" | false {
  if (a.unspecified || b.unspecified) return "yes";
  const region = sameRegion(a, b);
  const account = sameAccount(a, b);
  if (region === false || account === false) return false;
  return region === "yes" && account === "yes" ? "yes" : "maybe";
}

export function sameRegion(a: Location, b: Location): "yes" | "maybe" | false {
  if (a.unspecified || b.unspecified) return "yes";
  if (typeof a.region === "string" && typeof b.region === "string") return a.region === b.region && "yes";
  // Two providers that leave the region to the environment read the same environment.
  if (a.region === undefined && b.region === undefined) return "yes";
  return "maybe";
}

function sameAccount(a: Location, b: Location): "yes" | "maybe" | false {
  if (typeof a.account === "string" && typeof b.account === "string") return a.account === b.account && "yes";
  if (a.account === UNKNOWN || b.account === UNKNOWN) return "maybe";
  if (a.credentials === b.credentials && a.credentials !== "unknown") return "yes";
  // The stack's own credentials are taken to be in the account an ARN of the stack names.
  const ambient = (l: Location, other: Location) =>
    l.credentials === "ambient" && typeof other.account === "string";
  return ambient(a, b) || ambient(b, a) ? "yes" : "maybe";
}

/** Where an ARN says a resource is: its region and account, otherwise where `fallback` is. */
export function arnLocation(arn: string, fallback: Location): Location {
  const region = arnRegion(arn);
  const account = arnAccount(arn);
  if (region === undefined && account === undefined) return fallback;
  return {
    region: region ?? fallback.region,
    account: account ?? fallback.account,
    credentials: fallback.credentials,
    ...(fallback.unspecified && region === undefined ? { unspecified: true } : {}),
  };
}

/** How messages name a region: "us-east-1", or what decides it. */
export function regionLabel(location: Location): string {
  if (typeof location.region === "string") return location.region;
  return location.region === UNKNOWN ? "a region known after deployment" : "the provider's default region";
}

/** How messages name a place: "us-east-1", with the account where it is known. */
export function placeLabel(where: Location): string {
  const region = regionLabel(where);
  return typeof where.account === "string" ? `${region}, account ${where.account}` : region;
}

const placeKeys = new WeakMap<Location, string>();

/** A string that is the same for the same place; many resources share a location object, so it is computed once. */
export function placeKey(where: Location): string {
  return memo(placeKeys, where, () =>
    JSON.stringify([
      String(where.region),
      String(where.account),
      where.credentials,
      where.unspecified ?? false,
    ]),
  );
}
