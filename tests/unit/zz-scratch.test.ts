import { test } from 'vitest';
import { fixtureArticle } from './helpers/fixture-blocks';
import { diffArticles, type Comparable } from '../../lib/diff';
function rng(seed: number) { let t = seed >>> 0; return () => { t = (t + 0x6d2b79f5) >>> 0; let r = Math.imul(t ^ (t >>> 15), 1 | t); r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r; return ((r ^ (r >>> 14)) >>> 0) / 4294967296; }; }
const rt = (v: string[], n: number, r: () => number) => Array.from({ length: n }, () => v[Math.floor(r() * v.length)]!).join(' ');
function time(label: string, f: () => { coarse: boolean; summary: { text: string } }) {
  const ts: number[] = []; let last;
  for (let i = 0; i < 5; i++) { const t0 = performance.now(); last = f(); ts.push(performance.now() - t0); }
  console.log(label, ts.map(t => t.toFixed(1)).join(' '), last!.coarse, last!.summary.text.slice(0, 80));
}
test('bench', () => {
  const vocab = fixtureArticle('guardian-1').body.flatMap(b => b.text.split(' '));
  const r = rng(1);
  const mk = (body: string[]): Comparable => ({ headline: 'h', dek: null, byline: null, body: body.map(text => ({ kind: 'p' as const, text })) });
  const o1 = mk([rt(vocab, 20000, r)]);
  const n1 = mk([o1.body[0]!.text.split(' ').map((w, i) => i % 50 === 0 ? 'X' + w : w).join(' ')]);
  time('20k block, every 50th word, budget 100', () => diffArticles(o1, n1));
  time('20k block, every 50th word, budget 5000', () => diffArticles(o1, n1, { budgetMs: 5000 }));
  const n2 = mk([o1.body[0]!.text.split(' ').map((w, i) => i % 500 === 0 ? w + ' and so on. New sentence here' : w).join(' ')]);
  time('20k block, 40 insertions', () => diffArticles(o1, n2));
});
