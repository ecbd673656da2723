import { test } from 'vitest';
import { fixtureNames, fixtureArticle } from './helpers/fixture-blocks';
import { diffArticles, diffText } from '../../lib/diff';
test('scratch', () => {
  const a = fixtureArticle('guardian-1');
  const b = fixtureArticle('nytimes-1');
  // rewrite guardian with nytimes paragraphs
  const body = a.body.map((blk, i) => ({ ...blk, text: b.body[i % b.body.length]!.text }));
  const d = diffArticles(a, { ...a, body });
  console.log(d.summary.text, d.coarse);
  for (const x of d.blocks) if (x.type === 'edited' || x.type === 'moved') console.log(JSON.stringify(x).slice(0, 400));
  const cases: [string,string][] = [
    ['The minister said on Monday that 32 people had died in the floods, and that rescue efforts would continue.', 'The prime minister said on Tuesday that at least 58 people had died in the floods and that rescue efforts were being scaled back.'],
    ['He was born in Paris in 1950 and moved to London.', 'She was born in Lyon in 1952 and later moved to New York.'],
  ];
  for (const [x, y] of cases) console.log(JSON.stringify(diffText(x, y)));
});
