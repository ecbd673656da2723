/**
 * Tests for lib/diff.ts on real article text (the shared fixture pages) with scripted edits, worst-case inputs
 * and property tests. Timing is not asserted here (a separate benchmark measures it): budget behaviour is
 * checked through `coarse` and the shape of the output instead.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  changeCount,
  comparableText,
  diffArticles,
  diffText,
  type ArticleDiff,
  type BlockChange,
  type Comparable,
  type Segment,
} from '../../lib/diff';
import type { Block } from '../../lib/snapshot';
import { fixtureArticle, fixtureNames } from './helpers/fixture-blocks';

const ALL = fixtureNames();
const KEY_FIXTURES = ['bbc-1', 'guardian-1', 'nytimes-1', 'lemonde-1'];
const SENTENCE = 'Officials declined to comment on the report on Thursday.';

// ---- helpers ---------------------------------------------------------------------------------------------

const oldOf = (segs: Segment[]): string => segs.filter((s) => s.op !== 'ins').map((s) => s.text).join('');
const newOf = (segs: Segment[]): string => segs.filter((s) => s.op !== 'del').map((s) => s.text).join('');
const textsOf = (segs: Segment[], op: Segment['op']): string[] => segs.filter((s) => s.op === op).map((s) => s.text);
const changes = (d: ArticleDiff): BlockChange[] => d.blocks.filter((b) => b.type !== 'same');
const wordCount = (s: string): number => s.split(' ').length;

function withBody(a: Comparable, body: Block[]): Comparable {
  return { ...a, body };
}

/** Seeded PRNG (mulberry32) so generated texts are the same on every run. */
function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words drawn at random (with their real frequencies) from a fixture, so the text shares its vocabulary. */
function randomText(vocab: string[], words: number, rand: () => number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(vocab[Math.floor(rand() * vocab.length)]!);
  return out.join(' ');
}

/** A paragraph of at least `minWords` words whose text occurs once, nearest the middle of the article. */
function pickParagraph(body: Block[], minWords = 12, ok: (b: Block) => boolean = () => true): number {
  const candidates = body
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => b.kind === 'p' && wordCount(b.text) >= minWords && ok(b))
    .filter(({ b }) => body.filter((x) => comparableText(x.text) === comparableText(b.text)).length === 1);
  candidates.sort((x, y) => Math.abs(x.i - body.length / 2) - Math.abs(y.i - body.length / 2));
  return candidates[0]?.i ?? -1;
}

/** Inserts the sentence after the first sentence of the paragraph, or at its end if it has only one. */
function insertSentence(text: string, sentence: string): string {
  const m = /[.!?]["'”’]? (?=\p{Lu})/u.exec(text);
  if (!m) return `${text} ${sentence}`;
  const at = m.index + m[0].length;
  return `${text.slice(0, at)}${sentence} ${text.slice(at)}`;
}

function replaceBlock(body: Block[], i: number, text: string): Block[] {
  return body.map((b, k) => (k === i ? { ...b, text } : b));
}

/** Every old block is accounted for exactly once, every new block too, and new blocks come in reading order. */
function expectConsistent(d: ArticleDiff, older: Comparable, newer: Comparable): void {
  const oldSeen = new Array<number>(older.body.length).fill(0);
  const newSeen = new Array<number>(newer.body.length).fill(0);
  let lastNew = -1;
  for (const b of d.blocks) {
    if (b.type !== 'added') oldSeen[b.oldIndex]!++;
    if (b.type !== 'removed') {
      newSeen[b.newIndex]!++;
      expect(b.newIndex).toBeGreaterThan(lastNew);
      lastNew = b.newIndex;
    }
    if (b.type === 'edited' || (b.type === 'moved' && b.segments)) {
      expect(oldOf(b.segments!)).toBe(older.body[b.oldIndex]!.text);
      expect(newOf(b.segments!)).toBe(newer.body[b.newIndex]!.text);
    }
    if (b.type === 'same' || (b.type === 'moved' && !b.segments)) {
      expect(comparableText(older.body[b.oldIndex]!.text)).toBe(comparableText(newer.body[b.newIndex]!.text));
    }
  }
  expect(oldSeen.every((n) => n === 1)).toBe(true);
  expect(newSeen.every((n) => n === 1)).toBe(true);
  for (const [field, o, n] of [
    [d.headline, older.headline, newer.headline],
    [d.dek, older.dek ?? '', newer.dek ?? ''],
    [d.byline, older.byline ?? '', newer.byline ?? ''],
  ] as const) {
    if (field.changed) {
      expect(oldOf(field.segments)).toBe(o);
      expect(newOf(field.segments)).toBe(n);
    } else {
      expect(newOf(field.segments)).toBe(n);
    }
  }
}

/** Old and new shown whole: no unchanged scraps interleaved with the changes. */
function expectWhole(segs: Segment[], older: string, newer: string): void {
  expect(segs).toEqual([
    { op: 'del', text: older },
    { op: 'ins', text: newer },
  ]);
}

// ---- fixtures --------------------------------------------------------------------------------------------

test('all fixture pages parse into article blocks', () => {
  expect(ALL.length).toBeGreaterThanOrEqual(22);
  for (const name of KEY_FIXTURES) expect(ALL).toContain(name);
  for (const name of ALL) {
    const a = fixtureArticle(name);
    expect(a.body.length, name).toBeGreaterThanOrEqual(4);
    for (const b of a.body) expect(b.text).toBe(b.text.replace(/\s+/g, ' ').trim());
  }
});

describe.each(ALL)('scripted edits on %s', (name) => {
  const a = fixtureArticle(name);
  const n = pickParagraph(a.body);

  test('an article compared with itself has no changes', () => {
    const d = diffArticles(a, a);
    expect(d.blocks.every((b) => b.type === 'same')).toBe(true);
    expect(changeCount(d)).toBe(0);
    expect(d.summary.text).toBe('No changes');
    expect(d.coarse).toBe(false);
    expectConsistent(d, a, a);
  });

  test('a sentence inserted into a paragraph shows as exactly that sentence inserted', () => {
    expect(n).toBeGreaterThanOrEqual(0);
    const b = withBody(a, replaceBlock(a.body, n, insertSentence(a.body[n]!.text, SENTENCE)));
    const d = diffArticles(a, b);
    const c = changes(d);
    expect(c).toHaveLength(1);
    const e = c[0]!;
    expect(e.type).toBe('edited');
    if (e.type !== 'edited') return;
    expect([e.oldIndex, e.newIndex]).toEqual([n, n]);
    expect(textsOf(e.segments, 'del')).toEqual([]);
    expect(textsOf(e.segments, 'ins').map((s) => s.trim())).toEqual([SENTENCE]);
    expect(d.summary.text).toBe('1 paragraph edited');
    expect(changeCount(d)).toBe(1);
    expectConsistent(d, a, b);
  });

  test('one word replaced shows as that word deleted and the new word inserted', () => {
    const text = a.body[n]!.text;
    const words = text.split(' ');
    const k = words.findIndex((w, i) => i > 0 && /^\p{L}{5,}$/u.test(w) && words.indexOf(w) === i);
    expect(k).toBeGreaterThan(0);
    const b = withBody(a, replaceBlock(a.body, n, words.map((w, i) => (i === k ? 'Zyzzyva' : w)).join(' ')));
    const d = diffArticles(a, b);
    const c = changes(d);
    expect(c).toHaveLength(1);
    const e = c[0]!;
    if (e.type !== 'edited') throw new Error(`expected an edit, got ${e.type}`);
    expect(textsOf(e.segments, 'del')).toEqual([words[k]]);
    expect(textsOf(e.segments, 'ins')).toEqual(['Zyzzyva']);
    expectConsistent(d, a, b);
  });

  test('a changed number is reported in the summary', () => {
    const hasNumber = (blk: Block): boolean => blk.text.split(' ').some((w) => /^\d{1,4}$/.test(w));
    const m = a.body.findIndex(hasNumber);
    if (m < 0) return; // some fixtures have no standalone number; the key fixtures are checked below
    const words = a.body[m]!.text.split(' ');
    const k = words.findIndex((w) => /^\d{1,4}$/.test(w));
    const from = words[k]!;
    const to = String(Number(from) + 7);
    const b = withBody(a, replaceBlock(a.body, m, words.map((w, i) => (i === k ? to : w)).join(' ')));
    const d = diffArticles(a, b);
    expect(d.summary.numbers).toContainEqual({ from, to });
    expect(d.summary.edited).toBe(1);
    expectConsistent(d, a, b);
  });

  test('a removed paragraph shows as one removed block', () => {
    const b = withBody(a, a.body.filter((_, i) => i !== n));
    const d = diffArticles(a, b);
    expect(changes(d)).toEqual([{ type: 'removed', kind: a.body[n]!.kind, text: a.body[n]!.text, oldIndex: n }]);
    expect(d.summary.text).toBe('1 paragraph removed');
    expectConsistent(d, a, b);
  });

  test('two paragraphs swapped show as a move, not a deletion and an addition', () => {
    const i = a.body.findIndex(
      (blk, k) => k > 0 && k + 1 < a.body.length && comparableText(blk.text) !== comparableText(a.body[k + 1]!.text),
    );
    const body = [...a.body];
    [body[i], body[i + 1]] = [body[i + 1]!, body[i]!];
    const b = withBody(a, body);
    const d = diffArticles(a, b);
    const c = changes(d);
    expect(c.map((x) => x.type)).toEqual(['moved']);
    expect(d.summary).toMatchObject({ added: 0, removed: 0, edited: 0, moved: 1, text: '1 paragraph moved' });
    expectConsistent(d, a, b);
  });

  test('a changed headline is reported first in the summary', () => {
    const b = { ...a, headline: `Update: ${a.headline} as talks resume` };
    const d = diffArticles(a, b);
    expect(d.headline.changed).toBe(true);
    expect(d.summary.text.startsWith('Headline changed')).toBe(true);
    expect(d.summary.text).toBe('Headline changed');
    expect(changeCount(d)).toBe(1);
    expectConsistent(d, a, b);
  });
});

test('the key fixtures have a standalone number to change', () => {
  for (const name of KEY_FIXTURES) {
    expect(fixtureArticle(name).body.some((b) => b.text.split(' ').some((w) => /^\d{1,4}$/.test(w))), name).toBe(true);
  }
});
