/**
 * The component as the Pulumi CLI hosts it for programs in other languages: Pulumi's own
 * ComponentProvider over component/, which infers the schema from the TypeScript and constructs
 * the component from inputs as the engine sends them. One provider serves every test, since
 * inferring the schema compiles the component's TypeScript.
 */
import * as fs from "fs";
import * as path from "path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental/provider";
// The component's TypeScript itself; main.js, which the plugin starts from, would transpile it instead of ts-node.
import { CisMonitoring } from "../../component/index";
import { ROOT } from "./program";

export const COMPONENT_DIR = path.join(ROOT, "component");
export const COMPONENT_TYPE = "cis-monitoring:index:CisMonitoring";

let provider: ComponentProvider | undefined;

/** The provider `run-plugin` starts for component/: named after its package, hosting what it exports. */
export function componentProvider(): ComponentProvider {
  const { name } = JSON.parse(fs.readFileSync(path.join(COMPONENT_DIR, "package.json"), "utf8"));
  provider ??= new ComponentProvider({ name, dirname: COMPONENT_DIR, components: [CisMonitoring] });
  return provider;
}

/** What a construct answered, by component name: its URN and the state it returned. */
export const constructed = new Map<string, Promise<{ urn: string; state: Record<string, unknown> }>>();
