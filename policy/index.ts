/** The CIS monitoring policy pack. Policies live in ./policies; this file only serves them. */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("cis-monitoring", { policies });
