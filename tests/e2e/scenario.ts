/**
 * What the browser tests do to a news page between visits, and how they read the result, shared by every browser's
 * tests: a revisit that changes only page furniture, one that inserts a sentence, and a reader of the extension's
 * history database that runs inside any extension context.
 */
import { addBoilerplate, insertSentence, parseHtml, serialize } from '../helpers/fixtures';

export const SENTENCE = 'Officials later disputed this account.';
/** What newsletters and social sites append to a link: must not make a new article or version. */
export const TRACKING_QUERY = '?utm_source=newsletter&utm_campaign=daily&fbclid=xyz#top';

/** The page again with only boilerplate changed (cookie banner, ads, "most read", "Updated N minutes ago"). */
export function noiseOnly(source: string, firstParagraph: string, seed = 42): string {
  const doc = parseHtml(source);
  addBoilerplate(doc, firstParagraph, seed);
  return serialize(doc);
}

/** The page again with `sentence` appended to `paragraph`. */
export function withSentence(source: string, paragraph: string, sentence = SENTENCE): string {
  const doc = parseHtml(source);
  insertSentence(doc, paragraph, sentence);
  return serialize(doc);
}

/** A paragraph well into the story, long enough that one added sentence is an edit of it, not a new paragraph. */
export function storyParagraph(body: readonly { text: string }[]): string {
  const paragraph = body.filter((b) => b.text.length > 120)[3]?.text;
  if (!paragraph) throw new Error('the article has too few long paragraphs');
  return paragraph;
}

export interface DbDump {
  articles: { key: string; headline: string; versionCount: number; urls: string[] }[];
  /** Bodies resolved from the texts store (schema 3 keeps [kind, ref] pairs in the version). */
  versions: { key: string; seq: number; hash: string; headline: string; partial: boolean; body: { text: string }[] }[];
  visits: { key: string; seq: number; partial: boolean }[];
}

/**
 * Everything in the history database. Runs inside an extension context (passed to page.evaluate), so it must be
 * self-contained.
 */
export async function readHistoryDb(): Promise<DbDump> {
  const db: IDBDatabase | null = await new Promise((resolve, reject) => {
    const req = indexedDB.open('palimpsest');
    // No database yet: opening it here would create an empty version 1 the extension would then have to upgrade
    // from. Abort, so the extension creates it itself.
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => (req.error?.name === 'AbortError' ? resolve(null) : reject(req.error));
  });
  if (db === null) return { articles: [], versions: [], visits: [] };
  const stores = ['articles', 'versions', 'visits', 'texts'].filter((name) => db.objectStoreNames.contains(name));
  // One transaction, so the dump is one consistent state even while the extension is writing.
  const tx = stores.length > 0 ? db.transaction(stores) : null;
  const all = <T>(store: string, keys = false) =>
    new Promise<T[]>((resolve, reject) => {
      if (!tx || !stores.includes(store)) return resolve([]);
      const req = keys ? tx.objectStore(store).getAllKeys() : tx.objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result as T[]);
      req.onerror = () => reject(req.error);
    });
  const [articles, stored, visits, textKeys, texts] = await Promise.all([
    all<DbDump['articles'][number]>('articles'),
    all<Omit<DbDump['versions'][number], 'body'> & { body: ([string, string] | { text: string })[] }>('versions'),
    all<DbDump['visits'][number]>('visits'),
    all<[string, string]>('texts', true),
    all<{ text: string }>('texts'),
  ]);
  const byRef = new Map(textKeys.map((k, i) => [JSON.stringify(k), texts[i]!.text]));
  const versions = stored.map((v) => ({
    ...v,
    body: v.body.map((b) =>
      Array.isArray(b) ? { text: byRef.get(JSON.stringify([v.key, b[1]])) ?? `<missing text ${b[1]}>` } : b,
    ),
  }));
  const dump: DbDump = { articles, versions, visits };
  db.close();
  return dump;
}

/** What an export and import must carry over: every article, version (by content hash) and visit. */
export function essence(dump: DbDump) {
  return {
    articles: dump.articles.map((a) => `${a.key}:${a.versionCount}`).sort(),
    versions: dump.versions.map((v) => `${v.key}#${v.seq}:${v.hash}:${v.headline}`).sort(),
    visits: dump.visits.length,
  };
}
