/**
 * Test helper: turns the shared fixture pages (../shared/fixtures/pages/<name>/expected.html, Readability's output
 * for real news articles) into Palimpsest blocks, so diff tests run on real article text rather than toy strings.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import type { Block, BlockKind } from '../../../lib/model/snapshot';
import type { Comparable } from '../../../lib/diff/types';

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../../../../shared/fixtures/pages');

const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, li, blockquote';

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => existsSync(path.join(FIXTURES_DIR, name, 'expected.html')))
    .sort();
}

function kindOf(el: Element): BlockKind {
  // A paragraph inside a quote or list item is shown as part of that quote or item.
  if (el.closest('blockquote')) return 'quote';
  if (el.closest('li')) return 'li';
  if (/^H[1-6]$/.test(el.tagName)) return 'h';
  return 'p';
}

/** Each block element's text, whitespace-collapsed; containers of other block elements yield only their children. */
export function blocksFromHtml(html: string): Block[] {
  const doc = new JSDOM(html).window.document;
  const blocks: Block[] = [];
  for (const el of doc.querySelectorAll(BLOCK_SELECTOR)) {
    // Innermost wins, so a <li><p>…</p></li> is one block, not the same text twice.
    if (el.querySelector(BLOCK_SELECTOR)) continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text !== '') blocks.push({ kind: kindOf(el), text });
  }
  return blocks;
}

export function fixtureBlocks(name: string): Block[] {
  return blocksFromHtml(readFileSync(path.join(FIXTURES_DIR, name, 'expected.html'), 'utf8'));
}

interface Metadata {
  title?: string | null;
  byline?: string | null;
  excerpt?: string | null;
}

/** A fixture as something diffArticles can compare: metadata title/excerpt/byline plus the body blocks. */
export function fixtureArticle(name: string): Comparable {
  const metaPath = path.join(FIXTURES_DIR, name, 'expected-metadata.json');
  const meta = (existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, 'utf8')) : {}) as Metadata;
  return {
    headline: meta.title ?? '',
    dek: meta.excerpt ?? null,
    byline: meta.byline ?? null,
    body: fixtureBlocks(name),
  };
}
