import { test } from 'vitest';
import { fixtureArticle } from './helpers/fixture-blocks';
import { wordDiff, Diff } from 'diff';
import { tidy, toRuns, fromRuns } from '../../lib/diff-cleanup';
import { wordSegments } from '../../lib/diff-words';
import { numberChanges } from '../../lib/diff-summary';
import { comparableText } from '../../lib/diff';
import { wordSet } from '../../lib/diff-pair';
function rng(seed: number) { let t = seed >>> 0; return () => { t = (t + 0x6d2b79f5) >>> 0; let r = Math.imul(t ^ (t >>> 15), 1 | t); r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r; return ((r ^ (r >>> 14)) >>> 0) / 4294967296; }; }
const rt = (v: string[], n: number, r: () => number) => Array.from({ length: n }, () => v[Math.floor(r() * v.length)]!).join(' ');
test('prof', () => {
  const vocab = fixtureArticle('guardian-1').body.flatMap(b => b.text.split(' '));
  const r = rng(1);
  const a = rt(vocab, 20000, r);
  const b = a.split(' ').map((w, i) => i % 50 === 0 ? 'X' + w : w).join(' ');
  for (let k = 0; k < 3; k++) {
    let t = performance.now();
    const lap = (l: string) => { const x = performance.now(); console.log(l, (x - t).toFixed(1)); t = x; };
    comparableText(a); comparableText(b); lap('comparable');
    wordSet(a); wordSet(b); lap('wordset');
    const ta = wordDiff.tokenize(a), tb = wordDiff.tokenize(b); lap('tokenize');
    const ch = wordDiff.diff(a, b)!; lap('jsdiff');
    const segs = ch.map(c => ({ op: c.added ? 'ins' as const : c.removed ? 'del' as const : 'eq' as const, text: c.value }));
    const out = fromRuns(tidy(toRuns(segs))); lap('tidy ' + segs.length + '->' + out.length);
    wordSegments(a, b, { deadline: performance.now() + 5000, coarse: false }); lap('wordSegments');
    numberChanges(a, b); lap('numbers');
  }
});
