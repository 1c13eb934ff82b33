import type { ProviderInfo } from "./location";

/** A resource as the policy sees it: plain properties, and what each property depends on. */
export interface RawResource {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly dependencies: readonly string[];
  /** The provider that manages it, as the engine names it (absent: the stack's default provider). */
  readonly provider?: ProviderInfo;
}
