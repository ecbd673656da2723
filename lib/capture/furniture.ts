/**
 * Structural furniture inside a story: what sits among the paragraphs but is not the story. Decided by structure
 * (element kinds, link density, hidden markers) and short multilingual cue lists, never by a site's class names.
 * Works on a detached copy (never the live page), with DOM APIs only: no layout, so jsdom and the browser agree.
 */
import { isFurniture, normalizeText } from '../model/normalize';
import type { Block } from '../model/snapshot';

// Never story text: interactive controls, embedded media, navigation, side boxes, figures (captions and credits).
const DROP_TAGS = [
  'noscript', 'script', 'style', 'template', 'aside', 'nav', 'button', 'select', 'input', 'textarea', 'iframe',
  'svg', 'figure', 'figcaption', 'dialog', 'menu',
].join(',');
const HIDDEN = '[hidden], [aria-hidden="true"], [style*="display:none" i], [style*="display: none" i], [style*="visibility:hidden" i], [style*="visibility: hidden" i]';

// The first words of boxes that point elsewhere: "Read also", "Lesen Sie auch", "Most read", "Newsletter"...
export const ELSEWHERE_CUE = new RegExp(
  '^(' +
    [
      'read (also|more|next)', 'also read', 'related( (articles?|stories|content|news|topics|coverage))?', 'more (on|from|about) ',
      'see also', 'recommended', 'you (may|might) (also )?like', 'most (read|popular|viewed|shared)', 'top stories',
      'trending', 'newsletter', 'sign up', 'subscribe', 'follow us', 'share (this|on)', 'more stories', 'latest news',
      'lesen sie (auch|mehr|hier)', 'auch interessant', 'mehr zum thema', 'meistgelesen', 'das könnte sie( auch)? interessieren',
      'weitere artikel', 'zum thema', 'mehr (dazu|aus|zu)', 'empfehlungen', 'teilen',
      '(à |a )?lire (aussi|également|la suite)', 'voir aussi', 'les plus lus', 'sur le même sujet', 'partager', 'notre newsletter',
      'le(e|a) (también|más)', 'te puede interesar', 'le puede interesar', 'lo más (leído|visto)', 'noticias relacionadas',
      'más información', 'compartir', 'leia (também|mais)', 'leggi anche', 'przeczytaj (też|także)', 'čtěte také',
      'اقرأ أيضا', 'اقرأ أيضاً', 'الأكثر قراءة', 'مواضيع ذات صلة', 'شارك',
      '相关阅读', '相关新闻', '延伸阅读', '热门文章', '推荐阅读', '分享',
    ].join('|') +
    ')',
  'iu',
);

const textOf = (el: Element): string => normalizeText(el.textContent ?? '');

function linkChars(el: Element): number {
  let n = 0;
  for (const a of el.getElementsByTagName('a')) n += normalizeText(a.textContent ?? '').length;
  return n;
}

// A form's box with less text than this is a promotion or a sign-up.
const PROMO_CHARS = 300;
// An image box with less text than this holds a caption or a bio.
const IMAGE_BOX_CHARS = 300;

function textParagraphs(el: Element): number {
  let n = 0;
  for (const p of el.getElementsByTagName('p')) if ((p.textContent ?? '').trim() !== '') n++;
  return n;
}

function remove(el: Element): void {
  el.parentNode?.removeChild(el);
}

/**
 * Removes furniture from `root` in place. Lists and boxes that are mostly links are teasers, menus or tags; boxes
 * headed by an "elsewhere" cue are promotions; a paragraph that is only links stays unless a cue heads it (a
 * story may end with a bare link to its source).
 */
export function stripFurniture(root: Element): void {
  // A form with the few words around it is a newsletter sign-up, a search or a comment box.
  // A form holding much text is a page wrapped in one (ASP.NET): kept.
  for (const form of Array.from(root.querySelectorAll('form'))) {
    const box = form.parentElement;
    if (box !== null && box !== root && root.contains(box) && textOf(box).length < PROMO_CHARS) remove(box);
    else if (textOf(form).length < PROMO_CHARS) remove(form);
  }
  for (const el of Array.from(root.querySelectorAll(DROP_TAGS))) remove(el);
  for (const el of Array.from(root.querySelectorAll(HIDDEN))) remove(el);
  // Bottom-up, so a box is judged after its own furniture is gone.
  const boxes = Array.from(root.querySelectorAll('ul, ol, dl, div, section, table, p, header, footer')).reverse();
  for (const el of boxes) {
    if (!el.isConnected && el.ownerDocument.contains(el) === false && !root.contains(el)) continue;
    if (!root.contains(el)) continue;
    const text = textOf(el);
    if (text === '') {
      if (el.getElementsByTagName('img').length === 0) remove(el);
      continue;
    }
    const ratio = linkChars(el) / text.length;
    const tag = el.tagName;
    const links = el.getElementsByTagName('a').length;
    if (ELSEWHERE_CUE.test(text) && text.length < 600 && (ratio > 0.3 || text.length < 120)) {
      remove(el);
    } else if (tag !== 'P' && text.length < IMAGE_BOX_CHARS && el.getElementsByTagName('img').length > 0 && textParagraphs(el) <= 1) {
      // A picture with a line of text: a caption, a credit or an author's bio box, not story.
      remove(el);
    } else if (tag === 'P') {
      if (links > 1 && (ratio > 0.9 || (ratio > 0.5 && text.length < 100))) remove(el);
    } else if (ratio > 0.5 && (links > 1 || text.length < 100)) {
      remove(el);
    }
  }
}

// A short line before or after the story that is a byline, a date, a credit or a label, not a sentence.
const BYLINE = /^((by|von|par|por|di|door|av|af|texte?|photos?|fotos?|credit|quelle|source)\b|بقلم|记者|作者)/iu;
const CREDIT = /^(©|\(c\)|photo|foto|bild|image|credit|crédit|picture|quelle|source|fuente|تصوير|图片)/iu;
const DATE = /\b(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\d{1,2}\.? (jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|de[cz]|ene|abr|ago|dic|janv|févr|avr|juil|sept|déc)\w*\.?,? \d{4}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{1,2},? \d{4})\b/iu;
const SENTENCE_END = /[.!?…。！？:"'”»)]$/u;
const EDGE_MAX_CHARS = 120;

// Comment counters in scripts the shared furniture rules (lib/normalize.ts) do not list.
const COUNTER = /^\d[\d.,]*\s*(条评论|評論|条|تعليقات?|komentarz\w*|reacties|comentari\w*)$/u;
const HAN = /\p{Script=Han}/u;

function isEdgeFurniture(block: Block, text: string): boolean {
  if (isFurniture(text) || COUNTER.test(text)) return true;
  if (text.length > EDGE_MAX_CHARS) return false;
  if (ELSEWHERE_CUE.test(text)) return true;
  if (CREDIT.test(text)) return true;
  if (BYLINE.test(text) && !/[.!?。]$/u.test(text)) return true;
  if (DATE.test(text) && text.length < 80 && !SENTENCE_END.test(text.replace(/\d[.:]?$/u, ''))) return true;
  // A bare label: one to three words (a few characters in Chinese) and no sentence end ("Politics", "Tags: A, B").
  if (block.kind === 'h' || SENTENCE_END.test(text)) return false;
  return HAN.test(text) ? text.length <= 6 : text.split(' ').length <= 3;
}

export interface EdgeContext {
  /** Headline and standfirst: a leading block repeating one is dropped. */
  repeats?: (string | null)[];
  /** The byline's name: a short closing block that starts with it is the author's bio. */
  author?: string | null;
}

const BIO_MAX_CHARS = 300;

/** Drops bylines, dates, credits, labels and repeats of the headline from the start and end of the body. */
export function trimEdges(body: Block[], context: EdgeContext = {}): Block[] {
  const repeats = new Set((context.repeats ?? []).filter((r): r is string => r !== null).map(normalizeText));
  const author = normalizeText(context.author ?? '').replace(BYLINE, '').trim();
  const texts = body.map((b) => normalizeText(b.text));
  let start = 0;
  let end = body.length;
  while (start < end && (repeats.has(texts[start]!) || isEdgeFurniture(body[start]!, texts[start]!))) start++;
  while (end > start) {
    const text = texts[end - 1]!;
    const bio = author.length >= 4 && text.length <= BIO_MAX_CHARS && text.startsWith(author);
    if (!bio && !isEdgeFurniture(body[end - 1]!, text)) break;
    end--;
  }
  return body.slice(start, end);
}
