/**
 * The one-line summary of an article diff ("Headline changed · 2 paragraphs added · 1 removed", in the reader's
 * language) and the numbers that changed, which readers care about most (casualty counts, sums, percentages).
 */
import { diffArrays } from 'diff';
import { t, tn } from '../platform/i18n';
import type { ArticleDiff, ChangeSummary, Comparable, NumberChange } from './types';

// 32 · 1,200 · 3.5 · 45% · 45 % (French) · 1 200 (French thousands, only with a no-break space: a plain space
// between two numbers usually separates them).
export const NUMBER = /(?<![\p{L}\p{N}])\d+(?:[.,\u00a0\u202f]\d+)*(?:[ \u00a0\u202f]?%)?/gu;
/**
 * Numbers are a side line: a pathological list of them must not hold up the whole diff. A block where more
 * numbers changed than this was rewritten rather than corrected, and listing its numbers would not help anyway.
 */
const NUMBER_DIFF_TIMEOUT_MS = 10;
const MAX_NUMBER_EDITS = 64;

function numbersIn(s: string): string[] {
  return s.match(NUMBER) ?? [];
}

/** Numbers that changed between two versions of one text, paired in order within each changed stretch. */
export function numberChanges(older: string, newer: string): NumberChange[] {
  const a = numbersIn(older);
  const b = numbersIn(newer);
  if (a.length === 0 || b.length === 0) return [];
  // Spaces inside numbers are typography, not a different number.
  const plain = (x: string): string => x.replace(/[ \u00a0\u202f]/g, '');
  const changes = diffArrays(a.map(plain), b.map(plain), {
    timeout: NUMBER_DIFF_TIMEOUT_MS,
    maxEditLength: MAX_NUMBER_EDITS,
  });
  if (!changes) return [];
  const out: NumberChange[] = [];
  let i = 0;
  let j = 0;
  let from: string[] = [];
  let to: string[] = [];
  const flush = (): void => {
    for (let k = 0; k < Math.min(from.length, to.length); k++) out.push({ from: from[k]!, to: to[k]! });
    from = [];
    to = [];
  };
  for (const c of changes) {
    if (c.removed) from.push(...a.slice(i, (i += c.count)));
    else if (c.added) to.push(...b.slice(j, (j += c.count)));
    else {
      flush();
      i += c.count;
      j += c.count;
    }
  }
  flush();
  return out;
}

/** The first block count names the unit ("2 paragraphs added"); the rest reuse it ("1 removed"). */
const BLOCK_COUNTS = {
  added: { named: (n: number) => tn('summaryParagraphsAdded', n), bare: (n: number) => tn('summaryAdded', n) },
  removed: { named: (n: number) => tn('summaryParagraphsRemoved', n), bare: (n: number) => tn('summaryRemoved', n) },
  edited: { named: (n: number) => tn('summaryParagraphsEdited', n), bare: (n: number) => tn('summaryEdited', n) },
  moved: { named: (n: number) => tn('summaryParagraphsMoved', n), bare: (n: number) => tn('summaryMoved', n) },
};

export function summarise(
  d: Omit<ArticleDiff, 'summary' | 'coarse'>,
  older: Comparable,
  newer: Comparable,
): ChangeSummary {
  const counts = { added: 0, removed: 0, edited: 0, moved: 0 };
  const numbers: NumberChange[] = [];
  const seen = new Set<string>();
  const addNumbers = (o: string, n: string): void => {
    for (const c of numberChanges(o, n)) {
      const key = `${c.from}\u0000${c.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      numbers.push(c);
    }
  };
  if (d.headline.changed) addNumbers(older.headline, newer.headline);
  if (d.dek.changed) addNumbers(older.dek ?? '', newer.dek ?? '');
  for (const b of d.blocks) {
    if (b.type === 'same') continue;
    counts[b.type]++;
    if (b.type === 'edited' || (b.type === 'moved' && b.segments)) {
      addNumbers(older.body[b.oldIndex]?.text ?? '', newer.body[b.newIndex]?.text ?? '');
    }
  }

  const parts: string[] = [];
  if (d.headline.changed) parts.push(t('summaryHeadlineChanged'));
  if (d.dek.changed) parts.push(t('summaryDekChanged'));
  if (d.byline.changed) parts.push(t('summaryBylineChanged'));
  let named = false;
  for (const verb of ['added', 'removed', 'edited', 'moved'] as const) {
    const n = counts[verb];
    if (n === 0) continue;
    parts.push(named ? BLOCK_COUNTS[verb].bare(n) : BLOCK_COUNTS[verb].named(n));
    named = true;
  }
  return {
    headline: d.headline.changed,
    dek: d.dek.changed,
    byline: d.byline.changed,
    ...counts,
    numbers,
    text: parts.length > 0 ? parts.join(' · ') : t('summaryNoChanges'),
  };
}
