/** The CIS monitoring policy pack. Policies live in ./policies; this file only serves them. */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";
import { PACK_METADATA } from "./policies/metadata";

new PolicyPack("cis-monitoring", { policies, ...PACK_METADATA });
