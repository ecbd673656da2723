/**
 * Extraction as Node runs it (tests, the bench, the extraction scorer): the three steps of the content script at once,
 * and the key the background gives the capture (snapshotKey), so what Node checks is what the history stores. Apart
 * from extract.ts so the content script, which imports that, does not carry the Public Suffix List the key needs.
 */
import { snapshotKey } from '../model/article-key';
import { isSkipped, type Skipped } from '../model/limits';
import type { Snapshot } from '../model/snapshot';
import { assembleSnapshot, parseArticle, type ExtractOptions } from './extract';
import { readPageMeta } from './metadata';

/** The snapshot, or null when there is none (not an article, or too large to read). */
export function extractArticle(doc: Document, url: string, options: ExtractOptions = {}): Snapshot | null {
  const result = extractPage(doc, url, options);
  return isSkipped(result) ? null : result;
}

/**
 * All three steps at once: the snapshot, fitted to the caps and keyed as the background keys the capture, or why there
 * is none. For Node (tests, the bench, the scorer); the content script sends assembleSnapshot's capture, unkeyed.
 */
export function extractPage(doc: Document, url: string, options: ExtractOptions = {}): Snapshot | Skipped {
  const meta = readPageMeta(doc);
  const parsed = parseArticle(doc, options);
  if (isSkipped(parsed)) return parsed;
  const capture = assembleSnapshot(meta, parsed, url, options);
  return isSkipped(capture) ? capture : { ...capture, key: snapshotKey(capture.url, capture) };
}

