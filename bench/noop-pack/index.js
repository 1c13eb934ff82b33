// One stack policy that does nothing, in plain JavaScript: the cost of shipping a stack through the
// analyzer protocol, and of starting a pack that needs no compiling.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("noop", {
  policies: [
    { name: "noop", description: "Reads nothing.", enforcementLevel: "advisory", validateStack: () => {} },
  ],
});
