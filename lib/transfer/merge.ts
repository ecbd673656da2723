/**
 * Merging a verified export file into the history database, all or nothing: one readwrite transaction over the three
 * stores, aborted if anything fails, so a reader never ends up with half an import. Re-importing a file, or importing
 * history the database already has, adds nothing.
 */
import { unwrap } from 'idb';
import type { ArticleRecord, PalimpsestDB, StoredVersion, VersionRecord, VisitRecord } from '../store/schema';
import type { ImportResult, RecordTotals } from '../model/outcome';
import type { ExportArticle, ExportVersion, ValidatedExport } from './format';

type ExportChain = NonNullable<ExportVersion['chain']>;
import { ofArticle, withWrite, type WriteTx } from '../store/transaction';
import { mergedArticle, newArticle } from './merge-article';
import { stripTracking } from '../model/url';
import { relink, type ChainLink, type PrunedLink } from '../model/chain';
import { searchRecord } from '../store/search';
import { readTexts, resolveVersion, TextIndex, toStored, writeAdded, type Reference } from '../store/texts';

export interface ImportOptions {
  /** Called after each article with the number of articles merged so far. */
  onProgress?: (done: number, total: number) => void;
  /** The import's time: versions linked into a chain by it are marked chained then. Date.now() when absent. */
  now?: number;
}


/**
 * Deterministic, so a visit imported twice gets the same id: the (time, seq) check below skips it, and were that
 * check ever bypassed the unique byCapture index would refuse the duplicate (aborting the import) rather than store
 * it. Numbers first and key last keeps the id unambiguous whatever the key contains.
 */
export function importCaptureId(key: string, time: number, seq: number): string {
  return `import:${time}:${seq}:${key}`;
}

/**
 * Articles merged per round trip: the known ones among them are read at once before merging, and their writes are
 * queued together.
 */
const READ_BATCH = 200;

/** What the database already holds of one article. */
interface Known {
  existing: ArticleRecord | undefined;
  stored: StoredVersion[];
  storedVisits: VisitRecord[];
  texts: TextIndex;
}

/**
 * Merges `file` (from parseImport, so already verified, hashes included) into the database. Nothing awaited inside
 * the transaction is anything but an IndexedDB request: awaiting other work would let the transaction auto-commit.
 * Only articles the database already has are read (in batches); writes are queued without awaiting each one, and a
 * failed write aborts the whole transaction, which withWrite then reports.
 */
export async function importHistory(
  db: PalimpsestDB,
  file: ValidatedExport,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const total = file.articles.length;
  const now = options.now ?? Date.now();
  const result: ImportResult = {
    articles: total,
    versions: file.articles.reduce((n, article) => n + article.versions.length, 0),
    visits: file.articles.reduce((n, article) => n + article.visits.length, 0),
    added: { articles: 0, versions: 0, visits: 0 },
    skipped: (file.damaged ?? []).map((record) => ({ ...record })),
  };
  await withWrite(db, async (tx) => {
    // Articles present in the database, and (defensively) keys that have versions without an article record.
    const [articleKeys, versionKeys] = await Promise.all([
      tx.objectStore('articles').getAllKeys(),
      tx.objectStore('versions').getAllKeys(),
    ]);
    const known = new Set([...articleKeys, ...versionKeys.map(([key]) => key)]);
    for (let start = 0; start < total; start += READ_BATCH) {
      const batch = file.articles.slice(start, start + READ_BATCH);
      const states = await Promise.all(batch.map((article) => (known.has(article.key) ? readKnown(tx, article.key) : null)));
      batch.forEach((article, i) => {
        mergeArticle(tx, article, states[i] ?? null, result.added, now);
        options.onProgress?.(start + i + 1, total);
      });
      // Let the queued writes drain before queueing more: requests run in order, so once this one answers, all the
      // batch's writes are done. Keeps the queue short, which some implementations handle in quadratic time (seen in
      // fake-indexeddb, whose transaction shifts requests off one array; no upstream report found).
      await tx.objectStore('articles').count(IDBKeyRange.only(''));
    }
  });
  return result;
}

function readKnown(tx: WriteTx, key: string): Promise<Known> {
  return Promise.all([
    tx.objectStore('articles').get(key),
    tx.objectStore('versions').getAll(ofArticle(key)),
    tx.objectStore('visits').index('byKey').getAll(ofArticle(key)),
    readTexts(tx.objectStore('texts'), key),
  ]).then(([existing, stored, storedVisits, texts]) => ({ existing, stored, storedVisits, texts }));
}

/** A file's version as a record, without its chain link (linkFresh decides it). */
function toRecord(key: string, seq: number, version: ExportVersion): Omit<VersionRecord, 'chain'> {
  return {
    key,
    seq,
    hash: version.sha256,
    firstSeen: Date.parse(version.firstSeen),
    lastSeen: Date.parse(version.lastSeen),
    url: stripTracking(version.url),
    headline: version.headline,
    dek: version.dek,
    byline: version.byline,
    publishedTime: version.publishedTime,
    modifiedTime: version.modifiedTime,
    lang: version.lang,
    ...(version.metaHeadlines ? { metaHeadlines: version.metaHeadlines } : {}),
    body: version.body,
    extractor: version.extractor,
    partial: version.partial,
    captureCount: 0,
    ...(version.truncated ? { truncated: true as const } : {}),
  };
}

/** Merges one article; synchronous, because everything it needs was read beforehand and its writes are queued. */
function mergeArticle(tx: WriteTx, incoming: ExportArticle, known: Known | null, added: RecordTotals, now: number): void {
  const { key } = incoming;
  const { existing, stored, storedVisits, texts } = known ?? {
    existing: undefined,
    stored: [],
    storedVisits: [],
    texts: new TextIndex(key),
  };
  const versions = mergeVersions(incoming, existing, stored, texts, now);
  const newVisits = newVisitsOf(incoming, storedVisits, versions.seqOf);
  countCaptures(versions.touched, newVisits, stored);

  const versionCount = stored.length + versions.fresh;
  const touched = [...versions.touched.values()];
  const merged = existing
    ? mergedArticle(existing, incoming, versions.latestSeq, versionCount)
    : newArticle(incoming, versions.latestSeq, versionCount, touched, [...storedVisits, ...newVisits]);
  const article = versions.pruned.length > 0 ? { ...merged, pruned: versions.pruned } : merged;
  queueWrites(tx, { key, texts, versions: touched, visits: newVisits, article });
  if (!existing) added.articles++;
  added.versions += versions.fresh;
  added.visits += newVisits.length;
}

/** The article's versions after the merge: what changed of them, and how the file's seqs map onto the database's. */
interface MergedVersions {
  /** The file's seq -> the database's. */
  seqOf: Map<number, number>;
  /** Versions to write, by the database's seq: new ones, and stored ones the file saw too. */
  touched: Map<number, StoredVersion>;
  latestSeq: number;
  /** How many of the file's versions are new to the database. */
  fresh: number;
  /** For a new article, the file's links of versions retention removed, kept so its chain still joins. */
  pruned: PrunedLink[];
}

/**
 * Versions: the same content (sha256) is the same version, whatever seq either side gave it. A new article keeps the
 * file's seqs, so a round trip through a file changes nothing; versions new to a known article go after everything
 * it has, in the file's order, exactly as if they had just been captured.
 */
function mergeVersions(
  incoming: ExportArticle,
  existing: ArticleRecord | undefined,
  stored: StoredVersion[],
  texts: TextIndex,
  now: number,
): MergedVersions {
  const byHash = new Map(stored.map((version) => [version.hash, version]));
  const keepSeqs = !existing && stored.length === 0;
  const merged: MergedVersions = {
    seqOf: new Map(),
    touched: new Map(),
    latestSeq: stored.reduce((max, version) => Math.max(max, version.seq), existing?.latestSeq ?? 0),
    fresh: 0,
    pruned: [],
  };
  const fresh: { record: Omit<VersionRecord, 'chain'>; chain?: ExportChain; reference: Reference | undefined }[] = [];
  // New texts are stored as deltas against the version before them where that is smaller.
  const last = stored.reduce<StoredVersion | undefined>((a, b) => (a && a.seq > b.seq ? a : b), undefined);
  let reference: Reference | undefined = last && resolveVersion(last, texts);
  for (const version of [...incoming.versions].sort((a, b) => a.seq - b.seq)) {
    const match = byHash.get(version.sha256);
    if (match) {
      merged.seqOf.set(version.seq, match.seq);
      merged.touched.set(match.seq, seenAgain(match, version));
    } else {
      const seq = keepSeqs ? version.seq : ++merged.latestSeq;
      merged.seqOf.set(version.seq, seq);
      fresh.push({ record: toRecord(incoming.key, seq, version), chain: version.chain, reference });
      merged.fresh++;
    }
    reference = version;
  }
  if (keepSeqs) {
    merged.latestSeq = incoming.versions.reduce((max, version) => Math.max(max, version.seq), 0);
    // Retention's removed links keep the file's chain joined; a damaged version's link is dropped with its text.
    merged.pruned = (incoming.removed ?? [])
      .filter((link) => link.reason === 'retention')
      .map(({ seq, prev, hash }) => ({ seq, prev, hash }));
    merged.latestSeq = Math.max(merged.latestSeq, ...merged.pruned.map((link) => link.seq));
  }
  const links = linkFresh(fresh, keepSeqs ? merged.pruned : anchorOf(existing, last), now);
  for (const { record, reference: ref } of fresh) {
    merged.touched.set(record.seq, toStored({ ...record, chain: links.get(record.seq)! }, texts, ref));
  }
  return merged;
}

/**
 * The chain hash new versions of a known article link to: its latest version's (retention keeps it), or its latest
 * removed link's. As a one-link list, so relink() treats it as what comes before them.
 */
function anchorOf(existing: ArticleRecord | undefined, last: StoredVersion | undefined): PrunedLink[] {
  const pruned = existing?.pruned ?? [];
  const lastPruned = pruned[pruned.length - 1];
  if (last && (!lastPruned || last.seq > lastPruned.seq)) return [{ seq: 0, prev: last.chain.prev, hash: last.chain.hash }];
  return lastPruned ? [{ ...lastPruned, seq: 0 }] : [];
}

/**
 * Links the file's new versions into the article's chain. A version whose link the file carries and which comes out
 * the same here (a new article, imported as exported) keeps it, with its chainedAt; any other is chained now.
 */
function linkFresh(
  fresh: { record: Omit<VersionRecord, 'chain'>; chain?: ExportChain }[],
  before: PrunedLink[],
  now: number,
): Map<number, ChainLink> {
  const versions = fresh.map(({ record, chain }) => ({
    ...record,
    ...(chain
      ? { chain: { prev: chain.prev, hash: chain.hash, ...(chain.chainedAt ? { chainedAt: Date.parse(chain.chainedAt) } : {}) } }
      : {}),
  }));
  return relink(versions, before, now);
}

/** A stored version the file has too: its first and last sightings widened to cover both. */
function seenAgain(match: StoredVersion, version: ExportVersion): StoredVersion {
  return {
    ...match,
    firstSeen: Math.min(match.firstSeen, Date.parse(version.firstSeen)),
    lastSeen: Math.max(match.lastSeen, Date.parse(version.lastSeen)),
    // As in recordSnapshot: once either side saw the content complete, it was real content.
    partial: match.partial && version.partial,
  };
}

/** The file's visits the database does not have, mapped onto the database's seqs and deduplicated by (time, seq). */
function newVisitsOf(incoming: ExportArticle, storedVisits: VisitRecord[], seqOf: Map<number, number>): VisitRecord[] {
  const { key } = incoming;
  const seen = new Set(storedVisits.map((visit) => `${visit.time}:${visit.seq}`));
  const newVisits: VisitRecord[] = [];
  for (const visit of incoming.visits) {
    const seq = seqOf.get(visit.seq);
    // parseImport guarantees every visit's seq names a version of its article.
    if (seq === undefined) throw new Error(`Visit of ${key} points at missing version ${visit.seq}`);
    const time = Date.parse(visit.time);
    if (seen.has(`${time}:${seq}`)) continue;
    seen.add(`${time}:${seq}`);
    // Imported visits were not answered by recordSnapshot here; the outcome only matters to a retried capture,
    // which an imported visit can never be, so it records the plain fact: this visit saw version `seq`.
    const outcome = { kind: 'unchanged' as const, seq, since: time };
    newVisits.push({ key, time, seq, captureId: importCaptureId(key, time, seq), partial: visit.partial, outcome });
  }
  return newVisits;
}

/**
 * captureCount counts the visits that saw a version, as recordSnapshot keeps it; at least 1, since it was captured.
 * A visit never outlives its version (pruneBefore relies on it), so lastSeen covers every visit, as when recording.
 */
function countCaptures(touched: Map<number, StoredVersion>, newVisits: VisitRecord[], stored: StoredVersion[]): void {
  const bySeq = new Map(stored.map((version) => [version.seq, version]));
  for (const visit of newVisits) {
    const version = touched.get(visit.seq) ?? bySeq.get(visit.seq);
    if (!version) continue;
    const lastSeen = Math.max(version.lastSeen, visit.time);
    touched.set(visit.seq, { ...version, lastSeen, captureCount: version.captureCount + 1 });
  }
  for (const version of touched.values()) version.captureCount = Math.max(1, version.captureCount);
}

interface ArticleWrites {
  key: string;
  texts: TextIndex;
  versions: StoredVersion[];
  visits: VisitRecord[];
  article: ArticleRecord;
}

/** Queues the article's writes without awaiting them; a failed one aborts the transaction. */
function queueWrites(tx: WriteTx, { key, texts, versions, visits, article }: ArticleWrites): void {
  const indexed = texts.added.size > 0 && searchRecord(texts);
  writeAdded(tx.objectStore('texts'), texts);
  const versionStore = unwrap(tx.objectStore('versions'));
  for (const version of versions) versionStore.put(version);
  const visitStore = unwrap(tx.objectStore('visits'));
  for (const visit of visits) visitStore.add(visit);
  unwrap(tx.objectStore('articles')).put(article);
  if (indexed) unwrap(tx.objectStore('search')).put(indexed, key);
}
