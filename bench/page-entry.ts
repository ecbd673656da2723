/**
 * Bundled (IIFE) into the benchmark pages: the content script's own recognition and extraction code, plus
 * Readability on its own as the baseline, with a counter of Readability parses so the non-article runs can show
 * that extraction never started.
 */
import { Readability } from '@mozilla/readability';
import { assembleSnapshot, parseArticle } from '../lib/capture/extract';
import { readPageMeta } from '../lib/capture/metadata';
import { isSkipped } from '../lib/model/limits';
import { yieldToPage } from '../lib/capture/settle';
import { recognizeArticle } from '../lib/capture/recognize';

const counter = { parses: 0 };
const parse = Readability.prototype.parse;
Readability.prototype.parse = function (this: Readability) {
  counter.parses++;
  return parse.call(this);
};

/**
 * What entrypoints/content.ts does, step by step: recognise (its own task, before the settle wait), then metadata,
 * Readability and assembly, each in its own task with the same yieldToPage() between them, so the page (and its
 * idle-time garbage collection) gets to run in between as it does for a reader. Returns each step's time.
 */
async function capture(doc: Document, url: string) {
  const steps: number[] = [];
  let start = performance.now();
  const recognition = recognizeArticle(doc, url);
  steps.push(performance.now() - start);
  if (!recognition.article) return { snapshot: null, steps };
  await yieldToPage();
  start = performance.now();
  const meta = readPageMeta(doc);
  steps.push(performance.now() - start);
  await yieldToPage();
  start = performance.now();
  const parsed = parseArticle(doc);
  steps.push(performance.now() - start);
  if (isSkipped(parsed)) return { snapshot: null, steps };
  await yieldToPage();
  start = performance.now();
  const snapshot = assembleSnapshot(meta, parsed, url, { liveBlog: recognition.liveBlog });
  steps.push(performance.now() - start);
  return { snapshot: isSkipped(snapshot) ? null : snapshot, steps };
}

function readabilityAlone(doc: Document) {
  return new Readability(doc.cloneNode(true) as Document).parse();
}

Object.assign(globalThis, { palimpsestBench: { recognizeArticle, capture, readabilityAlone, yieldToPage, counter } });
