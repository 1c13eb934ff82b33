/** Stack config → the component's arguments: this project's keys, read from the text Pulumi hands over. */
import * as pulumi from "@pulumi/pulumi";
import { CisMonitoringArgs } from "./args";
import { SettingsOrigin, stackConfig } from "./error";
import { MonitoringSettings } from "./settings";
import { configText, readConfigText } from "./text";
import { monitoringSettings } from "./validate";

/**
 * This project's keys of the stack config, as the component's arguments. They are validated here,
 * as the component will validate them again, so that a bad value is named by its stack config key.
 */
export function readStackConfig(namespace = pulumi.getProject()): CisMonitoringArgs {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    const [ns, name] = splitKey(key);
    if (ns === namespace) raw[name] = value;
  }
  const origin = stackConfig(namespace, pulumi.getStack());
  const args = argsFromConfig(raw, origin);
  monitoringSettings(args, origin);
  return args;
}

/**
 * Validates config values, as Pulumi hands them to the program (text) or as the stack file has
 * them, into settings.
 */
export function parseStackConfig(
  raw: Record<string, unknown>,
  namespace: string,
  stack?: string,
): MonitoringSettings {
  const origin = stackConfig(namespace, stack);
  return monitoringSettings(argsFromConfig(raw, origin), origin);
}

/** Each key's value read from its text; the values are checked after, by monitoringSettings. */
function argsFromConfig(raw: Record<string, unknown>, origin: SettingsOrigin): CisMonitoringArgs {
  const args: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw))
    args[name] = readConfigText(origin, name, configText(value));
  return args;
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(":");
  return [key.slice(0, colon), key.slice(colon + 1)];
}
