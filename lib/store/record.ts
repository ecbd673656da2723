/**
 * Recording captures: decides whether what the reader sees now differs from what they saw last time, stores each
 * distinct version once, and logs every visit. Reading, deleting and pruning live in read.ts and
 * prune.ts.
 */
import type { ArticleRecord, Baseline, PalimpsestDB, VersionRecord, VisitRecord } from './schema';
import { comparable, liveBlogNewEntries, looksPartial, sameContent } from './compare';
import { withWrite, type WriteTx } from './transaction';
import { contentHash } from '../model/normalize';
import { MAX_URLS } from '../model/limits';
import type { RecordOutcome } from '../model/outcome';
import type { Snapshot } from '../model/snapshot';
import { searchRecord } from './search';
import { readTexts, resolveVersion, toStored, writeAdded } from './texts';




export interface CaptureContext {
  now: number;
  /** Unique per capture; retries of the same capture reuse it. */
  captureId: string;
}

/**
 * Records one capture in a single strict-durability transaction and resolves once it has committed. Overlapping calls
 * (two tabs) are safe: IndexedDB runs overlapping readwrite transactions one after the other, and everything the
 * decision depends on is read inside the transaction.
 */
export async function recordSnapshot(
  db: PalimpsestDB,
  snapshot: Snapshot,
  ctx: CaptureContext,
): Promise<RecordOutcome> {
  // Hash before opening the transaction: crypto.subtle settles outside IndexedDB, and awaiting it inside would let
  // the transaction auto-commit half-way.
  const hash = await contentHash(snapshot);
  return withWrite(db, (tx) => record(tx, snapshot, ctx, hash));
}

async function record(tx: WriteTx, snapshot: Snapshot, ctx: CaptureContext, hash: string): Promise<RecordOutcome> {
  const { now, captureId } = ctx;
  const { key } = snapshot;
  const articles = tx.objectStore('articles');
  const versions = tx.objectStore('versions');
  const visits = tx.objectStore('visits');
  const textStore = tx.objectStore('texts');
  const searchStore = tx.objectStore('search');

  const retried = await visits.index('byCapture').get(captureId);
  if (retried) return { ...retried.outcome, duplicate: true };

  const [article, texts, match] = await Promise.all([
    articles.get(key),
    readTexts(textStore, key),
    versions.index('byHash').get([key, hash]),
  ]);
  const storedBaseline = article && (await versions.get([key, article.baseline.seq]));
  const baseline = storedBaseline && resolveVersion(storedBaseline, texts);
  const nextSeq = (article?.latestSeq ?? 0) + 1;

  let outcome: RecordOutcome;
  let partial = false;
  if (!article || !baseline) {
    // No baseline: a new article, or (defensively) one whose baseline version has gone missing.
    outcome = { kind: 'first', seq: match?.seq ?? nextSeq };
  } else {
    const compared = { baselineSeq: baseline.seq, baselineVisit: article.baseline.visit };
    const next = comparable(snapshot);
    const seen = comparable(baseline);
    const newEntries = snapshot.liveBlog ? liveBlogNewEntries(next, seen) : null;
    if (hash === baseline.hash || sameContent(next, seen)) {
      outcome = { kind: 'unchanged', seq: baseline.seq, since: article.baseline.since };
    } else if (looksPartial(next.blocks, seen.blocks)) {
      partial = true;
      outcome = { kind: 'partial', seq: match?.seq ?? nextSeq, ...compared };
    } else if (match) {
      outcome = { kind: 'revert', seq: match.seq, ...compared };
    } else if (newEntries !== null) {
      outcome = { kind: 'liveblog-update', seq: nextSeq, newEntries, ...compared };
    } else {
      outcome = { kind: 'changed', seq: nextSeq, ...compared };
    }
  }

  const { seq } = outcome;
  const isNew = !match;
  if (match) {
    await versions.put({
      ...match,
      lastSeen: Math.max(match.lastSeen, now),
      captureCount: match.captureCount + 1,
      // A complete visit landing on a version first stored as partial shows it was real content after all.
      partial: match.partial && partial,
    });
  } else {
    // Only what this article has not stored before adds a text record; an edited text is stored as a delta against
    // the baseline's, which is what the reader saw before.
    const version = toStored(newVersion(snapshot, hash, seq, now, partial), texts, baseline);
    const indexed = texts.added.size > 0 && searchRecord(texts);
    writeAdded(textStore, texts);
    await Promise.all([versions.add(version), indexed && searchStore.put(indexed, key)]);
  }
  const visit: VisitRecord = { key, time: now, seq, captureId, partial, outcome };
  await visits.add(visit);
  await articles.put(nextArticle(article, snapshot, { now, seq, isNew, partial, outcome }));
  return outcome;
}

function newVersion(snapshot: Snapshot, hash: string, seq: number, now: number, partial: boolean): VersionRecord {
  return {
    key: snapshot.key,
    seq,
    hash,
    firstSeen: now,
    lastSeen: now,
    url: snapshot.url,
    headline: snapshot.headline,
    dek: snapshot.dek,
    byline: snapshot.byline,
    publishedTime: snapshot.publishedTime,
    modifiedTime: snapshot.modifiedTime,
    lang: snapshot.lang,
    ...(snapshot.metaHeadlines ? { metaHeadlines: snapshot.metaHeadlines } : {}),
    body: snapshot.body,
    extractor: snapshot.extractor,
    partial,
    captureCount: 1,
    ...(snapshot.truncated ? { truncated: true as const } : {}),
  };
}

interface VisitFacts {
  now: number;
  seq: number;
  isNew: boolean;
  partial: boolean;
  outcome: RecordOutcome;
}

function nextArticle(prev: ArticleRecord | undefined, snapshot: Snapshot, facts: VisitFacts): ArticleRecord {
  const { now, seq, isNew, partial, outcome } = facts;
  // Most recent last; the oldest fall off so an article reached through endless tracking variants stays small.
  const urls = [...(prev?.urls ?? []).filter((url) => url !== snapshot.url), snapshot.url].slice(-MAX_URLS);
  // Partial visits never become the baseline: the next capture is still compared with the last complete one.
  let baseline: Baseline | undefined = prev?.baseline;
  if (!partial || !baseline) {
    const since = baseline && baseline.seq === seq ? baseline.since : now;
    baseline = { seq, visit: now, since };
  }
  return {
    key: snapshot.key,
    urls,
    siteName: snapshot.siteName ?? prev?.siteName ?? null,
    // A teaser's headline is not the article's; keep the last complete one.
    headline: prev && (!isNew || partial) ? prev.headline : snapshot.headline,
    liveBlog: snapshot.liveBlog,
    firstSeen: prev?.firstSeen ?? now,
    lastVisit: Math.max(prev?.lastVisit ?? now, now),
    latestSeq: Math.max(prev?.latestSeq ?? 0, seq),
    versionCount: (prev?.versionCount ?? 0) + (isNew ? 1 : 0),
    baseline,
    lastOutcome: outcome.kind,
  };
}
