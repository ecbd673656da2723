/**
 * The action behind the "Change report" button (popup and history page): one article's change as a printable HTML
 * file (lib/view/report.ts), saved as palimpsest-report-<site>-YYYY-MM-DD.html. The versions come from the page's
 * own read of the article; the key's fingerprint from the database, read-only.
 */
import { extensionVersion } from '../platform/browsers';
import type { PalimpsestDB, VersionRecord } from '../store/schema';
import type { ArticleBundle } from './data';
import { openPageDb } from './data';
import { reportFileName } from './file-name';
import { latestUrl } from './list';
import { buildReport, type ReportChain, type ReportLabels } from './report';
import { saveFile } from './transfer-actions';

// TODO(issue 18): replace these two look-ups with static imports once the integrator's lib/store/keys.ts
// (readSigningKey) and lib/diff/labels.ts (labelChange) are on main. Until then a missing module is no key and no
// labels: the report says the installation has no key yet and leaves the labels out.
type KeysModule = { readSigningKey?: (db: PalimpsestDB) => Promise<{ fingerprint: string } | null> };
type LabelsModule = { labelChange?: (older: VersionRecord, newer: VersionRecord) => ReportLabels };
const keysModule = Object.values(import.meta.glob<KeysModule>('../store/keys.ts', { eager: true }))[0];
const labelsModule = Object.values(import.meta.glob<LabelsModule>('../diff/labels.ts', { eager: true }))[0];

async function signingKey(): Promise<{ fingerprint: string } | null> {
  const read = keysModule?.readSigningKey;
  if (!read) return null;
  const opened = await openPageDb();
  return opened.ok ? read(opened.db) : null;
}

/** A stored version's chain link (VersionRecord.chain, issue 18), when the version has one. */
function chainOf(version: VersionRecord): ReportChain | undefined {
  return (version as VersionRecord & { chain?: ReportChain }).chain;
}

/**
 * The report of `pair` (older and newer seq; the latest version alone when null or when one is gone), as a
 * download. Resolves to the file's name.
 */
export async function saveReport(bundle: ArticleBundle, pair: readonly [number, number] | null): Promise<string> {
  const { article, versions } = bundle;
  const newer = versions.find((v) => v.seq === pair?.[1]) ?? versions.at(-1);
  const older = versions.find((v) => v.seq === pair?.[0]) ?? newer;
  if (!older || !newer) throw new Error(`no version of ${article.key}`);
  const now = Date.now();
  const html = buildReport({
    article,
    older: { ...older, chain: chainOf(older) },
    newer: { ...newer, chain: chainOf(newer) },
    labels: older.seq === newer.seq ? undefined : labelsModule?.labelChange?.(older, newer),
    key: await signingKey(),
    generatedAt: now,
    version: extensionVersion(),
  });
  const name = reportFileName(newer.url || latestUrl(article), now);
  saveFile(name, [html], 'text/html');
  return name;
}
