// SPDX-License-Identifier: EUPL-1.2
// Splits a byte stream into lines without ever holding more than one line (plus one chunk) in
// memory. Pulling with `for await` keeps the stream's back-pressure: while the importer writes a
// batch, the socket or file is not read further.
import { StringDecoder } from 'node:string_decoder';

export interface Line {
  /** 1-based line number in the file. */
  no: number;
  text: string;
  /** Bytes of the input consumed up to and including this line (for progress). */
  bytes: number;
  /** The line was longer than the limit; `text` is empty. */
  tooLong?: boolean;
}

/** A line longer than this is rejected without being buffered further. */
export const MAX_LINE_CHARS = 1024 * 1024;

export async function* readLines(input: AsyncIterable<Buffer | string | Uint8Array> | Iterable<Buffer | string | Uint8Array>, maxChars = MAX_LINE_CHARS): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let skipping = false; // inside an over-long line: drop characters until its newline
  let no = 0;
  let bytes = 0;
  let first = true;
  const finish = (text: string): string => {
    let t = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (first) {
      first = false;
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1); // byte order mark
    }
    return t;
  };
  for await (const chunk of input) {
    const str = typeof chunk === 'string' ? chunk : decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    let start = 0;
    for (;;) {
      const nl = str.indexOf('\n', start);
      if (nl === -1) {
        if (!skipping) {
          pending += str.slice(start);
          if (pending.length > maxChars) {
            skipping = true;
            pending = '';
          }
        }
        break;
      }
      no++;
      if (skipping) {
        skipping = false;
        first = false;
        yield { no, text: '', bytes, tooLong: true };
      } else {
        const text = pending + str.slice(start, nl);
        pending = '';
        if (text.length > maxChars) {
          first = false;
          yield { no, text: '', bytes, tooLong: true };
        } else {
          yield { no, text: finish(text), bytes };
        }
      }
      start = nl + 1;
    }
  }
  pending += decoder.end();
  if (skipping) {
    yield { no: no + 1, text: '', bytes, tooLong: true };
  } else if (pending.length > 0) {
    yield pending.length > maxChars ? { no: no + 1, text: '', bytes, tooLong: true } : { no: no + 1, text: finish(pending), bytes };
  }
}
