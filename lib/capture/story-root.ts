/**
 * Where the page itself marks its story: [itemprop=articleBody], or the <article> that holds most of the page's
 * story paragraphs. Reading only that subtree keeps the menus, teasers and comments around it out of the body, and
 * is cheaper than reading the whole page. A marked element that holds too little of the page's paragraph text (a
 * teaser card, a wrapper round the first paragraph only) is not trusted: the caller then reads the whole page.
 * DOM APIs only (no layout), so jsdom and the browser agree.
 */

// Paragraphs shorter than this (link text excluded) are captions, teasers or furniture.
const STORY_PARAGRAPH_CHARS = 60;
// A root must hold at least this share of the page's story-paragraph text...
const MIN_SHARE = 0.6;
// ...and at least this much of it.
const MIN_CHARS = 150;

/** Characters of a <p>'s own text that is not link text. */
function storyChars(p: Element): number {
  let chars = (p.textContent ?? '').trim().length;
  if (chars < STORY_PARAGRAPH_CHARS) return 0;
  for (const a of p.getElementsByTagName('a')) chars -= (a.textContent ?? '').length;
  return chars >= STORY_PARAGRAPH_CHARS ? chars : 0;
}

/** Story-paragraph characters of the whole body and of each candidate. */
function paragraphText(body: Element, candidates: Element[]): { total: number; within: number[] } {
  let total = 0;
  const within = candidates.map(() => 0);
  for (const p of body.getElementsByTagName('p')) {
    const chars = storyChars(p);
    if (chars === 0) continue;
    total += chars;
    candidates.forEach((c, i) => {
      if (c.contains(p)) within[i]! += chars;
    });
  }
  // Stories written as text between <br>s have no <p>: count their text directly.
  if (total === 0) {
    total = (body.textContent ?? '').length;
    candidates.forEach((c, i) => (within[i] = (c.textContent ?? '').length));
  }
  return { total, within };
}

const outermost = (els: Element[]): Element[] => els.filter((el) => !els.some((o) => o !== el && o.contains(el)));

/** The element holding the story, or null when the page marks none we can trust. */
export function findStoryRoot(doc: Document): Element | null {
  const body = doc.body;
  if (!body) return null;
  const marked = outermost(Array.from(body.querySelectorAll('[itemprop~="articleBody" i], [itemprop~="articlebody"]')));
  const articles = outermost(Array.from(body.getElementsByTagName('article')));
  const candidates = marked.length > 0 ? marked : articles;
  if (candidates.length === 0) return null;
  const { total, within } = paragraphText(body, candidates);
  let best = -1;
  for (let i = 0; i < candidates.length; i++) if (best < 0 || within[i]! > within[best]!) best = i;
  const chars = within[best] ?? 0;
  if (chars < MIN_CHARS || chars < MIN_SHARE * total) return null;
  return candidates[best] ?? null;
}
