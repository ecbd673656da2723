/**
 * Decides cheaply whether a page is a news article, before any extraction runs, from the page's shape first and its
 * declarations second. Shape: the runs of text the page shows (paragraphs, or text between <br>s, whatever the
 * markup), the container that gathers most of them (the story), and teasers: short cards of a headline link and a
 * line of text. A page whose teasers outweigh its story is a list of other stories, whatever it declares. A page
 * that declares an article (schema.org JSON-LD or microdata article types, og:type=article,
 * article:published_time) needs one real paragraph; an undeclared page must hold one body of several paragraphs.
 * Text the reader cannot see is not read: <noscript> (text, not elements, in a browser that runs scripts, but parsed
 * as elements by jsdom), <template>, scripts, styles, and elements hidden by the `hidden` attribute or an inline
 * display:none; so the content script and the Node tests see the same shape.
 */
import { ARTICLE_TYPES, metaContent, microdataTypes, readJsonLd, typesOf } from './declared';

export interface Recognition {
  article: boolean;
  liveBlog: boolean;
  /** The page declares itself an article (schema.org type, og:type, published time), whatever else it looks like. */
  declared: boolean;
  /** Why the decision was made, for debugging and tests. */
  reason: string;
}

// Pages that declare themselves as one of these are lists or apps, not stories.
const LISTING_TYPES = new Set(['SearchResultsPage', 'CollectionPage', 'ItemList', 'ProfilePage', 'CheckoutPage']);
// A run of text shorter than this is a caption, teaser line or furniture, not a story paragraph.
const STORY_RUN_CHARS = 80;
// An undeclared page is a story when one container holds this many story runs with this much text.
const UNDECLARED_RUNS = 3;
const UNDECLARED_CHARS = 600;
// A short undeclared story (a stub of one to three paragraphs) passes when its headline leads into it and it
// is clearly the largest body of text on the page (a page of comments or notices has several alike).
const SHORT_STORY_CHARS = 250;
const SHORT_STORY_OUTWEIGHS = 1.25;
// A declared article needs one real paragraph (a one-paragraph brief is still a story).
const DECLARED_MIN_CHARS = 120;
// A headline link: link text with at least this many characters and words.
const HEADLINE_LINK_CHARS = 20;
const HEADLINE_LINK_WORDS = 3;
// Han, kana and Hangul: a headline in these scripts has no spaces to count words by.
const UNSPACED_SCRIPT = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/;
// A teaser card's own text (its dek, outside the link) is at least a short line and at most a short paragraph.
const TEASER_DEK_MIN = 30;
const TEASER_DEK_MAX = 400;
// A teaser's link comes first, after at most a kicker or a time.
const TEASER_LEAD_MAX = 20;
// A page is a list of teasers when it has at least this many, its headline is followed by one, or (without <h1>)
// their text outweighs the story this many times.
const TEASER_LIST_MIN = 5;
const TEASER_OUTWEIGHS = 2;
const TEASERS_AFTER_H1 = 3;

const no = (reason: string, declared = false): Recognition => ({ article: false, liveBlog: false, declared, reason });

export function recognizeArticle(doc: Document, url: string): Recognition {
  if (!doc.body) return no('no body');
  const ldTypes = readJsonLd(doc).flatMap(typesOf);
  const declaredTypes = [...ldTypes, ...microdataTypes(doc)];
  const liveBlog = declaredTypes.includes('LiveBlogPosting');
  const marker = declaredTypes.some((t) => ARTICLE_TYPES.has(t))
    ? 'schema.org type'
    : metaContent(doc, 'og:type')?.toLowerCase() === 'article'
      ? 'og:type'
      : metaContent(doc, 'article:published_time') !== null
        ? 'article:published_time'
        : null;
  const declared = marker !== null;

  if (!declared) {
    if (declaredTypes.some((t) => LISTING_TYPES.has(t))) return no('declared listing page');
    if (looksLikeFrontOrSearch(url)) return no('front page or search URL');
  }
  const shape = readShape(doc.body);
  // The page's headline is followed by teasers, or (no <h1>) teasers outweigh the story: a list of other stories.
  const listed = shape.hasH1 ? shape.teaserAfterH1 !== null : shape.teaserChars > TEASER_OUTWEIGHS * shape.story.chars;
  if (shape.teasers >= TEASER_LIST_MIN && listed) return no(`a list of ${shape.teasers} teasers (${shape.teaserAfterH1 ?? 'outweighing the story'})`, declared);
  if (declared) {
    if (shape.story.chars < DECLARED_MIN_CHARS) return no('declared, but no story paragraph', true);
  } else if (shape.story.runs < UNDECLARED_RUNS || shape.story.chars < UNDECLARED_CHARS) {
    // A sign-in page may explain itself in a paragraph or two; a story page may hide a sign-in box (checked last).
    if (doc.querySelector('input[type="password"]')) return no('login or sign-up form');
    // Led by the headline, or several paragraphs; not a section page's intro above its teasers.
    const short =
      (shape.h1LeadsStory || shape.story.runs >= 2) &&
      shape.story.chars >= SHORT_STORY_CHARS &&
      shape.story.chars >= SHORT_STORY_OUTWEIGHS * shape.otherStoryChars &&
      (shape.teasers < TEASER_LIST_MIN || shape.teaserChars <= TEASER_OUTWEIGHS * shape.story.chars);
    if (!short) return no('no single body of story paragraphs');
    return { article: true, liveBlog, declared, reason: 'a short story after its headline' };
  }
  return { article: true, liveBlog, declared, reason: marker ?? 'story paragraphs' };
}

function looksLikeFrontOrSearch(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.pathname === '/' || /^\/(index\.\w+)?$/.test(u.pathname)) return true;
    if (/\/(search|suche|recherche|busca|buscar)(\/|$)/i.test(u.pathname)) return true;
    return ['q', 'query', 'search', 's'].some((p) => u.searchParams.has(p));
  } catch {
    return false;
  }
}

// Elements that start a new run of text; anything else (span, a, em, font, ...) continues the run it is in.
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL',
  'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR',
  'UL',
]);
// Never shown as text (NOSCRIPT: its content is text, not elements, wherever scripts run).
const UNSEEN = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'IFRAME', 'OBJECT', 'SELECT', 'TEXTAREA', 'BUTTON']);

function hidden(el: Element): boolean {
  return UNSEEN.has(el.tagName) || el.hasAttribute('hidden') || (el as HTMLElement).style?.display === 'none';
}

// Boxes laid over the page (dialogs, consent and cookie notices): their text is no story, even when it is all the
// page shows.
const OVERLAY_ROLE = new Set(['dialog', 'alertdialog']);
const CONSENT_NAME = /(^|[\s_-])(cookies?|consent|gdpr|cmp)([\s_-]|$)/i;
function overlay(el: Element): boolean {
  if (el.tagName === 'DIALOG' || el.getAttribute('aria-modal') === 'true') return true;
  if (OVERLAY_ROLE.has(el.getAttribute('role') ?? '')) return true;
  return CONSENT_NAME.test(el.id) || CONSENT_NAME.test(el.getAttribute('class') ?? '');
}

export interface PageShape {
  /** The container holding the most story text: how many story runs and how many characters (link text excluded). */
  story: { runs: number; chars: number };
  /** Teaser cards: a headline link leading a card with one short line of text. */
  teasers: number;
  /** All the visible text of those cards, links included. */
  teaserChars: number;
  /** The page has a visible <h1> and the first text after it is a teaser, not a story paragraph: its text. */
  teaserAfterH1: string | null;
  hasH1: boolean;
  /** The first story paragraph after the <h1> is part of the story. */
  h1LeadsStory: boolean;
  /** Characters of the largest body of story runs apart from the story (neither inside it nor holding it). */
  otherStoryChars: number;
}

interface Run {
  /** The element whose story the run belongs to. */
  owner: Element;
  /** The element the run's text is in. */
  at: Element;
  chars: number;
  /** Order in the page, comparable with the <h1>'s. */
  order: number;
}

/**
 * One walk over the visible elements. A run is the text between block boundaries and <br>s, link text not counted;
 * a block that is one run (a paragraph, or a bare <div> of text) belongs to its parent's story, runs between <br>s
 * to the element that holds them. Runs inside teaser cards are the cards' deks, not story.
 */
export function readShape(body: Element): PageShape {
  const runs: Run[] = [];
  const headlineLinks: Element[] = [];
  let order = 0;
  let h1Order = -1;

  // Characters of own text in a run of inline content; link text is counted apart.
  const inlineText = (node: Node): number => {
    if (node.nodeType === 3) return (node.nodeValue ?? '').trim().length;
    if (node.nodeType !== 1) return 0;
    const el = node as Element;
    if (hidden(el)) return 0;
    if (el.tagName === 'A') {
      const text = visibleText(el, 500).trim();
      // Words are counted by spaces, except in scripts written without them (Chinese, Japanese, Korean headlines).
      const words = UNSPACED_SCRIPT.test(text) ? HEADLINE_LINK_WORDS : text.split(/\s+/).length;
      if (text.length >= HEADLINE_LINK_CHARS && words >= HEADLINE_LINK_WORDS) headlineLinks.push(el);
      return 0;
    }
    let text = 0;
    for (let child = el.firstChild; child; child = child.nextSibling) text += inlineText(child);
    return text;
  };

  const walk = (el: Element, depth: number): void => {
    if (depth > 400) return;
    if (el.tagName === 'H1' && h1Order < 0 && visibleText(el, 10).trim() !== '') h1Order = order;
    order++;
    const found: number[] = [];
    let run = 0;
    let open = false;
    let split = false;
    const end = () => {
      if (open) found.push(run);
      run = 0;
      open = false;
    };
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) {
        const c = child as Element;
        if (hidden(c)) continue;
        if (c.tagName === 'BR') {
          end();
          split = true;
          continue;
        }
        if (BLOCK.has(c.tagName.toUpperCase()) || overlay(c)) {
          end();
          split = true;
          if (!overlay(c)) walk(c, depth + 1);
          continue;
        }
      }
      run += inlineText(child);
      open = true;
    }
    end();
    // A block that is all one run is a paragraph of its parent's story; runs split by <br> or blocks are the
    // element's own paragraphs.
    const owner = !split && el.parentElement ? el.parentElement : el;
    for (const chars of found) if (chars > 0) runs.push({ owner, at: el, chars, order: order++ });
  };
  walk(body, 0);

  // Each headline link's card: the largest ancestor holding no other headline link, while its text stays teaser-sized.
  const isHeadline = new Set(headlineLinks);
  const cards = new Set<Element>();
  let teaserChars = 0;
  for (const link of headlineLinks) {
    const linkText = visibleText(link, 500).replace(/\s+/g, ' ').trim();
    let card: Element = link;
    for (let up = link.parentElement; up && up !== body; up = up.parentElement) {
      if (visibleText(up, linkText.length + TEASER_DEK_MAX + 40).replace(/\s+/g, ' ').trim().length - linkText.length > TEASER_DEK_MAX) break;
      if ([...up.getElementsByTagName('a')].some((a) => a !== link && isHeadline.has(a))) break;
      card = up;
    }
    if (card === link || cards.has(card)) continue;
    const text = visibleText(card, Infinity).replace(/\s+/g, ' ').trim();
    // The link leads the card (a kicker or a time may come first), and a line of text goes with it.
    if (text.indexOf(linkText) > TEASER_LEAD_MAX || text.length - linkText.length < TEASER_DEK_MIN) continue;
    cards.add(card);
    teaserChars += text.length;
  }
  const cardOf = (el: Element): Element | null => {
    for (let up: Element | null = el; up && up !== body; up = up.parentElement) if (cards.has(up)) return up;
    return null;
  };

  const stories = new Map<Element, { runs: number; chars: number }>();
  let firstAfterH1: Element[] | null = null;
  let teaserAfterH1: string | null = null;
  let afterH1Decided = h1Order < 0;
  const leading = new Set<Element>();
  for (const r of runs.sort((a, b) => a.order - b.order)) {
    const card = cardOf(r.at);
    const teaser = card !== null;
    if (!afterH1Decided && r.order > h1Order) {
      // The headline is followed by several teasers before any story paragraph (one teaser may be a series box).
      if (card && r.chars >= TEASER_DEK_MIN) leading.add(card);
      if (leading.size >= TEASERS_AFTER_H1) {
        teaserAfterH1 = visibleText(card!, 200).replace(/\s+/g, ' ').trim().slice(0, 80);
        afterH1Decided = true;
      } else if (!card && r.chars >= STORY_RUN_CHARS) {
        afterH1Decided = true;
      }
    }
    if (teaser || r.chars < STORY_RUN_CHARS) continue;
    // A story's paragraphs may each sit in a wrapper of their own: the wrapper's parent gathers them too.
    const owners = [r.owner, r.owner.parentElement].filter((o): o is Element => o !== null);
    if (firstAfterH1 === null && h1Order >= 0 && r.order > h1Order) firstAfterH1 = owners;
    for (const owner of owners) {
      const entry = stories.get(owner) ?? { runs: 0, chars: 0 };
      entry.runs += 1;
      entry.chars += r.chars;
      stories.set(owner, entry);
    }
  }
  let story = { runs: 0, chars: 0 };
  let storyAt: Element | null = null;
  for (const [at, entry] of stories) {
    if (entry.chars > story.chars) {
      story = entry;
      storyAt = at;
    }
  }
  let otherStoryChars = 0;
  for (const [at, entry] of stories) {
    if (entry.chars <= otherStoryChars || storyAt === null || at.contains(storyAt) || storyAt.contains(at)) continue;
    otherStoryChars = entry.chars;
  }
  const h1LeadsStory = storyAt !== null && (firstAfterH1 as Element[] | null)?.includes(storyAt) === true;
  return { story, teasers: cards.size, teaserChars, teaserAfterH1, hasH1: h1Order >= 0, h1LeadsStory, otherStoryChars };
}

/** The visible text of `el`, reading stops once it is longer than `cap`. */
function visibleText(el: Element, cap: number): string {
  let text = '';
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child && text.length <= cap; child = child.nextSibling) {
      if (child.nodeType === 3) text += child.nodeValue ?? '';
      else if (child.nodeType === 1 && !hidden(child as Element)) {
        if (BLOCK.has((child as Element).tagName.toUpperCase()) || (child as Element).tagName === 'BR') text += ' ';
        walk(child);
      }
    }
  };
  walk(el);
  return text;
}
