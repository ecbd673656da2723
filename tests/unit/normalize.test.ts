/**
 * Normalisation: invisible differences never change a version's hash, furniture lines are ignored by general
 * rules, and real edits always change it.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalContent, contentHash, isFurniture, normalizeText } from '../../lib/model/normalize';
import type { Block } from '../../lib/model/snapshot';
import { changeCount, diffArticles } from '../../lib/diff/articles';

const content = (body: string[], headline = 'Council approves river plan') => ({
  headline,
  dek: null,
  byline: 'By Jane Doe',
  body: body.map((text): Block => ({ kind: 'p', text })),
});

// Text made of words, punctuation, quotes and the odd accented letter.
const word = fc.stringMatching(/^[A-Za-z0-9éüçñ'"’“”,.;:!?()-]{1,12}$/);
const sentence = fc.array(word, { minLength: 1, maxLength: 30 }).map((w) => w.join(' '));

// Differences a reader cannot see.
const invisibly = (text: string, seed: number): string => {
  const variants = [
    (s: string) => s.replace(/ /g, '\u00A0'),
    (s: string) => s.replace(/ /g, '  \n\t'),
    (s: string) => s.replace(/e/g, 'e\u00AD'),
    (s: string) => s.replace(/ /g, ' \u200B'),
    (s: string) => `  ${s}\u00A0`,
    (s: string) => s.normalize('NFD'),
    (s: string) => s.replace(/'/g, '’').replace(/"/g, '“'),
  ];
  return variants[seed % variants.length]!(text);
};

describe('normalizeText', () => {
  test('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => normalizeText(normalizeText(s)) === normalizeText(s)));
  });

  test('invisible differences do not change the hash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sentence, { minLength: 1, maxLength: 6 }), fc.nat(), async (body, seed) => {
        const a = await contentHash(content(body));
        const b = await contentHash(content(body.map((p, i) => invisibly(p, seed + i))));
        expect(b).toBe(a);
      }),
    );
  });

  test('changing any word changes the hash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sentence, { minLength: 1, maxLength: 6 }), fc.nat(), async (body, seed) => {
        const i = seed % body.length;
        const edited = body.map((p, j) => (j === i ? `${p} corrected` : p));
        expect(await contentHash(content(edited))).not.toBe(await contentHash(content(body)));
      }),
    );
  });

  test('the headline, a number and a block split are all changes', async () => {
    const body = ['Police said 32 people were hurt.', 'The road was closed.'];
    const base = await contentHash(content(body));
    expect(await contentHash(content(body, 'Council rejects river plan'))).not.toBe(base);
    expect(await contentHash(content(['Police said 58 people were hurt.', 'The road was closed.']))).not.toBe(base);
    expect(await contentHash(content(['Police said 32 people were hurt. The road was closed.']))).not.toBe(base);
  });
});

describe('page furniture', () => {
  test.each([
    'Updated 5 minutes ago',
    'Last updated: 2 hours ago',
    'Published 14:05 GMT, 22 November 2026',
    '3 hours ago',
    'Share this article',
    'Share',
    'Advertisement',
    'Sponsored content',
    '245 comments',
    '(12)',
    'Most read',
    'Skip to main content',
    'Il y a 3 minutes',
  ])('"%s" is furniture', (line) => {
    expect(isFurniture(normalizeText(line))).toBe(true);
  });

  test.each([
    'Updated figures released on Tuesday show that unemployment rose to 5.2% in the three months to September, the highest level since 2021.',
    'Share prices fell 4% on the news.',
    '58',
    'Advertisement revenue at the group fell by a third last year, its chief executive told investors.',
    'He said the 12 people had been rescued.',
  ])('"%s" is story', (line) => {
    expect(isFurniture(normalizeText(line))).toBe(false);
  });

  test('a changing furniture line does not change the hash', async () => {
    const a = content(['Updated 5 minutes ago', 'The council voted on Tuesday.', 'Advertisement', 'Work starts in May.']);
    const b = content(['Updated 45 minutes ago', 'The council voted on Tuesday.', 'Work starts in May.', '12 comments']);
    expect(canonicalContent(a)).toBe(canonicalContent(b));
  });
});

describe('invisible characters are not edits', () => {
  const text = 'The council voted 7 to 2 on Monday, the mayor said.';
  // LRM, RLM, ALM, zero-width space/joiner/non-joiner, word joiner, BOM, bidi embeddings and isolates, soft hyphen.
  const FORMAT = ['\u200E', '\u200F', '\u061C', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u202A', '\u202C', '\u2066', '\u2069', '\u00AD'];

  test('format characters anywhere, and non-breaking for plain spaces, leave the comparable form and hash unchanged', async () => {
    const words = text.split(' ');
    for (const mark of FORMAT) {
      const marked = words.map((w, i) => (i % 2 === 0 ? mark + w : w + mark)).join(' ');
      expect(normalizeText(marked), JSON.stringify(mark)).toBe(normalizeText(text));
    }
    for (const space of ['\u00A0', '\u202F', '\u2009', '\u3000']) {
      expect(normalizeText(words.join(space))).toBe(normalizeText(text));
    }
    const base = { headline: 'Council vote', dek: null, byline: null, body: [{ kind: 'p' as const, text }] };
    const noisy = { ...base, headline: '\u200FCouncil\u00A0vote\u200E', body: [{ kind: 'p' as const, text: `\u2067${words.join('\u00A0')}\u2069` }] };
    expect(await contentHash(noisy)).toBe(await contentHash(base));
    const diff = diffArticles(base, noisy);
    expect(changeCount(diff)).toBe(0);
  });

  test('a real edit next to invisible characters is still an edit', async () => {
    const base = { headline: 'Council vote', dek: null, byline: null, body: [{ kind: 'p' as const, text }] };
    const edited = { ...base, body: [{ kind: 'p' as const, text: `\u200F${text.replace('7 to 2', '6 to 3')}` }] };
    expect(await contentHash(edited)).not.toBe(await contentHash(base));
    expect(changeCount(diffArticles(base, edited))).toBe(1);
  });
});
