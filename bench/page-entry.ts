/**
 * Bundled (IIFE) into the benchmark pages: the content script's own recognition and extraction code, plus
 * Readability on its own as the baseline, with a counter of Readability parses so the non-article runs can show
 * that extraction never started.
 */
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../lib/extract';
import { recognizeArticle } from '../lib/recognize';

const counter = { parses: 0 };
const parse = Readability.prototype.parse;
Readability.prototype.parse = function (this: Readability) {
  counter.parses++;
  return parse.call(this);
};

/** What entrypoints/content.ts does once the page has settled: recognise, and extract only an article. */
function capture(doc: Document, url: string) {
  const recognition = recognizeArticle(doc, url);
  if (!recognition.article) return null;
  return extractArticle(doc, url, { liveBlog: recognition.liveBlog });
}

function readabilityAlone(doc: Document) {
  return new Readability(doc.cloneNode(true) as Document).parse();
}

Object.assign(globalThis, { palimpsestBench: { recognizeArticle, capture, readabilityAlone, counter } });
