/**
 * What holds no story text, removed from the copy Readability reads before it reads it, so that what changes from
 * one load of a page to the next without the story changing cannot change what is read. Readability picks the
 * element with the densest text, climbs from it through every parent of which it is the only child, and adds the
 * siblings of where it stops: an ad slot, a counter or a widget's box beside the story on one visit and not on the
 * next (ads load or fail, scripts inject them) decided whether a run of story paragraphs in the parent's other child
 * was read, and a revisit of an unchanged article raised a badge. Markup a page's script writes as text
 * (document.write of an escaped `<script src="…?{time}">`) is shown by a browser, absent from the served HTML and
 * different on every load. Decided by structure and by the shared furniture lines (lib/model/normalize.ts
 * isFurniture, which the content hash ignores anyway), never by a site's names; DOM APIs only, so jsdom and the
 * browser agree.
 */
import { isFurniture, normalizeText } from '../model/normalize';
import { BOUNDARIES } from './blocks';

// Text that is nothing but HTML tags. Linear: each repetition starts at a "<" that [^<>] cannot cross.
const MARKUP_ONLY = /^(\s*<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>)+\s*$/i;
// Where tags written as text are what the reader is meant to see: code samples.
const CODE = 'pre, code, kbd, samp, textarea, script, style';
// Text no reader sees: not counted when deciding whether an element holds any.
const UNSEEN = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
// Empty by nature, never removed: line breaks split paragraphs written with <br>s; a <meta> or <link> the parser
// moved into the body still carries what Readability reads as metadata (the author); media sources and map areas.
const KEEP_EMPTY = new Set(['BR', 'HR', 'WBR', 'META', 'LINK', 'TITLE', 'BASE', 'SOURCE', 'TRACK', 'PARAM', 'AREA', 'COL', 'COLGROUP']);
// Pictures and other media: an element holding only them is a picture box. Frames are not among them: that is what
// an ad slot is filled with, or not.
const MEDIA = new Set(['IMG', 'PICTURE', 'VIDEO', 'AUDIO', 'CANVAS', 'SVG', 'OBJECT', 'EMBED']);
// A picture box beside this much text (a story's wrapper or paragraph) is no part of it: an ad's linked picture on
// one load and not on the next, or a photo, which the body (text) would not hold anyway. One beside less text is
// kept: a picture with a line of text is how lib/capture/furniture.ts knows a caption or an author's bio box.
const BESIDE_STORY_CHARS = 200;
// A furniture line is a dozen words at most (isFurniture); longer text is never put together in full.
const LINE_CHARS = 200;
// Readability reads the page's JSON-LD from the copy: a box holding it is kept.
const LD_JSON = 'script[type="application/ld+json" i]';

/** Removes text nodes that are only markup, outside code samples. */
export function dropMarkupText(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const found: Node[] = [];
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const value = node.nodeValue ?? '';
    if (value.includes('<') && MARKUP_ONLY.test(value) && !node.parentElement?.closest(CODE)) found.push(node);
  }
  for (const node of found) node.parentNode?.removeChild(node);
}

function textMeasure(value: string): Measure {
  return { line: value.length > LINE_CHARS ? null : value, chars: value.replace(SPACE, '').length, linkChars: 0, links: 0, filled: false, pictured: false };
}

const hasLooseText = (el: Element): boolean =>
  Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.nodeValue ?? '').trim() !== '');

export interface NoStoryOptions {
  /**
   * Also remove elements with no visible text and no picture (empty slots, and the frames that fill them), pictures
   * with no text beside story text (what an ad fills them with, or a photo) and boxes that are mostly links (what a
   * widget of teasers fills them with).
   */
  boxes?: boolean;
}

// Boxes judged by their links, as lib/capture/furniture.ts judges them in Readability's result.
const LINK_BOXES = new Set(['UL', 'OL', 'DL', 'DIV', 'SECTION', 'TABLE']);
const LINK_SHARE = 0.5;

interface Measure {
  /** Visible text up to LINE_CHARS, or null past it. */
  line: string | null;
  /** Visible characters other than spaces, all of them and those inside links. */
  chars: number;
  linkChars: number;
  links: number;
  /** Holds a line break or metadata: never empty. */
  filled: boolean;
  /** Holds a picture or other media. */
  pictured: boolean;
}
const NOTHING: Measure = { line: '', chars: 0, linkChars: 0, links: 0, filled: false, pictured: false };
const SPACE = /\s/g;

/**
 * Removes from `root` (not `root` itself) markup written as text and block elements whose whole visible text is
 * one furniture line ("Advertisement", "345 comments", "Updated 5 minutes ago"); with `boxes`, elements with no
 * visible text and no picture, pictures with no text beside story text, and boxes mostly of links too. A block element between runs of loose text is kept:
 * it makes them two paragraphs.
 */
export function removeNoStory(root: Element, { boxes = false }: NoStoryOptions = {}): void {
  dropMarkupText(root);
  // Each element measured from its children's measures, children before parents: linear in the page.
  const measures = new Map<Element, Measure>();
  const doomed: Element[] = [];
  const pictureBoxes: Element[] = [];
  for (const el of Array.from(root.querySelectorAll('*')).reverse()) {
    const tag = el.tagName.toUpperCase();
    if (UNSEEN.has(tag)) {
      measures.set(el, NOTHING);
      continue;
    }
    const m: Measure = { line: '', chars: 0, linkChars: 0, links: tag === 'A' ? 1 : 0, filled: KEEP_EMPTY.has(tag), pictured: MEDIA.has(tag) };
    for (let child = el.firstChild; child !== null; child = child.nextSibling) {
      const part = child.nodeType === 3 ? textMeasure(child.nodeValue ?? '') : child.nodeType === 1 ? measures.get(child as Element) : undefined;
      if (!part) continue;
      m.line = m.line === null || part.line === null || m.line.length + part.line.length > LINE_CHARS ? null : m.line + part.line;
      m.chars += part.chars;
      m.linkChars += part.linkChars;
      m.links += part.links;
      m.filled ||= part.filled;
      m.pictured ||= part.pictured;
    }
    if (tag === 'A') m.linkChars = m.chars;
    measures.set(el, m);
    if (KEEP_EMPTY.has(tag)) continue;
    const line = m.line === null ? null : normalizeText(m.line);
    if (line === '' && boxes && !m.filled && m.pictured) pictureBoxes.push(el);
    const gone =
      line === ''
        ? boxes && !m.filled && !m.pictured
        : (line !== null && BOUNDARIES.has(tag) && isFurniture(line)) ||
          (boxes && LINK_BOXES.has(tag) && m.links > 1 && m.linkChars > LINK_SHARE * m.chars);
    if (gone) {
      doomed.push(el);
      // Its parent is judged as it will be without it.
      measures.set(el, { ...NOTHING, line: m.line === '' ? '' : ' ' });
    }
  }
  // Picture boxes beside story text, judged once every element is measured. The most text a child of each parent
  // holds, counted once per parent: linear.
  const most = new Map<Element, [number, number]>();
  const mostBeside = (el: Element): number => {
    const parent = el.parentElement;
    if (parent === null) return 0;
    let top = most.get(parent);
    if (top === undefined) {
      top = [0, 0];
      for (const child of Array.from(parent.children)) {
        const chars = measures.get(child)?.chars ?? 0;
        if (chars > top[0]) top = [chars, top[0]];
        else if (chars > top[1]) top = [top[0], chars];
      }
      most.set(parent, top);
    }
    // The most text among its siblings: the second most of the parent's children when it holds the most itself.
    return (measures.get(el)?.chars ?? 0) === top[0] ? top[1] : top[0];
  };
  for (const el of pictureBoxes) if (mostBeside(el) >= BESIDE_STORY_CHARS) doomed.push(el);
  // Outermost first; what a removed ancestor held is gone with it.
  for (const el of doomed.reverse()) {
    // A form stays, and what holds it: lib/capture/furniture.ts knows a sign-up box by the form in it.
    if (!root.contains(el) || el.closest('form') !== null || el.querySelector(`form, ${LD_JSON}`) !== null) continue;
    if (BOUNDARIES.has(el.tagName.toUpperCase())) {
      if (el.parentElement === null || !hasLooseText(el.parentElement)) el.remove();
    } else if (measures.get(el)?.line === '') {
      el.remove();
    } else {
      // An inline element holding only a space (<strong> </strong>) still separates two words.
      el.replaceWith(el.ownerDocument.createTextNode(' '));
    }
  }
}
