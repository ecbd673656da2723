import { test } from 'vitest';
import { fixtureNames, fixtureArticle } from './helpers/fixture-blocks';
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
  const o1 = mk([rt(vocab, 20000, r)]), n1 = mk([rt(vocab, 20000, r)]);
  time('20k single block rewrite same vocab', () => diffArticles(o1, n1));
  const o2 = mk(Array.from({ length: 4 }, () => rt(vocab, 5000, r)));
  const n2 = mk(o2.body.map(b => b.text.replace(/ the /, ' THE ').replace(/ and (\S+) /, ' or $1 ')));
  time('20k four blocks few edits', () => diffArticles(o2, n2));
  // many blocks each rewritten but similar (shared vocab, pairs as edited)
  const o3 = mk(Array.from({ length: 400 }, () => rt(vocab.slice(0, 300), 50, r)));
  const n3 = mk(o3.body.map(b => b.text.split(' ').map((w, i) => i % 3 === 0 ? vocab[Math.floor(r() * 300)] : w).join(' ')));
  time('400 blocks each edited heavily', () => diffArticles(o3, n3));
  const o4 = mk(Array.from({ length: 5000 }, (_, i) => `p${i} ` + rt(vocab, 10, r)));
  const n4 = mk(Array.from({ length: 5000 }, (_, i) => `q${i} ` + rt(vocab, 10, r)));
  time('5000 blocks total rewrite', () => diffArticles(o4, n4));
  const o5 = mk(Array.from({ length: 3000 }, (_, i) => `p${i} ` + rt(vocab, 10, r)));
  const n5 = mk(Array.from({ length: 3000 }, (_, i) => `q${i} ` + rt(vocab, 10, r)));
  time('3000 blocks total rewrite', () => diffArticles(o5, n5));
  const o6 = mk(Array.from({ length: 3000 }, (_, i) => `p${i} ` + rt(vocab, 10, r)));
  const n6 = mk([...o6.body.map(b => b.text)].reverse());
  time('3000 blocks reversed', () => diffArticles(o6, n6));
  const L = [...fixtureNames()].map(n => fixtureArticle(n)).sort((a, b) => b.body.length - a.body.length)[0]!;
  const v = L.body.flatMap(b => b.text.split(' '));
  const nL = { ...L, body: L.body.map(b => ({ ...b, text: rt(v, b.text.split(' ').length, r) })) };
  time('longest rewrite own vocab', () => diffArticles(L, nL));
  const o7 = mk(Array.from({ length: 20 }, () => rt(vocab, 1000, r)));
  const n7 = mk(o7.body.map(b => b.text.split(' ').map((w, i) => i % 4 === 0 ? 'X' + w : w).join(' ')));
  time('20 x 1000 words, every 4th word changed', () => diffArticles(o7, n7));
});
