/** Every policy of the pack: a mandatory one per control of the catalog, the advisories, and the trail's own hardening. */
import { Policies } from "@pulumi/policy";
import { CIS_CONTROLS } from "../catalog";
import { advisoriesPolicy } from "./advisories";
import { monitoredPolicy } from "./monitored";
import { trailHardeningPolicy } from "./trail-hardening";

export const policies: Policies = [...CIS_CONTROLS.map(monitoredPolicy), advisoriesPolicy, trailHardeningPolicy];
