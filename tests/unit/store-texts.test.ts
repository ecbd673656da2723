/**
 * The storage encoding (lib/store/delta.ts, lib/store/texts.ts): deltas always rebuild their text exactly and are
 * small for typical edits, and a version encoded against another reads back exactly as it was.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { VersionRecord } from '../../lib/store/schema';
import { applyDelta, deltaSize, makeDelta } from '../../lib/store/delta';
import { decodeBody, encodeBody, resolveVersion, TextIndex, toStored } from '../../lib/store/texts';
import { makeSnapshot, PARAGRAPHS } from './helpers/snapshots';

describe('deltas', () => {
  test('rebuild the text exactly, whatever the two texts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (base, text) => {
        expect(applyDelta(base, makeDelta(base, text))).toBe(text);
      }),
      { numRuns: 500 },
    );
    // Word-sized edits of longer texts take the word-diff path.
    const words = fc.array(fc.constantFrom('the', 'council', 'said', '14', 'bridge', ' ', ', ', '. ', 'Ü'), { maxLength: 120 });
    fc.assert(
      fc.property(words, words, words, (a, b, c) => {
        const base = [...a, ...b, ...a].join('');
        const text = [...a, ...c, ...a].join('');
        expect(applyDelta(base, makeDelta(base, text))).toBe(text);
      }),
    );
  });

  test('are small for typical edits', () => {
    const text = PARAGRAPHS[1]!;
    expect(makeDelta(text, text.replace('14 of', '15 of'))).toEqual([text.indexOf('14') + 1, -1, '5']);
    expect(makeDelta(text, `${text} More.`)).toEqual([text.length, ' More.']);
    expect(makeDelta(text, text.slice(10))).toEqual([-10]);
    // Two edits far apart in one paragraph: a word diff, not the whole stretch between them.
    const both = text.replace('Council', 'City council').replace('strength', 'original strength');
    expect(deltaSize(makeDelta(text, both))).toBeLessThan(60);
  });
});

describe('versions', () => {
  const { canonicalUrl: _c, siteName: _s, liveBlog: _l, ...snapshot } = makeSnapshot();
  const version = (seq: number, overrides: Partial<VersionRecord> = {}): VersionRecord => ({
    ...snapshot,
    seq,
    hash: `h${seq}`,
    firstSeen: seq,
    lastSeen: seq + 1,
    partial: false,
    captureCount: 1,
    chain: { prev: null, hash: `c${seq}` },
    ...overrides,
  });

  test('read back exactly, every kind of block and null field included', () => {
    const texts = new TextIndex(makeSnapshot().key);
    const one = version(1, {
      body: [
        { kind: 'h', text: 'Heading' },
        { kind: 'li', text: 'Item' },
        { kind: 'quote', text: 'Quote' },
        { kind: 'pre', text: 'code  block\n' },
        { kind: 'p', text: 'Heading' },
        { kind: 'p', text: '' },
      ],
      dek: null,
    });
    const two = version(2, { ...one, byline: null, body: [...one.body, { kind: 'p', text: 'More' }], lang: null });
    const stored = [toStored(one, texts), toStored(two, texts, one)];
    expect(stored.map((v) => resolveVersion(v, texts))).toEqual([one, two]);
    // The same texts read back from what would be written.
    const reread = new TextIndex(texts.key, texts.records);
    expect(stored.map((v) => resolveVersion(v, reread))).toEqual([one, two]);
    expect(decodeBody(encodeBody([['quote', 'a'], ['p', '10']]))).toEqual([['quote', 'a'], ['p', '10']]);
    expect(decodeBody('')).toEqual([]);
  });
});
