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
  articles: { key: string; headline: string; versionCount: number; latestSeq: number; urls: string[]; baseline: { seq: number } }[];
  /** Versions with their text resolved from the texts store, whatever the storage layout. */
  versions: { key: string; seq: number; hash: string; headline: string; partial: boolean; body: { kind: string; text: string }[] }[];
  visits: { key: string; seq: number; partial: boolean; captureId: string }[];
}

/**
 * Everything in the history database, read the way the extension stores it (lib/store/texts.ts: texts kept once per
 * article, edited ones as deltas against the text they replaced) and resolved back to plain text. Runs inside an
 * extension context (passed to page.evaluate or worker.evaluate), so it must be self-contained. Never creates or
 * upgrades the database.
 */
export async function readHistoryDb(): Promise<DbDump> {
  /* eslint-disable @typescript-eslint/no-explicit-any */
  type Rec = { text: string } | { base: string; ops: (number | string)[] } | { meta: { url: string } };
  function resolveVersions(textKeys: [string, string][], texts: unknown[], versions: any[]) {
    const records = new Map<string, Rec>();
    textKeys.forEach(([key, first], i) => {
      const value = texts[i] as Rec | (Rec | null)[];
      if (!Array.isArray(value)) return void records.set(`${key}\n${first}`, value);
      value.forEach((r, j) => r && records.set(`${key}\n${(parseInt(first, 36) + j).toString(36)}`, r));
    });
    const memo = new Map<string, string>();
    const text = (key: string, ref: string): string => {
      const id = `${key}\n${ref}`;
      const done = memo.get(id);
      if (done !== undefined) return done;
      const r = records.get(id);
      let out = `<missing text ${ref}>`;
      if (r && 'text' in r) out = r.text;
      else if (r && 'base' in r) {
        const base = text(key, r.base);
        let at = 0;
        out = '';
        for (const op of r.ops) {
          if (typeof op === 'string') out += op;
          else if (op > 0) {
            out += base.slice(at, at + op);
            at += op;
          } else {
            at -= op;
          }
        }
        out += base.slice(at);
      }
      memo.set(id, out);
      return out;
    };
    const kinds: Record<string, string> = { H: 'h', L: 'li', Q: 'quote', R: 'pre' };
    return versions.map((v) => {
      if (typeof v.body !== 'string') {
        return { ...v, body: v.body.map((b: any) => (Array.isArray(b) ? { kind: b[0], text: text(v.key, b[1]) } : b)) };
      }
      const [meta, headline, dek, byline] = v.fields as [string, string, string | null, string | null];
      return {
        ...v,
        url: (records.get(`${v.key}\n${meta}`) as { meta: { url: string } } | undefined)?.meta.url,
        headline: text(v.key, headline),
        dek: dek === null ? null : text(v.key, dek),
        byline: byline === null ? null : text(v.key, byline),
        body: v.body === '' ? [] : v.body.split(' ').map((item: string) => {
          const kind = kinds[item[0]!];
          return { kind: kind ?? 'p', text: text(v.key, kind ? item.slice(1) : item) };
        }),
      };
    });
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */

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
    all<unknown>('versions'),
    all<DbDump['visits'][number]>('visits'),
    all<[string, string]>('texts', true),
    all<unknown>('texts'),
  ]);
  db.close();
  return { articles, versions: resolveVersions(textKeys, texts, stored), visits };
}

/** What an export and import must carry over: every article, version (by content hash) and visit. */
export function essence(dump: DbDump) {
  return {
    articles: dump.articles.map((a) => `${a.key}:${a.versionCount}`).sort(),
    versions: dump.versions.map((v) => `${v.key}#${v.seq}:${v.hash}:${v.headline}`).sort(),
    visits: dump.visits.length,
  };
}
