/**
 * Recording captures: decides whether what the reader sees now differs from what they saw last time, stores each
 * distinct version once, and logs every visit. Reading, deleting and pruning live in read.ts and
 * prune.ts.
 */
import type { ArticleRecord, Baseline, DroppedTally, PalimpsestDB, StoredVersion, VersionRecord, VisitRecord } from './schema';
import { countDropped } from './meta';
import { comparable, liveBlogNewEntries, looksPartial, sameContent } from './compare';
import { ofArticle, withWrite, type WriteTx } from './transaction';
import { contentHash } from '../model/normalize';
import { linkOf } from '../model/chain';
import { FLOOD, MAX_URLS } from '../model/limits';
import { stripTracking } from '../model/url';
import type { RecordOutcome } from '../model/outcome';
import type { Extractor, Snapshot } from '../model/snapshot';
import { searchRecord } from './search';
import { readTexts, resolveVersion, toStored, writeAdded, type TextIndex } from './texts';

export interface CaptureContext {
  now: number;
  /** Unique per capture; retries of the same capture reuse it. */
  captureId: string;
}

/**
 * The two versions a capture was compared through, resolved from what the recording transaction read. What they are
 * for is their text; their counters (lastSeen, captureCount) are as read, before this visit.
 */
export interface Comparison {
  /** The version the reader saw on their previous complete visit. */
  baseline: VersionRecord;
  /** The version this visit saw: the new one, or the stored one it matched. */
  seen: VersionRecord;
}

/** What recordSnapshot did, and what it compared, so the caller can show the change without reading it back. */
export interface Recorded {
  outcome: RecordOutcome;
  /** null when there was nothing to compare with (a first capture), or a retry whose versions are gone. */
  compared: Comparison | null;
}

/** A capture dropped as a flood (FLOOD, lib/model/limits.ts): nothing of it was stored, and it was counted. */
export interface Dropped {
  dropped: DroppedTally;
}

/**
 * Records one capture in a single strict-durability transaction and resolves once it has committed. Overlapping calls
 * (two tabs) are safe: IndexedDB runs overlapping readwrite transactions one after the other, and everything the
 * decision depends on is read inside the transaction.
 */
export async function recordSnapshot(db: PalimpsestDB, snapshot: Snapshot, ctx: CaptureContext): Promise<Recorded | Dropped> {
  // Hash before opening the transaction: crypto.subtle settles outside IndexedDB, and awaiting it inside would let
  // the transaction auto-commit half-way.
  const hash = await contentHash(snapshot);
  return withWrite(db, (tx) => record(tx, snapshot, ctx, hash));
}

async function record(tx: WriteTx, snapshot: Snapshot, ctx: CaptureContext, hash: string): Promise<Recorded | Dropped> {
  const retried = await tx.objectStore('visits').index('byCapture').get(ctx.captureId);
  if (retried) return replay(tx, retried);
  const { now, captureId } = ctx;
  const { key } = snapshot;
  const known = await readKnown(tx, key, hash);
  const { outcome, partial } = decide(snapshot, hash, known);
  const { seq } = outcome;
  const addsVersion = known.article !== undefined && !known.match && seq > known.article.latestSeq;
  if (addsVersion && (await flooded(tx, key, now))) return { dropped: await countDropped(tx, key, now) };
  const seen = await storeVersion(tx, snapshot, known, { hash, seq, now, partial });
  const visit: VisitRecord = { key, time: now, seq, captureId, partial, outcome };
  await tx.objectStore('visits').add(visit);
  const facts = { now, seq, isNew: !known.match, partial, outcome };
  await tx.objectStore('articles').put(nextArticle(known.article, snapshot, facts));
  return { outcome, compared: known.baseline ? { baseline: known.baseline, seen } : null };
}

/**
 * Whether the article already gained FLOOD.versionsPerHour versions in the hour before `now`. Seqs are allocated in
 * capture order, so the newest versions are the last by key: at most that many are read, newest first.
 */
async function flooded(tx: WriteTx, key: string, now: number): Promise<boolean> {
  let recent = 0;
  let cursor = await tx.objectStore('versions').openCursor(ofArticle(key), 'prev');
  while (cursor && cursor.value.firstSeen > now - FLOOD.windowMs) {
    if (++recent >= FLOOD.versionsPerHour) return true;
    cursor = await cursor.continue();
  }
  return false;
}

/** What the article already has that the decision depends on, read inside the transaction. */
interface Known {
  article: ArticleRecord | undefined;
  texts: TextIndex;
  /** The stored version with the capture's content hash, if any. */
  match: StoredVersion | undefined;
  /** The version the capture is compared with; undefined for a new article (or one whose baseline went missing). */
  baseline: VersionRecord | undefined;
}

async function readKnown(tx: WriteTx, key: string, hash: string): Promise<Known> {
  const versions = tx.objectStore('versions');
  const [article, texts, match] = await Promise.all([
    tx.objectStore('articles').get(key),
    readTexts(tx.objectStore('texts'), key),
    versions.index('byHash').get([key, hash]),
  ]);
  const storedBaseline = article && (await versions.get([key, article.baseline.seq]));
  return { article, texts, match, baseline: storedBaseline && resolveVersion(storedBaseline, texts) };
}

/** A retried capture: nothing is written; it answers what the first attempt answered, and what it compared. */
async function replay(tx: WriteTx, visit: VisitRecord): Promise<Recorded> {
  const outcome: RecordOutcome = { ...visit.outcome, duplicate: true };
  if (!('baselineSeq' in outcome)) return { outcome, compared: null };
  const versions = tx.objectStore('versions');
  const [texts, baseline, seen] = await Promise.all([
    readTexts(tx.objectStore('texts'), visit.key),
    versions.get([visit.key, outcome.baselineSeq]),
    versions.get([visit.key, outcome.seq]),
  ]);
  if (!baseline || !seen) return { outcome, compared: null };
  return { outcome, compared: { baseline: resolveVersion(baseline, texts), seen: resolveVersion(seen, texts) } };
}

/** How the capture compares with the baseline, and whether it is an incomplete capture of it. */
function decide(snapshot: Snapshot, hash: string, known: Known): { outcome: RecordOutcome; partial: boolean } {
  const { article, match, baseline } = known;
  const nextSeq = (article?.latestSeq ?? 0) + 1;
  // No baseline: a new article, or (defensively) one whose baseline version has gone missing.
  if (!article || !baseline) return { outcome: { kind: 'first', seq: match?.seq ?? nextSeq }, partial: false };
  const compared = { baselineSeq: baseline.seq, baselineVisit: article.baseline.visit };
  const next = comparable(snapshot);
  const seen = comparable(baseline);
  if (hash === baseline.hash || sameContent(next, seen)) {
    return { outcome: { kind: 'unchanged', seq: baseline.seq, since: article.baseline.since }, partial: false };
  }
  if (!sameExtractor(snapshot.extractor, baseline.extractor)) {
    return { outcome: { kind: 'reread', seq: match?.seq ?? nextSeq, ...compared }, partial: false };
  }
  if (looksPartial(next.blocks, seen.blocks)) {
    return { outcome: { kind: 'partial', seq: match?.seq ?? nextSeq, ...compared }, partial: true };
  }
  if (match) return { outcome: { kind: 'revert', seq: match.seq, ...compared }, partial: false };
  const newEntries = snapshot.liveBlog ? liveBlogNewEntries(next, seen) : null;
  if (newEntries !== null) {
    return { outcome: { kind: 'liveblog-update', seq: nextSeq, newEntries, ...compared }, partial: false };
  }
  return { outcome: { kind: 'changed', seq: nextSeq, ...compared }, partial: false };
}

/** Whether two captures were read by the same extraction library and rules (lib/capture/extract.ts EXTRACTOR). */
function sameExtractor(a: Extractor, b: Extractor): boolean {
  return a.name === b.name && a.version === b.version && a.rules === b.rules;
}

interface VersionFacts {
  hash: string;
  seq: number;
  now: number;
  partial: boolean;
}

/**
 * Stores what the capture saw: counts one more capture of the stored version it matched, or adds it as a new version
 * (with its new texts and the article's rebuilt search record). Resolves to that version.
 */
async function storeVersion(tx: WriteTx, snapshot: Snapshot, known: Known, facts: VersionFacts): Promise<VersionRecord> {
  const { texts, match, baseline } = known;
  const versions = tx.objectStore('versions');
  if (match) {
    await versions.put({
      ...match,
      lastSeen: Math.max(match.lastSeen, facts.now),
      captureCount: match.captureCount + 1,
      // A complete visit landing on a version first stored as partial shows it was real content after all.
      partial: match.partial && facts.partial,
    });
    return baseline?.seq === match.seq ? baseline : resolveVersion(match, texts);
  }
  // Only what this article has not stored before adds a text record; an edited text is stored as a delta against
  // the baseline's, which is what the reader saw before.
  const prev = await chainTip(tx, known.article);
  const version = newVersion(snapshot, facts, prev);
  const stored = toStored(version, texts, baseline);
  const indexed = texts.added.size > 0 && searchRecord(texts);
  writeAdded(tx.objectStore('texts'), texts);
  await Promise.all([versions.add(stored), indexed && tx.objectStore('search').put(indexed, snapshot.key)]);
  return version;
}

/**
 * The chain hash a new version links to (lib/model/chain.ts): that of the article's latest version, which retention
 * always keeps; if it is somehow gone, the latest pruned link. null for an article's first version.
 */
async function chainTip(tx: WriteTx, article: ArticleRecord | undefined): Promise<string | null> {
  if (!article) return null;
  const latest = await tx.objectStore('versions').get([article.key, article.latestSeq]);
  if (latest) return latest.chain.hash;
  const pruned = article.pruned ?? [];
  return pruned.length > 0 ? pruned[pruned.length - 1]!.hash : null;
}

function newVersion(snapshot: Snapshot, { hash, seq, now, partial }: VersionFacts, prev: string | null): VersionRecord {
  const version: Omit<VersionRecord, 'chain'> = {
    key: snapshot.key,
    seq,
    hash,
    firstSeen: now,
    lastSeen: now,
    url: stripTracking(snapshot.url),
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
  return { ...version, chain: linkOf(version, prev) };
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
  // Without tracking and subscriber-identifying parameters (issue 15, item 11): a history is evidence a reader may
  // hand on, and must not identify their newsletter subscription or ad click.
  const visited = stripTracking(snapshot.url);
  const urls = [...(prev?.urls ?? []).filter((url) => url !== visited), visited].slice(-MAX_URLS);
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
    // Links of versions retention removed: the chain joins across them (lib/model/chain.ts).
    ...(prev?.pruned ? { pruned: prev.pruned } : {}),
  };
}
