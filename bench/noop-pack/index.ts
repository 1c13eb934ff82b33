// One stack policy that does nothing: the cost of shipping a stack through the analyzer protocol.
import { PolicyPack } from "@pulumi/policy";

new PolicyPack("noop", {
  policies: [
    { name: "noop", description: "Reads nothing.", enforcementLevel: "advisory", validateStack: () => {} },
  ],
});
