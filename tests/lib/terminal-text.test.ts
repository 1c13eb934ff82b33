import { strict as assert } from "assert";
import { terminalText } from "../../lib/cli";

describe("text from outside, as a terminal shows it", () => {
  it("escapes escape sequences, carriage returns and line breaks that could draw a fake verdict", () => {
    const forged = "trail\u001b[2K\r\u001b[32m✔ Passed: no mandatory policy violations.\u001b[39m\nnext";
    assert.equal(
      terminalText(forged),
      "trail\\u001b[2K\\r\\u001b[32m✔ Passed: no mandatory policy violations.\\u001b[39m\\nnext",
    );
  });

  it("escapes C1 controls, DEL, backspace, vertical tabs and bidirectional overrides", () => {
    assert.equal(
      terminalText("a\u009b31mb\u007fc\bd\u000be\u202eevil\u2066f\u2028g"),
      "a\\u009b31mb\\u007fc\\bd\\u000be\\u202eevil\\u2066f\\u2028g",
    );
  });

  it("leaves a tab, which only moves forward as spaces would, as it is", () => {
    const message = "Missing required configuration variable 'p:x'\n\tplease set a value";
    assert.equal(
      terminalText(message),
      "Missing required configuration variable 'p:x'\\n\tplease set a value",
    );
  });

  it("leaves printable text alone, whatever its script", () => {
    const printable = 'pattern { ($.errorCode = "*UnauthorizedOperation") } → é 日本 ✔ \\x1b';
    assert.equal(terminalText(printable), printable);
  });

  it("keeps a JSON document valid and equal when its lines are escaped", () => {
    const value = { name: "a\u009b\u202eb", list: ["\u0085x"] };
    const json = JSON.stringify(value, null, 2);
    const escaped = json.split("\n").map(terminalText).join("\n");
    assert.doesNotMatch(escaped, /[\u0080-\u009f\u202e]/);
    assert.deepEqual(JSON.parse(escaped), value);
  });
});
