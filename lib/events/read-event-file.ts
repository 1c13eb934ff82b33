/**
 * Reads one file's log events (or standard input's) as a stream, gunzipping as it goes, so memory
 * stays flat however large the input.
 */
import * as fs from "fs";
import { pipeline, Readable } from "stream";
import { StringDecoder } from "string_decoder";
import * as zlib from "zlib";
import { EventHandler, EventInputError, SkipHandler } from "./event";
import { EventSplitter } from "./event-splitter";

/**
 * Bytes read, and decompressed, at a time. Text decoded from a chunk this size stays below V8's
 * large-object size, so it is freed by the young generation's collections: memory stays flat.
 */
const CHUNK = 64 * 1024;

export interface ReadOptions {
  /** Hears how many bytes of the file have been read so far. */
  readonly onProgress?: (bytesRead: number) => void;
  /** Hears of each record passed over, too long to read; without it, such a record stops the file. */
  readonly onSkip?: SkipHandler;
}

/**
 * Reads the events of one file (`-`: standard input) as they arrive, gunzipping when the content is
 * gzip. Errors of the file or its compression are EventInputErrors naming the file; an error thrown
 * by `onEvent` comes out as it was thrown.
 */
export async function readEventFile(
  file: string,
  onEvent: EventHandler,
  { onProgress, onSkip }: ReadOptions = {},
): Promise<void> {
  const name = file === "-" ? "stdin" : file;
  const input = file === "-" ? process.stdin : fs.createReadStream(file, { highWaterMark: CHUNK });
  const bytesRead = () => (input instanceof fs.ReadStream ? input.bytesRead : 0);
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: IteratorResult<Buffer>;
  try {
    first = await chunks.next();
  } catch (e) {
    throw new EventInputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  if (first.done) return;
  const gzipped = first.value[0] === 0x1f && first.value[1] === 0x8b;
  const content = (gzipped ? gunzip(first.value, chunks) : prepend(first.value, chunks))[
    Symbol.asyncIterator
  ]() as AsyncIterator<Buffer>;
  const events = new EventSplitter(name, { onEvent, onSkip });
  const decoder = new StringDecoder("utf8");
  let decoded = 0;
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await content.next();
      } catch (e) {
        // Only reading and gunzipping fail here: what the events are is the splitter's to say.
        if (!gzipped) throw new EventInputError(`cannot read ${file}: ${(e as Error).message}`);
        const problem = (e as NodeJS.ErrnoException).code === "Z_BUF_ERROR" ? "truncated" : "corrupt";
        throw new EventInputError(
          `${name}: ${problem} gzip data after byte ${bytesRead()} of the file (${(e as Error).message}); ` +
            `the ${decoded} bytes of events before it were read`,
        );
      }
      if (next.done) break;
      decoded += next.value.length;
      events.push(decoder.write(next.value));
      onProgress?.(bytesRead());
    }
  } finally {
    // When reading stopped early: stops the gunzip stream and closes the file.
    await content.return?.();
    await chunks.return?.();
  }
  events.push(decoder.end());
  events.end();
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function gunzip(first: Buffer, rest: AsyncIterator<Buffer>): Readable {
  // Errors reach the reader through the gunzip stream, which pipeline destroys with them.
  return pipeline(Readable.from(prepend(first, rest)), zlib.createGunzip({ chunkSize: CHUNK }), () => {});
}
