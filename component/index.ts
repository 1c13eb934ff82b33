/** The CisMonitoring component, the same one the program in infra/ deploys. */
export { CisMonitoring } from "../infra/monitoring";
export type { Alarm, CisMonitoringArgs } from "../infra/config/args";
