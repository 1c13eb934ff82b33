/**
 * The catalog of CIS monitoring controls: the one source of truth for the program (which
 * builds a filter and an alarm per control) and the policy pack (which checks them).
 * Adding a control is adding its data file to this list.
 */
import { Control } from "./control";
import { unauthorizedApiCalls } from "./unauthorized-api-calls";

export * from "./control";
export { referenceText } from "./references";

export const CONTROLS: readonly Control[] = [unauthorizedApiCalls];
