/**
 * Tests for lib/diff/articles.ts on real article text (the shared fixture pages) with scripted edits, worst-case inputs
 * and property tests. Timing is not asserted here (a separate benchmark measures it): budget behaviour is
 * checked through `coarse` and the shape of the output instead.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { changeCount, diffArticles, diffText } from '../../lib/diff/articles';
import { normalizeText } from '../../lib/model/normalize';
import { type ArticleDiff, type BlockChange, type Comparable, type Segment } from '../../lib/diff/types';
import type { Block } from '../../lib/model/snapshot';
import { fixtureArticle as parseFixture, fixtureNames } from './helpers/fixture-blocks';

const ALL = fixtureNames();
const parsed = new Map<string, Comparable>();
/** Parsing with jsdom is the slow part of these tests, so each fixture is parsed once. */
function fixtureArticle(name: string): Comparable {
  let a = parsed.get(name);
  if (!a) parsed.set(name, (a = parseFixture(name)));
  return a;
}
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
    .filter(({ b }) => body.filter((x) => normalizeText(x.text) === normalizeText(b.text)).length === 1);
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
      expect(normalizeText(older.body[b.oldIndex]!.text)).toBe(normalizeText(newer.body[b.newIndex]!.text));
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
      (blk, k) => k > 0 && k + 1 < a.body.length && normalizeText(blk.text) !== normalizeText(a.body[k + 1]!.text),
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

describe.each(KEY_FIXTURES)('more scripted edits on %s', (name) => {
  const a = fixtureArticle(name);

  test('a sentence removed from a paragraph shows as exactly that sentence deleted', () => {
    const hasTwo = (b: Block): boolean => /[.!?]["'”’]? \p{Lu}/u.test(b.text);
    const n = pickParagraph(a.body, 12, hasTwo);
    expect(n).toBeGreaterThanOrEqual(0);
    const text = a.body[n]!.text;
    const m = /[.!?]["'”’]? (?=\p{Lu})/u.exec(text)!;
    const first = text.slice(0, m.index + m[0].length - 1);
    const b = withBody(a, replaceBlock(a.body, n, text.slice(m.index + m[0].length)));
    const d = diffArticles(a, b);
    const [e] = changes(d);
    if (e?.type !== 'edited') throw new Error(`expected an edit, got ${e?.type}`);
    expect(textsOf(e.segments, 'ins')).toEqual([]);
    expect(textsOf(e.segments, 'del').map((t) => t.trim())).toEqual([first]);
    expectConsistent(d, a, b);
  });

  test('a paragraph moved to the end and edited shows as one move with its word diff', () => {
    const n = pickParagraph(a.body);
    const words = a.body[n]!.text.split(' ');
    const k = words.findIndex((w, i) => i > 0 && /^\p{L}{5,}$/u.test(w) && words.indexOf(w) === i);
    const moved = { ...a.body[n]!, text: words.map((w, i) => (i === k ? 'Zyzzyva' : w)).join(' ') };
    const b = withBody(a, [...a.body.filter((_, i) => i !== n), moved]);
    const d = diffArticles(a, b);
    const c = changes(d);
    expect(c).toHaveLength(1);
    const [e] = c;
    if (e?.type !== 'moved' || !e.segments) throw new Error('expected a move with edits');
    expect([e.oldIndex, e.newIndex]).toEqual([n, a.body.length - 1]);
    expect(textsOf(e.segments, 'del')).toEqual([words[k]]);
    expect(textsOf(e.segments, 'ins')).toEqual(['Zyzzyva']);
    expect(d.summary.text).toBe('1 paragraph moved');
    expectConsistent(d, a, b);
  });
});

test('the key fixtures have a standalone number to change', () => {
  for (const name of KEY_FIXTURES) {
    expect(fixtureArticle(name).body.some((b) => b.text.split(' ').some((w) => /^\d{1,4}$/.test(w))), name).toBe(true);
  }
});

describe('small texts', () => {
  test('typographic differences are not changes', () => {
    const a: Comparable = {
      headline: 'Obama’s “biggest” frustration',
      dek: null,
      byline: 'BBC\u00a0News',
      body: [],
    };
    const b: Comparable = { headline: 'Obama\'s "biggest"  frustration', dek: '', byline: 'BBC News\u200b', body: [] };
    const d = diffArticles(a, b);
    expect(changeCount(d)).toBe(0);
    expect(d.headline.segments).toEqual([{ op: 'eq', text: b.headline }]);
  });

  test('a number changed inside a longer number reads as whole numbers', () => {
    const segs = diffText(
      'Police said 1,200 people and 3.5% of voters.',
      'Police said 1,500 people and 4.5% of voters.',
    );
    expect(textsOf(segs, 'del')).toEqual(['1,200', '3.5']);
    expect(textsOf(segs, 'ins')).toEqual(['1,500', '4.5']);
  });

  test('single short words between two changes are folded into one phrase', () => {
    const segs = diffText(
      'Mr Obama lands in Kenya later on Friday.',
      'Mr Obama lands in Kenya on Saturday for his first visit.',
    );
    expect(segs).toEqual([
      { op: 'eq', text: 'Mr Obama lands in Kenya ' },
      { op: 'del', text: 'later on Friday' },
      { op: 'ins', text: 'on Saturday for his first visit' },
      { op: 'eq', text: '.' },
    ]);
  });

  test('a rewritten sentence is shown whole rather than as confetti', () => {
    const o = 'The quick brown fox jumps over the lazy dog near the river bank.';
    const n = 'A slow red cat walks under the sleepy hound by the old mill.';
    expectWhole(diffText(o, n), o, n);
  });

  test('changed numbers are paired in order and deduplicated across blocks and the headline', () => {
    const a: Comparable = {
      headline: '32 dead in floods',
      dek: null,
      byline: null,
      body: [
        { kind: 'p', text: 'At least 32 people died and 1,200 were evacuated, officials said on Monday.' },
        { kind: 'p', text: 'Turnout was 45% in the north, against 3.5% growth.' },
      ],
    };
    const b: Comparable = {
      ...a,
      headline: '58 dead in floods',
      body: [
        { kind: 'p', text: 'At least 58 people died and 1,500 were evacuated, officials said on Monday.' },
        { kind: 'p', text: 'Turnout was 47% in the north, against 3.5% growth.' },
      ],
    };
    const d = diffArticles(a, b);
    expect(d.summary.numbers).toEqual([
      { from: '32', to: '58' },
      { from: '1,200', to: '1,500' },
      { from: '45%', to: '47%' },
    ]);
    expect(d.summary.text).toBe('Headline changed · 2 paragraphs edited');
    // French puts a space before the percent sign.
    const fr = (text: string): Comparable => withBody(a, [{ kind: 'p', text }]);
    expect(diffArticles(fr('Soit 45 % des voix.'), fr('Soit 47 % des voix.')).summary.numbers).toEqual([
      { from: '45 %', to: '47 %' },
    ]);
    expect(changeCount(d)).toBe(3);
  });

  test('summary wording: first count names the unit, singular and plural right', () => {
    const p = (text: string): Block => ({ kind: 'p', text });
    const a: Comparable = {
      headline: 'H',
      dek: null,
      byline: null,
      body: [
        p('Alpha beta gamma delta epsilon.'),
        p('Removed paragraph about something else entirely.'),
        p('Zeta eta theta iota kappa.'),
      ],
    };
    const b: Comparable = {
      ...a,
      body: [
        p('Alpha beta gamma delta epsilon lambda.'),
        p('Zeta eta theta iota kappa.'),
        p('First new paragraph on a fresh topic.'),
        p('Second new paragraph, unrelated words.'),
      ],
    };
    const d = diffArticles(a, b);
    expect(d.summary.text).toBe('2 paragraphs added · 1 removed · 1 edited');
    expect(changeCount(d)).toBe(4);
    expectConsistent(d, a, b);
  });
});

/** Replaces every paragraph with text from another article, keeping the kinds. */
function rewriteWith(a: Comparable, donor: Comparable): Comparable {
  return withBody(a, a.body.map((b, i) => ({ ...b, text: donor.body[(i + 3) % donor.body.length]!.text })));
}

function expectNoConfetti(d: ArticleDiff, older: Comparable, newer: Comparable): void {
  expect(d.blocks.filter((b) => b.type === 'same')).toEqual([]);
  for (const b of d.blocks) {
    if (b.type === 'edited' || (b.type === 'moved' && b.segments)) {
      expectWhole(b.segments!, older.body[b.oldIndex]!.text, newer.body[b.newIndex]!.text);
    }
  }
  expectConsistent(d, older, newer);
}

describe('whole-article rewrites', () => {
  const donors: Record<string, string> = {
    'bbc-1': 'guardian-1',
    'guardian-1': 'nytimes-1',
    'nytimes-1': 'bbc-1',
    'lemonde-1': 'liberation-1',
  };
  test.each(Object.entries(donors))('%s rewritten with the paragraphs of %s has no confetti', (name, donor) => {
    const a = fixtureArticle(name);
    const b = rewriteWith(a, fixtureArticle(donor));
    const d = diffArticles(a, b);
    expectNoConfetti(d, a, b);
    expect(d.summary.removed + d.summary.edited + d.summary.moved).toBe(a.body.length);
  });

  test('the longest fixture rewritten with random text from its own vocabulary has no confetti', () => {
    const longest = [...ALL].sort((x, y) => words(fixtureArticle(y)).length - words(fixtureArticle(x)).length)[0]!;
    const a = fixtureArticle(longest);
    const vocab = words(a);
    const rand = rng(42);
    const b = withBody(a, a.body.map((blk) => ({ ...blk, text: randomText(vocab, wordCount(blk.text), rand) })));
    const d = diffArticles(a, b);
    expectNoConfetti(d, a, b);
  });
});

function words(a: Comparable): string[] {
  return a.body.flatMap((b) => b.text.split(' '));
}

describe('worst cases stay bounded', () => {
  const vocab = fixtureArticle('guardian-1').body.flatMap((b) => b.text.split(' ')).filter((w) => !/\d/.test(w));
  const rand = rng(7);
  // 20,000 words in four blocks.
  const big: Comparable = {
    headline: 'A very long article',
    dek: null,
    byline: null,
    body: [0, 1, 2, 3].map(() => ({ kind: 'p' as const, text: randomText(vocab, 5000, rand) })),
  };
  const edit = (text: string, at: number, replacement: string): string => {
    const ws = text.split(' ');
    ws[at] = replacement;
    return ws.join(' ');
  };
  const edited: Comparable = withBody(big, [
    { kind: 'p', text: edit(big.body[0]!.text, 1200, 'Zyzzyva') },
    big.body[1]!,
    { kind: 'p', text: edit(big.body[2]!.text, 2500, `${big.body[2]!.text.split(' ')[2500]} ${SENTENCE}`) },
    { kind: 'p', text: edit(big.body[3]!.text, 4000, '1,234') },
  ]);

  test('a 20,000-word article with a few edits finishes with the right structure', () => {
    const d = diffArticles(big, edited);
    expect(d.summary.edited).toBe(3);
    expect(changeCount(d)).toBe(3);
    expectConsistent(d, big, edited);
    // Within the budget the edits are word by word; past it, each remaining edit is shown whole.
    for (const b of d.blocks) {
      if (b.type !== 'edited') continue;
      const whole = b.segments.every((s) => s.op !== 'eq');
      if (!d.coarse) expect(whole).toBe(false);
    }
  });

  test('with enough budget the same edits come out word by word', () => {
    const d = diffArticles(big, edited, { budgetMs: 10_000 });
    expect(d.coarse).toBe(false);
    const segs = d.blocks.flatMap((b) => (b.type === 'edited' ? [b.segments] : []));
    expect(segs.map((s) => textsOf(s, 'ins').map((t) => t.trim()))).toEqual([['Zyzzyva'], [SENTENCE], ['1,234']]);
    expect(segs[1]!.filter((s) => s.op === 'del')).toEqual([]);
  });

  test('a 20,000-word block rewritten from the same vocabulary comes out whole', () => {
    const o: Comparable = { ...big, body: [{ kind: 'p', text: randomText(vocab, 20_000, rand) }] };
    const n: Comparable = { ...big, body: [{ kind: 'p', text: randomText(vocab, 20_000, rand) }] };
    const d = diffArticles(o, n);
    const [b] = changes(d);
    expect(d.blocks).toHaveLength(1);
    // Either the budget ran out (coarse) or the anti-confetti rule applied; both show old and new whole.
    if (b?.type !== 'edited') throw new Error(`expected an edit, got ${b?.type}`);
    expectWhole(b.segments, o.body[0]!.text, n.body[0]!.text);
  });

  test('with no budget left every edit is block-level and marked coarse, but the structure is intact', () => {
    const d = diffArticles(big, edited, { budgetMs: 0 });
    expect(d.coarse).toBe(true);
    expect(d.summary.edited).toBe(3);
    for (const b of d.blocks) {
      if (b.type === 'edited') expectWhole(b.segments, big.body[b.oldIndex]!.text, edited.body[b.newIndex]!.text);
    }
    expectConsistent(d, big, edited);
  });

  test('more than 3000 blocks fall back to hash alignment and still find removals, moves and edits', () => {
    const many: Block[] = Array.from({ length: 4000 }, (_, i) => ({
      kind: 'p',
      text: `Paragraph ${i}: ${randomText(vocab, 12, rand)}`,
    }));
    const body = many.filter((_, i) => i !== 100);
    [body[2000], body[2001]] = [body[2001]!, body[2000]!];
    body[3000] = { kind: 'p', text: `${body[3000]!.text} ${SENTENCE}` };
    const a = withBody(big, many);
    const b = withBody(big, body);
    const d = diffArticles(a, b);
    expect(d.summary).toMatchObject({ added: 0, removed: 1, edited: 1, moved: 1 });
    expectConsistent(d, a, b);
  });
});

// ---- properties ------------------------------------------------------------------------------------------

const VOCAB = ['the', 'minister', 'said', 'on', 'Monday', '32', '1,200', 'people', 'were', 'killed', 'in', 'and'];
const word = fc.constantFrom(...VOCAB, 'Obama’s', '“quoted”', '45%', '—', 'a.', 'b,');
const sentence = fc.array(word, { minLength: 1, maxLength: 25 }).map((ws) => ws.join(' '));
const anyText = fc.oneof(
  sentence,
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', ',', '\u00a0', '1'), maxLength: 40 }),
);
const kind = fc.constantFrom<Block['kind']>('p', 'h', 'li', 'quote');
const block = fc.record({ kind, text: sentence });
const article = fc.record({
  headline: anyText,
  dek: fc.option(anyText),
  byline: fc.option(anyText),
  body: fc.array(block, { maxLength: 12 }),
});

describe('properties', () => {
  test('segments reconstruct both texts exactly', () => {
    fc.assert(
      fc.property(anyText, anyText, (o, n) => {
        const segs = diffText(o, n);
        expect(oldOf(segs)).toBe(o);
        expect(newOf(segs)).toBe(n);
        expect(segs.every((s) => s.text !== '')).toBe(true);
        // Adjacent segments of the same kind are merged.
        expect(segs.every((s, i) => i === 0 || segs[i - 1]!.op !== s.op)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('an article compared with itself has no changes', () => {
    fc.assert(
      fc.property(article, (a) => {
        const d = diffArticles(a, a);
        expect(changeCount(d)).toBe(0);
        expect(d.summary.text).toBe('No changes');
        expect(d.blocks.every((b) => b.type === 'same')).toBe(true);
      }),
    );
  });

  test('any two articles give a consistent diff, and changeCount is 0 exactly when nothing changed', () => {
    const pair = article.chain((a) =>
      fc.tuple(
        fc.constant(a),
        fc.oneof(
          article,
          // Mostly the same article with a few blocks dropped, added, replaced or shuffled.
          fc.tuple(fc.array(block, { maxLength: 3 }), fc.nat(), fc.nat()).map(([extra, x, y]) => {
            const body = a.body.filter((_, i) => i !== x % (a.body.length + 1));
            body.splice(y % (body.length + 1), 0, ...extra);
            return { ...a, body };
          }),
        ),
      ),
    );
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const d = diffArticles(a, b);
        expectConsistent(d, a, b);
        const equal =
          normalizeText(a.headline) === normalizeText(b.headline) &&
          normalizeText(a.dek ?? '') === normalizeText(b.dek ?? '') &&
          normalizeText(a.byline ?? '') === normalizeText(b.byline ?? '') &&
          a.body.length === b.body.length &&
          a.body.every((blk, i) => normalizeText(blk.text) === normalizeText(b.body[i]!.text));
        expect(changeCount(d) === 0).toBe(equal);
        expect(d.summary.text === 'No changes').toBe(equal);
      }),
      { numRuns: 300 },
    );
  });
});
