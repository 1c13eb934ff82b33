/**
 * The CIS monitoring policy pack. Start reading here:
 *
 * - ./policies: the policies, a mandatory one per control of ./catalog, one advisory for every
 *   control, one for the trail itself. Each only asks ./rules for a verdict and reports it.
 * - ./rules: pure functions over one index of the stack (./stack), judging each control's chain
 *   step by step as the program builds it (infra/flow/): 1 trail → 2 log group → 3 metric filter and
 *   its metric → 4 alarm → 5 topic → 6 people.
 * - ./stack: the stack as plain data, read into one shape whichever provider declared it.
 * - ./request: the one surprise. The pack reads each AnalyzeStack request itself, once, as it
 *   arrives, and @pulumi/policy's `args.resources` holds a stand-in resource that names the request:
 *   with a policy per control, letting @pulumi/policy unpack every resource for every policy would
 *   cost the stack's size times the number of policies. Where the request cannot be read so, each
 *   policy reads `args.resources` instead, slower, with the same verdicts.
 *
 * This file only wires the policies into the pack.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";
import { PACK_METADATA } from "./policies/metadata";

new PolicyPack("cis-monitoring", { policies, ...PACK_METADATA });
