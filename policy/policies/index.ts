/**
 * Every policy of the pack: one per control of the catalog (mandatory for the CIS controls), the
 * advisories, the delivery alarm, and the trail's own hardening.
 */
import { Policies } from "@pulumi/policy";
import { CONTROLS } from "../catalog";
import { advisoriesPolicy } from "./advisories";
import { deliveryAlarmPolicy } from "./delivery-alarm";
import { monitoredPolicy } from "./monitored";
import { trailHardeningPolicy } from "./trail-hardening";

export const policies: Policies = [
  ...CONTROLS.map(monitoredPolicy),
  advisoriesPolicy,
  deliveryAlarmPolicy,
  trailHardeningPolicy,
];
