/** Every policy of the pack: two per control of the catalog. */
import { Policies } from "@pulumi/policy";
import { CONTROLS } from "../catalog";
import { advisoriesPolicy } from "./advisories";
import { monitoredPolicy } from "./monitored";

export const policies: Policies = CONTROLS.flatMap((control) => [
  monitoredPolicy(control),
  advisoriesPolicy(control),
]);
