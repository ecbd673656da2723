/**
 * The action behind the "Change report" button (popup and history page): one article's change as a printable HTML
 * file (lib/view/report.ts), saved as palimpsest-report-<site>-YYYY-MM-DD.html. The versions come from the page's
 * own read of the article; the key's fingerprint from the database, read-only.
 */
import { extensionVersion } from '../platform/browsers';
import { readSigningKey } from '../store/keys';
import { labelChange } from '../diff/labels';
import type { ArticleBundle } from './data';
import { openPageDb } from './data';
import { reportFileName } from './file-name';
import { latestUrl } from './list';
import { buildReport } from './report';
import { saveFile } from './transfer-actions';


/** The installation's signing key, if it has made one yet (the background makes it on first run). */
async function signingKey(): Promise<{ fingerprint: string } | null> {
  const opened = await openPageDb();
  return opened.ok ? readSigningKey(opened.db) : null;
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
    older,
    newer,
    labels: older.seq === newer.seq ? undefined : labelChange(older, newer),
    key: await signingKey(),
    generatedAt: now,
    version: extensionVersion(),
  });
  const name = reportFileName(newer.url || latestUrl(article), now);
  saveFile(name, [html], 'text/html');
  return name;
}
