/**
 * Merging a verified export file into the history database, all or nothing: one readwrite transaction over the three
 * stores, aborted if anything fails, so a reader never ends up with half an import. Re-importing a file, or importing
 * history the database already has, adds nothing.
 */
import type { ArticleRecord, Baseline, PalimpsestDB, VersionRecord, VisitRecord } from './db';
import type { ExportArticle, ValidatedExport } from './export-schema';
import { MAX_URLS } from './history';
import { withWrite, type WriteTx } from './history-read';

export interface ImportOptions {
  /** Called after each article with the number of articles merged so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface RecordTotals {
  articles: number;
  versions: number;
  visits: number;
}

export interface ImportResult extends RecordTotals {
  /** Records that were not in the database before (the rest matched existing ones). */
  added: RecordTotals;
}

function ofArticle(key: string): IDBKeyRange {
  return IDBKeyRange.bound([key, -Infinity], [key, Infinity]);
}

/**
 * Deterministic, so importing the same visit again is recognised by the unique byCapture index even if the (key,
 * time, seq) check were bypassed. Numbers first and key last keeps it unambiguous whatever the key contains.
 */
export function importCaptureId(key: string, time: number, seq: number): string {
  return `import:${time}:${seq}:${key}`;
}

/**
 * Merges `file` (from parseImport, so already verified, hashes included) into the database. Nothing awaited inside
 * the transaction is anything but an IndexedDB request: awaiting other work would let the transaction auto-commit.
 */
export async function importHistory(
  db: PalimpsestDB,
  file: ValidatedExport,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const total = file.articles.length;
  const result: ImportResult = {
    articles: total,
    versions: file.articles.reduce((n, article) => n + article.versions.length, 0),
    visits: file.articles.reduce((n, article) => n + article.visits.length, 0),
    added: { articles: 0, versions: 0, visits: 0 },
  };
  await withWrite(db, async (tx) => {
    for (const [i, article] of file.articles.entries()) {
      await mergeArticle(tx, article, result.added);
      options.onProgress?.(i + 1, total);
    }
  });
  return result;
}

async function mergeArticle(tx: WriteTx, incoming: ExportArticle, added: RecordTotals): Promise<void> {
  const { key } = incoming;
  const articles = tx.objectStore('articles');
  const versionStore = tx.objectStore('versions');
  const visitStore = tx.objectStore('visits');
  const [existing, stored, storedVisits] = await Promise.all([
    articles.get(key),
    versionStore.getAll(ofArticle(key)),
    visitStore.index('byKey').getAll(ofArticle(key)),
  ]);

  // Versions: the same content (sha256) is the same version, whatever seq either side gave it.
  const byHash = new Map(stored.map((version) => [version.hash, version]));
  const bySeq = new Map(stored.map((version) => [version.seq, version]));
  // A new article keeps the file's seqs, so a round trip through a file changes nothing; versions new to a known
  // article go after everything it has, in the file's order, exactly as if they had just been captured.
  const keepSeqs = !existing && stored.length === 0;
  let latestSeq = Math.max(existing?.latestSeq ?? 0, ...bySeq.keys());
  const seqOf = new Map<number, number>();
  const touched = new Map<number, VersionRecord>();
  let fresh = 0;
  for (const version of [...incoming.versions].sort((a, b) => a.seq - b.seq)) {
    const firstSeen = Date.parse(version.firstSeen);
    const lastSeen = Date.parse(version.lastSeen);
    const match = byHash.get(version.sha256);
    if (match) {
      seqOf.set(version.seq, match.seq);
      touched.set(match.seq, {
        ...match,
        firstSeen: Math.min(match.firstSeen, firstSeen),
        lastSeen: Math.max(match.lastSeen, lastSeen),
        // As in recordSnapshot: once either side saw the content complete, it was real content.
        partial: match.partial && version.partial,
      });
      continue;
    }
    const seq = keepSeqs ? version.seq : ++latestSeq;
    seqOf.set(version.seq, seq);
    touched.set(seq, {
      key,
      seq,
      hash: version.sha256,
      firstSeen,
      lastSeen,
      url: version.url,
      headline: version.headline,
      dek: version.dek,
      byline: version.byline,
      publishedTime: version.publishedTime,
      modifiedTime: version.modifiedTime,
      lang: version.lang,
      body: version.body,
      extractor: version.extractor,
      partial: version.partial,
      captureCount: 0,
    });
    fresh++;
  }
  if (keepSeqs) latestSeq = Math.max(0, ...seqOf.values());

  // Visits, mapped onto the database's seqs and deduplicated by (time, seq).
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
  // captureCount counts the visits that saw a version, as recordSnapshot keeps it; at least 1, since it was captured.
  for (const visit of newVisits) {
    const version = touched.get(visit.seq) ?? bySeq.get(visit.seq);
    if (version) touched.set(visit.seq, { ...version, captureCount: version.captureCount + 1 });
  }
  for (const version of touched.values()) version.captureCount = Math.max(1, version.captureCount);

  const versionCount = stored.length + fresh;
  const article = existing
    ? mergedArticle(existing, incoming, latestSeq, versionCount)
    : newArticle(incoming, latestSeq, versionCount, [...touched.values()], [...storedVisits, ...newVisits]);

  for (const version of touched.values()) await versionStore.put(version);
  for (const visit of newVisits) await visitStore.add(visit);
  await articles.put(article);
  if (!existing) added.articles++;
  added.versions += fresh;
  added.visits += newVisits.length;
}

/** Most recent last, as recordSnapshot keeps them: the side visited more recently provides the last URLs. */
function mergeUrls(older: readonly string[], newer: readonly string[]): string[] {
  return [...older.filter((url) => !newer.includes(url)), ...newer].slice(-MAX_URLS);
}

function mergedArticle(
  existing: ArticleRecord,
  incoming: ExportArticle,
  latestSeq: number,
  versionCount: number,
): ArticleRecord {
  const lastVisit = Date.parse(incoming.lastVisit);
  // Headline, site name and live-blog flag describe the latest complete version each side knows; the side visited
  // more recently wins. On a tie the database wins, so importing a file twice changes nothing.
  const fileNewer = lastVisit > existing.lastVisit;
  return {
    ...existing,
    urls: fileNewer ? mergeUrls(existing.urls, incoming.urls) : mergeUrls(incoming.urls, existing.urls),
    siteName: fileNewer ? (incoming.siteName ?? existing.siteName) : (existing.siteName ?? incoming.siteName),
    headline: fileNewer ? incoming.headline : existing.headline,
    liveBlog: fileNewer ? incoming.liveBlog : existing.liveBlog,
    firstSeen: Math.min(existing.firstSeen, Date.parse(incoming.firstSeen)),
    lastVisit: Math.max(existing.lastVisit, lastVisit),
    latestSeq,
    versionCount,
    // The baseline (what the next capture is compared with) and the badge state stay as this browser knows them.
  };
}

function newArticle(
  incoming: ExportArticle,
  latestSeq: number,
  versionCount: number,
  versions: VersionRecord[],
  visits: VisitRecord[],
): ArticleRecord {
  const lastVisit = Date.parse(incoming.lastVisit);
  return {
    key: incoming.key,
    urls: incoming.urls.slice(-MAX_URLS),
    siteName: incoming.siteName,
    headline: incoming.headline,
    liveBlog: incoming.liveBlog,
    firstSeen: Date.parse(incoming.firstSeen),
    lastVisit,
    latestSeq,
    versionCount,
    baseline: baselineOf(versions, visits, lastVisit),
    // Nothing was visited in this browser yet, so there is no change to flag on the toolbar.
    lastOutcome: 'unchanged',
  };
}

/**
 * The baseline recordSnapshot would have reached: the version of the latest complete visit, "since" the first of
 * the run of complete visits that showed it. Without complete visits (pruned away), the latest complete version.
 */
function baselineOf(versions: VersionRecord[], visits: VisitRecord[], lastVisit: number): Baseline {
  const complete = visits.filter((visit) => !visit.partial).sort((a, b) => a.time - b.time);
  const last = complete.at(-1);
  if (last) {
    let since = last.time;
    for (let i = complete.length - 1; i >= 0 && complete[i]!.seq === last.seq; i--) since = complete[i]!.time;
    return { seq: last.seq, visit: last.time, since };
  }
  const bySeq = [...versions].sort((a, b) => a.seq - b.seq);
  const version = bySeq.filter((record) => !record.partial).at(-1) ?? bySeq.at(-1);
  return version ? { seq: version.seq, visit: lastVisit, since: version.firstSeen } : { seq: 0, visit: lastVisit, since: lastVisit };
}
