/**
 * Benchmark inputs: the shared fixture articles (Readability's output for real news pages) and the edits a news
 * article typically goes through, applied to them deterministically.
 */
import type { Comparable } from '../lib/diff/types';
import type { Block } from '../lib/model/snapshot';
import { fixtureArticle, fixtureNames } from './fixtures';
import { rng } from '../tests/helpers/random';

export interface Fixture {
  name: string;
  article: Comparable;
}

export function loadFixtures(): Fixture[] {
  return fixtureNames().map((name) => ({ name, article: fixtureArticle(name) }));
}

export const SENTENCE = 'A spokesperson for the ministry declined to comment on the figures when contacted on Friday.';

const splitSentences = (text: string): string[] => text.split(/(?<=[.!?])\s+/);

/** Index of the longest block: where an edit is most likely to land, and a fair test of the word diff. */
function middle(body: readonly Block[]): number {
  let best = 0;
  body.forEach((b, i) => {
    if (b.text.length > body[best]!.text.length) best = i;
  });
  return best;
}

function withBlock(a: Comparable, index: number, text: string): Comparable {
  return { ...a, body: a.body.map((b, i) => (i === index ? { ...b, text } : b)) };
}

const WORDS = (
  'government council officials said report week city police minister people country public health year told ' +
  'according percent million state court company workers plan election party national support former security'
).split(' ');

function randomWords(random: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]!);
  const s = out.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

export type EditName = 'tiny' | 'sentence inserted' | 'number changed' | 'headline changed' | 'heavy' | 'rewrite';
export const TYPICAL: EditName[] = ['sentence inserted', 'number changed', 'headline changed'];

export function applyEdit(a: Comparable, edit: EditName, seed = 1): Comparable {
  const random = rng(seed);
  const i = middle(a.body);
  const text = a.body[i]?.text ?? '';
  switch (edit) {
    case 'tiny': {
      // A typo fixed: one letter of one word.
      const at = text.indexOf('e', Math.floor(text.length / 2));
      return withBlock(a, i, at < 0 ? `${text}.` : `${text.slice(0, at)}a${text.slice(at + 1)}`);
    }
    case 'sentence inserted': {
      const sentences = splitSentences(text);
      sentences.splice(Math.ceil(sentences.length / 2), 0, SENTENCE);
      return withBlock(a, i, sentences.join(' '));
    }
    case 'number changed': {
      for (const [j, block] of a.body.entries()) {
        const m = /\d+/.exec(block.text);
        if (m) {
          const changed = String(Number(m[0]) + 3);
          return withBlock(a, j, block.text.slice(0, m.index) + changed + block.text.slice(m.index + m[0].length));
        }
      }
      return withBlock(a, i, text.replace(/\b(\w+)\b/, 'twelve'));
    }
    case 'headline changed':
      return { ...a, headline: `${a.headline.split(' ').slice(0, -2).join(' ')} after days of talks` };
    case 'heavy':
      // Every other sentence of every block rewritten.
      return {
        ...a,
        body: a.body.map((b) => ({
          ...b,
          text: splitSentences(b.text)
            .map((s, k) => (k % 2 === 0 ? randomWords(random, s.split(' ').length) : s))
            .join(' '),
        })),
      };
    case 'rewrite':
      return {
        headline: randomWords(random, a.headline.split(' ').length),
        dek: a.dek === null ? null : randomWords(random, a.dek.split(' ').length),
        byline: a.byline,
        body: a.body.map((b) => ({ ...b, text: randomWords(random, b.text.split(' ').length) })),
      };
  }
}

/** All fixtures' paragraphs one after another until `words` words: a very long article (or live blog). */
export function longArticle(fixtures: readonly Fixture[], words: number): Comparable {
  const body: Block[] = [];
  let count = 0;
  for (let round = 0; count < words; round++) {
    for (const { article } of fixtures) {
      for (const block of article.body) {
        if (count >= words) break;
        // Rounds differ slightly so repeated paragraphs are not identical.
        const text = round === 0 ? block.text : `${block.text} (${round})`;
        body.push({ ...block, text });
        count += text.split(' ').length;
      }
    }
  }
  return { headline: 'A very long article', dek: null, byline: null, body };
}

/** A few scattered edits of a long article: a number, an inserted sentence, a removed paragraph, a new one. */
export function fewEdits(a: Comparable): Comparable {
  const body = [...a.body];
  const at = (f: number) => Math.floor(body.length * f);
  body[at(0.1)] = { ...body[at(0.1)]!, text: body[at(0.1)]!.text.replace(/\b\w+\b/, '42') };
  body[at(0.4)] = { ...body[at(0.4)]!, text: `${body[at(0.4)]!.text} ${SENTENCE}` };
  body.splice(at(0.6), 1);
  body.splice(at(0.8), 0, { kind: 'p', text: SENTENCE });
  return { ...a, body };
}
