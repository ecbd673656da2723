/**
 * The shared fixture pages as diffable articles. Same parsing as tests/unit/helpers/fixture-blocks.ts, which cannot
 * be imported here: it relies on __dirname, which does not exist when tsx runs the bench as an ES module.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import type { Comparable } from '../lib/diff';
import type { Block, BlockKind } from '../lib/snapshot';

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../../shared/fixtures/pages');
const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, li, blockquote';

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => existsSync(path.join(FIXTURES_DIR, name, 'expected.html')))
    .sort();
}

function kindOf(el: Element): BlockKind {
  if (el.closest('blockquote')) return 'quote';
  if (el.closest('li')) return 'li';
  if (/^H[1-6]$/.test(el.tagName)) return 'h';
  return 'p';
}

function blocksFromHtml(html: string): Block[] {
  const doc = new JSDOM(html).window.document;
  const blocks: Block[] = [];
  for (const el of doc.querySelectorAll(BLOCK_SELECTOR)) {
    if (el.querySelector(BLOCK_SELECTOR)) continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text !== '') blocks.push({ kind: kindOf(el), text });
  }
  return blocks;
}

export function fixtureArticle(name: string): Comparable {
  const metaPath = path.join(FIXTURES_DIR, name, 'expected-metadata.json');
  const meta = (existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, 'utf8')) : {}) as {
    title?: string | null;
    byline?: string | null;
    excerpt?: string | null;
  };
  return {
    headline: meta.title ?? '',
    dek: meta.excerpt ?? null,
    byline: meta.byline ?? null,
    body: blocksFromHtml(readFileSync(path.join(FIXTURES_DIR, name, 'expected.html'), 'utf8')),
  };
}
