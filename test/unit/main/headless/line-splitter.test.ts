import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter, type StreamLine } from '../../../../main/headless/line-splitter';

const texts = (lines: StreamLine[]): (string | null)[] => lines.map((l) => (l.kind === 'line' ? l.text : null));

describe('createLineSplitter', () => {
  it('splits on \\n and \\r\\n across chunks, skipping blank lines, keeping the last line for end()', () => {
    const split = createLineSplitter(100);
    expect(texts(split.push('{"a":1}\r\n{"b"'))).toEqual(['{"a":1}']);
    expect(texts(split.push(':2}\n\n   \n{"c":3}'))).toEqual(['{"b":2}']);
    expect(texts(split.end())).toEqual(['{"c":3}']);
    expect(split.end()).toEqual([]);
  });

  it('joins a UTF-8 character split across chunks', () => {
    const split = createLineSplitter(100);
    const bytes = Buffer.from('{"note":"Bergström"}\n');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(split.push(bytes.subarray(0, cut))).toEqual([]);
    expect(texts(split.push(bytes.subarray(cut)))).toEqual(['{"note":"Bergström"}']);
  });

  it('drops a line over the cap as it arrives and reports it once, then goes on', () => {
    const split = createLineSplitter(10);
    expect(split.push('x'.repeat(8))).toEqual([]);
    expect(split.push('x'.repeat(8))).toEqual([]);
    expect(split.push('y'.repeat(1000))).toEqual([]);
    expect(split.held()).toBeLessThanOrEqual(11);
    expect(split.push('zz\nok\n')).toEqual([{ kind: 'tooLong' }, { kind: 'line', text: 'ok' }]);
    // Exactly at the cap fits, with or without \r.
    expect(texts(split.push(`${'a'.repeat(10)}\r\n${'b'.repeat(10)}\n${'c'.repeat(11)}\n`))).toEqual(['a'.repeat(10), 'b'.repeat(10), null]);
    expect(split.push('d'.repeat(50))).toEqual([]);
    expect(split.end()).toEqual([{ kind: 'tooLong' }]);
  });

  it('property: however the text is chunked, the lines are the same, and nothing over the cap is kept', () => {
    const line = fc.oneof(fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, '')), fc.constant(''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 10 }), (lines, cuts) => {
        const text = lines.join('\n');
        const expected = lines.flatMap((l): StreamLine[] => (l.length > 20 ? [{ kind: 'tooLong' }] : l.trim() === '' ? [] : [{ kind: 'line', text: l }]));
        const split = createLineSplitter(20);
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const got: StreamLine[] = [];
        let from = 0;
        for (const point of [...points, text.length]) {
          got.push(...split.push(text.slice(from, point)));
          from = point;
        }
        got.push(...split.end());
        expect(got).toEqual(expected);
      }),
    );
  });
});
