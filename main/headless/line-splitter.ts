import { StringDecoder } from 'node:string_decoder';

/** A piece of the command stream: a whole line, or a line that was too long to keep. */
export type StreamLine = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'tooLong' };

/** Splits a byte stream into lines; see `createLineSplitter`. */
export interface LineSplitter {
  /** The lines a chunk completes. */
  push(chunk: Buffer | string): StreamLine[];
  /** The unterminated last line, if any, once the stream has ended. */
  end(): StreamLine[];
  /** Characters held for the unfinished line: never more than `max` + 1, whatever was sent. */
  held(): number;
}

/**
 * Lines of UTF-8 text (`\n` or `\r\n`), holding at most `max` characters of an unfinished line: a
 * longer line is dropped as it arrives (memory stays bounded however much a writer sends without a
 * newline) and reported once as `tooLong` when its newline comes. Blank lines are left out.
 */
export function createLineSplitter(max: number): LineSplitter {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let overflowing = false;

  const finishLine = (text: string, out: StreamLine[]): void => {
    if (overflowing) out.push({ kind: 'tooLong' });
    else {
      const line = text.endsWith('\r') ? text.slice(0, -1) : text;
      if (line.length > max) out.push({ kind: 'tooLong' });
      else if (line.trim() !== '') out.push({ kind: 'line', text: line });
    }
    overflowing = false;
  };

  const feed = (text: string): StreamLine[] => {
    const out: StreamLine[] = [];
    let rest = text;
    for (let newline = rest.indexOf('\n'); newline >= 0; newline = rest.indexOf('\n')) {
      finishLine(pending + rest.slice(0, newline), out);
      pending = '';
      rest = rest.slice(newline + 1);
    }
    if (overflowing) return out;
    pending += rest;
    // One more than max (a trailing \r is not counted), so a line of exactly max still fits.
    if (pending.length > max + 1) {
      pending = '';
      overflowing = true;
    }
    return out;
  };

  return {
    push: (chunk) => feed(typeof chunk === 'string' ? chunk : decoder.write(chunk)),
    end: () => {
      const out = feed(decoder.end());
      if (pending !== '' || overflowing) finishLine(pending, out);
      pending = '';
      return out;
    },
    held: () => pending.length,
  };
}
