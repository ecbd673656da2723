// The verify page's check of a file: the standalone verifier's verifyFile (lib/evidence/verify.ts, the same code as
// `npm run verify`), run on the file's text in this page; the verdict in words; and the list of the file's articles to
// show beside it.
import { formatNumber, t, tn } from '@/lib/platform/i18n';
import { groupedFingerprint } from '@/lib/store/keys';
import { verifyFile, type VerifyResult } from '@/lib/evidence/verify';

export type { VerifyResult };

/** The verdict on `text`: the same check as `npm run verify`. */
export function check(text: string): Promise<VerifyResult> {
  return verifyFile(text);
}

export interface FileArticle {
  key: string;
  headline: string;
  versions: number;
}

/** How many articles the page lists; the verdict counts them all. */
export const LISTED = 200;

/** The articles of a file the verifier passed, as written in it (page text: shown as text only). */
export function fileArticles(text: string): FileArticle[] {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return [];
  }
  const articles = (file as { articles?: unknown }).articles;
  if (!Array.isArray(articles)) return [];
  return articles.slice(0, LISTED).map((a: { key?: unknown; headline?: unknown; versions?: unknown }) => ({
    key: typeof a?.key === 'string' ? a.key : '',
    headline: typeof a?.headline === 'string' ? a.headline : '',
    versions: Array.isArray(a?.versions) ? a.versions.length : 0,
  }));
}

/** "Verified: 3 articles, 7 versions, signed by key ab12 cd34 …", or that the file is not verified. */
export function verdictText(result: VerifyResult): string {
  return result.ok
    ? t('verifyOk', tn('verifyArticles', result.articles), tn('verifyVersions', result.versions), groupedFingerprint(result.fingerprint))
    : t('verifyBroken');
}

/** Where a broken file first goes wrong: an article and version, an article, or the file as a whole. */
export function brokenWhere(result: Extract<VerifyResult, { ok: false }>): string {
  if (result.article !== undefined && result.seq !== undefined) return t('verifyWhereVersion', result.article, formatNumber(result.seq));
  return result.article !== undefined ? t('verifyWhereArticle', result.article) : t('verifyWhereFile');
}
