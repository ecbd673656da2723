/**
 * Full-text search over the stored history, aware of the content-addressed layout (lib/store-texts.ts): every
 * distinct body text is looked at once, however many versions share it, and the short fields (headline, dek,
 * byline) are read from the versions themselves.
 */
import type { PalimpsestDB, TextRecord } from './db';
import { searchable } from './view-list';

const TEXT_CHUNK = 2000;

/**
 * Keys of articles whose stored text (any version's headline, dek, byline or body) contains `text`, compared in
 * searchable() form. Skips the rest of an article once it matched. Stops early when `signal` aborts, which happens
 * as soon as the reader types again.
 */
export async function keysWithText(db: PalimpsestDB, text: string, signal?: AbortSignal): Promise<Set<string>> {
  const needle = searchable(text.trim());
  const hits = new Set<string>();
  if (needle === '') return hits;
  const tx = db.transaction(['versions', 'texts'], 'readonly');

  let version = await tx.objectStore('versions').openCursor();
  while (version && !signal?.aborted) {
    const v = version.value;
    if (hits.has(v.key) || [v.headline, v.dek ?? '', v.byline ?? ''].some((f) => searchable(f).includes(needle))) {
      hits.add(v.key);
      // No version has seq Infinity, so this lands on the next article's first version.
      version = await version.continue([v.key, Infinity]);
    } else {
      version = await version.continue();
    }
  }

  // Texts are read in chunks with getAll rather than one cursor step each: far fewer requests for the same data.
  const texts = tx.objectStore('texts');
  let after: [string, string] | null = null;
  while (!signal?.aborted) {
    const range: IDBKeyRange | null = after && IDBKeyRange.lowerBound(after, true);
    const [keys, values]: [[string, string][], TextRecord[]] = await Promise.all([
      texts.getAllKeys(range, TEXT_CHUNK),
      texts.getAll(range, TEXT_CHUNK),
    ]);
    keys.forEach(([key], i) => {
      if (!hits.has(key) && searchable(values[i]!.text).includes(needle)) hits.add(key);
    });
    if (keys.length < TEXT_CHUNK) break;
    after = keys[keys.length - 1]!;
  }
  return hits;
}
