// Ends the process groups of a run's children (the program and what it started, the policy pack)
// once the run is gone, however it went: npm start writes "+<group>" when it starts a child and
// "-<group>" when that child's group has ended, on this process's standard input, which reaches its
// end only when npm start has exited, been killed (even with SIGKILL) or been killed by its own
// program. Started in a session of its own, so that a terminal's signals do not end it first.
const process = require("process");

const groups = new Set();
let pending = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  const lines = (pending + chunk).split("\n");
  pending = lines.pop();
  for (const line of lines) {
    const group = Number(line.slice(1));
    if (!Number.isInteger(group) || group <= 1) continue;
    if (line[0] === "+") groups.add(group);
    else groups.delete(group);
  }
});
process.stdin.on("end", () => {
  for (const group of groups) {
    try {
      process.kill(-group, "SIGKILL");
    } catch {
      // Already ended.
    }
  }
  process.exit(0);
});
