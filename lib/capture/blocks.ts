/**
 * Turns the article element Readability returns into an ordered list of plain-text blocks. A block is a run of
 * inline content between block-level boundaries, so text is kept even when a site puts it straight into a <div>.
 * Never returns HTML: only textContent is read.
 */
import { tidyText } from '../model/normalize';
import type { Block, BlockKind } from '../model/snapshot';

export const BOUNDARIES = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN',
  'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'SELECT', 'TEXTAREA', 'IFRAME']);
// A hostile or broken page could nest without end; deeper content is flattened into its ancestor's block.
const MAX_DEPTH = 200;
// Past this, recursion would risk the stack; the rest of the subtree is read as one run of text.
const MAX_RECURSION = 1000;

function kindOf(tag: string, inherited: BlockKind): BlockKind {
  if (/^H[1-6]$/.test(tag)) return 'h';
  if (tag === 'LI' || tag === 'DT' || tag === 'DD') return inherited === 'quote' ? 'quote' : 'li';
  if (tag === 'BLOCKQUOTE') return 'quote';
  if (tag === 'PRE') return 'pre';
  return inherited;
}

export interface BlockLimits {
  /** Stop reading once this many blocks are collected. */
  maxBlocks?: number;
  /** Stop reading once the blocks hold this many characters. */
  maxChars?: number;
}

// A line this long ending like a sentence is a paragraph even when only one <br> follows it.
const BR_PARAGRAPH_CHARS = 100;
const SENTENCE_END = /[.!?…。！？"'”»)]\s*$/u;

function endsParagraph(buffer: string[]): boolean {
  let length = 0;
  for (const part of buffer) length += part.length;
  if (length < BR_PARAGRAPH_CHARS) return false;
  const text = buffer.join('').trimEnd();
  return text.length >= BR_PARAGRAPH_CHARS && SENTENCE_END.test(text);
}

export function elementToBlocks(root: Element): Block[] {
  return readBlocks(root).blocks;
}

/**
 * The blocks of `root`, in order. With limits, reading stops soon after either is reached (the caller cuts to the
 * exact cap), so a 50,000-paragraph page costs no more than the part that will be kept; `complete` is false then.
 */
export function readBlocks(root: Element, limits: BlockLimits = {}): { blocks: Block[]; complete: boolean } {
  const { maxBlocks = Infinity, maxChars = Infinity } = limits;
  const blocks: Block[] = [];
  let buffer: string[] = [];
  let bufferKind: BlockKind = 'p';
  let chars = 0;
  const full = () => blocks.length > maxBlocks || chars > maxChars;

  // A <br> just seen with nothing but whitespace after it: a second one ends the paragraph.
  let afterBr = false;
  const flush = (): void => {
    const text = tidyText(buffer.join(''));
    if (text !== '') {
      blocks.push({ kind: bufferKind, text });
      chars += text.length;
    }
    buffer = [];
  };

  const walk = (node: Node, kind: BlockKind, depth: number): void => {
    for (let child = node.firstChild; child !== null && !full(); child = child.nextSibling) {
      if (child.nodeType === 3 /* text */) {
        const value = child.nodeValue ?? '';
        if (buffer.length === 0) bufferKind = kind;
        buffer.push(value);
        if (afterBr && value.trim() !== '') afterBr = false;
      } else if (child.nodeType === 1 /* element */) {
        const el = child as Element;
        const tag = el.tagName.toUpperCase();
        if (SKIPPED.has(tag)) continue;
        if (depth >= MAX_RECURSION) {
          buffer.push(el.textContent ?? '');
          continue;
        }
        if (tag === 'BR') {
          // Text written with <br>s between paragraphs: a double <br>, or a single one after a whole sentence of
          // paragraph length, ends a block.
          if (afterBr || endsParagraph(buffer)) flush();
          else buffer.push(' ');
          afterBr = true;
          continue;
        }
        afterBr = false;
        if (BOUNDARIES.has(tag) && depth < MAX_DEPTH) {
          flush();
          walk(el, kindOf(tag, kind), depth + 1);
          flush();
        } else {
          walk(el, kind, depth + 1);
        }
      }
    }
  };

  walk(root, 'p', 0);
  const complete = !full();
  flush();
  return { blocks, complete };
}
