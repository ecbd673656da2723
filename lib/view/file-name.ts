/**
 * The names of the files one article is saved as: palimpsest-<site>-<YYYY-MM-DD>.json for its export and
 * palimpsest-report-<site>-<YYYY-MM-DD>.html for its change report. The site is the article's host, never its
 * declared site name: the page writes that, and a file name must not carry whatever a page chose to put there.
 */

/** "theguardian.com" for https://www.theguardian.com/…; "article" when the URL has no usable host. */
export function siteSlug(url: string | null | undefined): string {
  let host = '';
  try {
    host = url ? new URL(url).hostname : '';
  } catch {
    // Not a URL: fall back to the neutral name.
  }
  // The URL parser lowercases the host and turns other scripts into punycode; IPv6 brackets and anything else go.
  const slug = host.replace(/^www\./, '').replace(/[^a-z0-9.-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '');
  return slug === '' ? 'article' : slug.slice(0, 80);
}

/** YYYY-MM-DD in the reader's local calendar: the day they saved the file. */
export function localDay(date: Date | number = Date.now()): string {
  const d = new Date(date);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** palimpsest-<site>-<YYYY-MM-DD>.json: one article's export. */
export function articleExportName(url: string | null | undefined, date: Date | number = Date.now()): string {
  return `palimpsest-${siteSlug(url)}-${localDay(date)}.json`;
}

/** palimpsest-report-<site>-<YYYY-MM-DD>.html: one article's change report. */
export function reportFileName(url: string | null | undefined, date: Date | number = Date.now()): string {
  return `palimpsest-report-${siteSlug(url)}-${localDay(date)}.html`;
}
