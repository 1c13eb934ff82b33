/** Every policy of the pack: a mandatory one per control of the catalog, and the advisories. */
import { Policies } from "@pulumi/policy";
import { CONTROLS } from "../catalog";
import { advisoriesPolicy } from "./advisories";
import { monitoredPolicy } from "./monitored";

export const policies: Policies = [...CONTROLS.map(monitoredPolicy), advisoriesPolicy];
