/**
 * The article record an import leaves behind: a new article built from the file (its baseline reconstructed from
 * the visits), or a known article merged with the file's view of it. Pure functions, used by import-merge.ts.
 */
import type { ArticleRecord, Baseline, VersionRecord, VisitRecord } from '../store/schema';
import type { ExportArticle } from './format';
import { MAX_URLS } from '../model/limits';
import { stripTracking } from '../model/url';

/** What the baseline reconstruction needs of a version, stored or not. */
type VersionFacts = Pick<VersionRecord, 'seq' | 'partial' | 'firstSeen'>;

/**
 * Most recent last, as recordSnapshot keeps them, without tracking parameters (stripTracking): the side visited more recently provides the last URLs. Each URL
 * once, at its latest position; at most MAX_URLS, the oldest falling off.
 */
function mergeUrls(older: readonly string[], newer: readonly string[]): string[] {
  // A file from an older version (or another tool) may still carry tracking parameters: never stored.
  const all = [...older, ...newer].map(stripTracking);
  return all.filter((url, i) => all.indexOf(url, i + 1) === -1).slice(-MAX_URLS);
}

export function mergedArticle(
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

export function newArticle(
  incoming: ExportArticle,
  latestSeq: number,
  versionCount: number,
  versions: VersionFacts[],
  visits: VisitRecord[],
): ArticleRecord {
  const lastVisit = Date.parse(incoming.lastVisit);
  return {
    key: incoming.key,
    urls: mergeUrls([], incoming.urls),
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
function baselineOf(versions: VersionFacts[], visits: VisitRecord[], lastVisit: number): Baseline {
  const complete = visits.filter((visit) => !visit.partial).sort((a, b) => a.time - b.time);
  const last = complete.at(-1);
  if (last) {
    let since = last.time;
    for (let i = complete.length - 1; i >= 0 && complete[i]!.seq === last.seq; i--) since = complete[i]!.time;
    return { seq: last.seq, visit: last.time, since };
  }
  const bySeq = [...versions].sort((a, b) => a.seq - b.seq);
  const version = bySeq.filter((record) => !record.partial).at(-1) ?? bySeq.at(-1);
  // No version at all: seq 0 names nothing, and recordSnapshot then treats the next capture as the first.
  if (!version) return { seq: 0, visit: lastVisit, since: lastVisit };
  return { seq: version.seq, visit: lastVisit, since: version.firstSeen };
}
