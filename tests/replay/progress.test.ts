import { strict as assert } from "assert";
import { Progress } from "../../replay/progress";

describe("replay: the progress bar", () => {
  const terminal = () => {
    const written: string[] = [];
    return {
      written,
      stream: { write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream,
    };
  };

  it("draws the share of bytes read and the events counted, then clears its line", () => {
    const { written, stream } = terminal();
    const progress = new Progress(stream, 4_000_000);
    progress.update(1_000_000, 1234);
    progress.fileDone();
    progress.clear();
    assert.deepEqual(written, [
      `\r[########......................]  25%  1.0 MB of 4.0 MB, 1,234 events`,
      "\r\x1b[K",
    ]);
  });

  it("counts events only on standard input, whose size is unknown", () => {
    const { written, stream } = terminal();
    new Progress(stream, 0).update(0, 10);
    assert.deepEqual(written, ["\r10 events"]);
  });
});
