/**
 * Item 4: lib/diff/articles.ts's diffArticles against a word-mode diff-match-patch baseline on the same inputs, in the same
 * process. The baseline is the standard linesToChars trick applied to words: every distinct word (and run of
 * whitespace) becomes one character, diff_main diffs those, and the result is mapped back.
 */
import DiffMatchPatch from 'diff-match-patch';
import { diffArticles } from '../lib/diff/articles';
import { type Comparable } from '../lib/diff/types';
import { applyEdit, fewEdits, longArticle, loadFixtures, TYPICAL, type EditName } from './edits';
import { geomean, mdTable, median, ms, ratio, timeSync, type Part, type Row } from './util';

const dmp = new DiffMatchPatch();

function articleText(a: Comparable): string {
  return [a.headline, a.dek ?? '', a.byline ?? '', ...a.body.map((b) => b.text)].join('\n');
}

/** diff-match-patch in word mode. */
export function dmpWordDiff(older: string, newer: string): DiffMatchPatch.Diff[] {
  const tokens: string[] = [''];
  const ids = new Map<string, number>();
  const encode = (text: string): string => {
    let out = '';
    for (const token of text.match(/\s+|[^\s]+/g) ?? []) {
      let id = ids.get(token);
      if (id === undefined) {
        id = tokens.length;
        tokens.push(token);
        ids.set(token, id);
      }
      out += String.fromCharCode(id);
    }
    return out;
  };
  const a = encode(older);
  const b = encode(newer);
  const diffs = dmp.diff_main(a, b, false);
  dmp.diff_charsToLines_(diffs, tokens);
  return diffs;
}

const RUNS = 15;

interface Case {
  name: string;
  ours: number;
  baseline: number;
}

function measure(older: Comparable, newer: Comparable, runs = RUNS): { ours: number; baseline: number } {
  const o = articleText(older);
  const n = articleText(newer);
  // Interleave the two so neither benefits from a warmer machine.
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let r = 0; r < 3; r++) {
    ours.push(timeSync(() => diffArticles(older, newer), Math.ceil(runs / 3)));
    baseline.push(timeSync(() => dmpWordDiff(o, n), Math.ceil(runs / 3)));
  }
  return { ours: median(ours), baseline: median(baseline) };
}

export function benchDiff(): Part {
  const fixtures = loadFixtures();
  const cases: Case[] = [];
  const perEdit = new Map<EditName, { ours: number[]; baseline: number[] }>();
  const edits: EditName[] = ['tiny', ...TYPICAL, 'heavy', 'rewrite'];
  for (const edit of edits) {
    const acc = { ours: [] as number[], baseline: [] as number[] };
    for (const { article } of fixtures) {
      const m = measure(article, applyEdit(article, edit));
      acc.ours.push(m.ours);
      acc.baseline.push(m.baseline);
    }
    perEdit.set(edit, acc);
  }
  const long = longArticle(fixtures, 20_000);
  const longMeasure = measure(long, fewEdits(long), 9);
  cases.push({ name: '20,000 words, 4 edits', ...longMeasure });

  const rows: Row[] = [];
  const detail: (string | number)[][] = [];
  for (const [edit, acc] of perEdit) {
    const worst = Math.max(...acc.ours);
    const med = median(acc.ours);
    const r = geomean(acc.ours.map((v, i) => v / acc.baseline[i]!));
    detail.push([edit, ms(med), ms(worst), ms(median(acc.baseline)), ms(Math.max(...acc.baseline)), ratio(r)]);
    const typical = TYPICAL.includes(edit);
    rows.push({
      area: 'Diff',
      name: `${edit} (median of ${fixtures.length} fixtures; worst)`,
      value: `${ms(med)}; ${ms(worst)}`,
      budget: typical ? '≤ 5 ms, ≤ 100 ms' : '≤ 100 ms',
      pass: worst <= 100 && (!typical || med <= 5),
    });
    if (typical) {
      rows.push({
        area: 'Diff',
        name: `${edit} vs dmp word baseline (geomean ratio)`,
        value: ratio(r),
        budget: '≤ 1.00x',
        pass: r <= 1.0,
      });
    }
  }
  for (const c of cases) {
    detail.push([c.name, ms(c.ours), ms(c.ours), ms(c.baseline), ms(c.baseline), ratio(c.ours / c.baseline)]);
    rows.push({ area: 'Diff', name: c.name, value: ms(c.ours), budget: '≤ 100 ms', pass: c.ours <= 100, note: `baseline ${ms(c.baseline)}` });
  }
  const table = mdTable(
    ['Edit', 'diffArticles median', 'worst', 'dmp median', 'dmp worst', 'ratio (geomean)'],
    detail,
  );
  return {
    rows,
    detail:
      `### Diff\n\nEach edit applied to the longest paragraph (or headline / first number) of each of the ${fixtures.length} ` +
      `fixture articles; median of ${RUNS} runs per input, interleaved with the baseline. The baseline diffs the ` +
      'whole article text (fields and blocks joined by newlines) in word mode with diff-match-patch; diffArticles ' +
      'additionally aligns blocks, detects moves, tidies and summarises.\n\n' +
      table,
  };
}
