/**
 * The change report (issue 18): one article's change as a self-contained, printable HTML file a reader can cite or
 * print. One pure function from the versions to the file's text, so every rule is tested in Node. Every string the
 * page wrote (headline, text, URLs, language) is HTML-escaped: the page is written by the party whose edits are
 * recorded and may try to put markup into the report. The file carries no script and loads nothing (a
 * Content-Security-Policy says so too, in case escaping ever failed), and its styles are inline.
 */
import type { ChangeLabels } from '../diff/types';
import { labelTags } from './labels';
import { groupedFingerprint } from '../store/keys';
import { diffArticles } from '../diff/articles';
import type { BlockChange, Segment } from '../diff/types';
import type { Block, MetaHeadlines } from '../model/snapshot';
import { dateTimeFormat, formatLocale, t, tn } from '../platform/i18n';
import { collapseBlocks, gapLabel, metaHeadlineChanges, numberLines, safeHref, type MetaHeadlineField } from './article';
import { articleExportName } from './file-name';
import { reportCss } from './report-style';

/** A version's place in its article's evidence chain (lib/model/chain.ts ChainLink). */
export interface ReportChain {
  prev: string | null;
  hash: string;
  chainedAt?: number;
}

/** What the report shows of a version: the stored VersionRecord's fields, and its chain link once it has one. */
export interface ReportVersion {
  seq: number;
  /** The content hash (lib/model/normalize.ts contentHash). */
  hash: string;
  firstSeen: number;
  lastSeen: number;
  url: string;
  headline: string;
  dek: string | null;
  byline: string | null;
  body: Block[];
  lang: string | null;
  metaHeadlines?: MetaHeadlines;
  partial?: boolean;
  /** Absent for a history recorded before the evidence chain and not yet migrated. */
  chain?: ReportChain;
}

export interface ReportInput {
  article: { key: string; siteName: string | null; headline: string; urls: readonly string[] };
  /** The two versions compared; the same version twice for an article with only one. */
  older: ReportVersion;
  newer: ReportVersion;
  /** How the newer version changed from the older (lib/diff/labels.ts labelChange); absent for one version alone. */
  labels?: ChangeLabels;
  /** The installation's signing key (lib/store/keys.ts readSigningKey); null when it has none. */
  key: { fingerprint: string } | null;
  /** When the report is made, epoch milliseconds. */
  generatedAt: number;
  /** The extension's version. */
  version: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an HTML text node or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A language tag the page declared, if it is one (it goes into a lang attribute). */
function languageTag(lang: string | null): string | null {
  return lang && /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : null;
}

function time(ms: number): string {
  const iso = new Date(ms).toISOString();
  const local = dateTimeFormat({ dateStyle: 'long', timeStyle: 'long' }).format(ms);
  return `<time datetime="${iso}">${escapeHtml(local)}</time><br><code>${iso}</code>`;
}

function segments(list: readonly Segment[]): string {
  return list
    .map((s) => (s.op === 'ins' ? `<ins>${escapeHtml(s.text)}</ins>` : s.op === 'del' ? `<del>${escapeHtml(s.text)}</del>` : escapeHtml(s.text)))
    .join('');
}

function block(kind: Block['kind'], tone: string, inner: string): string {
  const tag = kind === 'quote' ? 'blockquote' : kind === 'pre' ? 'pre' : 'p';
  return `<${tag} class="block block-${kind}${tone}" dir="auto">${inner}</${tag}>`;
}

function change(c: BlockChange): string {
  switch (c.type) {
    case 'same':
      return block(c.kind, '', escapeHtml(c.text));
    case 'added':
      return block(c.kind, ' block-added', `<ins>${escapeHtml(c.text)}</ins>`);
    case 'removed':
      return block(c.kind, ' block-removed', `<del>${escapeHtml(c.text)}</del>`);
    case 'edited':
      return block(c.kind, ' block-edited', segments(c.segments));
    case 'moved':
      return block(
        c.kind,
        ' block-moved',
        `<span class="tag">${escapeHtml(t('blockMoved'))}</span> <bdi>${c.segments ? segments(c.segments) : escapeHtml(c.text)}</bdi>`,
      );
  }
}

function labels(l: ChangeLabels): string {
  const tags = labelTags(l)
    .map((tag) => `<li class="label${tag.tone === 'kind' ? '' : ` label-${tag.tone}`}">${escapeHtml(tag.text)}</li>`)
    .join('');
  return `<ul class="labels" aria-label="${escapeHtml(t('reportLabels'))}">${tags}</ul>`;
}

const META_LABELS: Record<MetaHeadlineField, () => string> = {
  title: () => t('metaHeadlineTitle'),
  og: () => t('metaHeadlineOg'),
  jsonLd: () => t('metaHeadlineJsonLd'),
  description: () => t('metaHeadlineDescription'),
};

function urlCell(url: string): string {
  const href = safeHref(url);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(url)}</a>` : escapeHtml(url);
}

function chainCell(v: ReportVersion): string {
  if (!v.chain) return `<span class="note">${escapeHtml(t('reportNoChain'))}</span>`;
  const later = v.chain.chainedAt === undefined
    ? ''
    : `<br><span class="note">${escapeHtml(t('reportChainedLater', new Date(v.chain.chainedAt).toISOString()))}</span>`;
  return `<code class="hash">${escapeHtml(v.chain.hash)}</code>${later}`;
}

/** One column per version, one row per fact, so two versions read side by side (and fit a page or a phone). */
function versionsTable(versions: readonly ReportVersion[]): string {
  const rows: [string, (v: ReportVersion) => string][] = [
    [t('reportFirstSeen'), (v) => time(v.firstSeen)],
    [t('reportLastSeen'), (v) => time(v.lastSeen)],
    [t('reportAddress'), (v) => urlCell(v.url)],
    [t('reportVersionHash'), chainCell],
    [t('reportContentHash'), (v) => `<code class="hash">${escapeHtml(v.hash)}</code>`],
  ];
  const head = versions
    .map((v) => `<th scope="col">${escapeHtml(t('reportVersionN', v.seq))}${v.partial ? `<br><span class="note">${escapeHtml(t('reportPartial'))}</span>` : ''}</th>`)
    .join('');
  const body = rows
    .map(([label, cell]) => `<tr><th scope="row">${escapeHtml(label)}</th>${versions.map((v) => `<td data-seq="${v.seq}">${cell(v)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<div class="table"><table class="versions">
<thead><tr><td></td>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
}

function diffSection(input: ReportInput): string {
  const { older, newer } = input;
  const single = older.seq === newer.seq;
  const diff = diffArticles(older, newer);
  const lang = languageTag(newer.lang);
  const field = (f: typeof diff.headline, cls: string, tag: string) =>
    f.segments.length === 0 ? '' : `<${tag} class="${cls}${f.changed ? ' field-changed' : ''}" dir="auto">${segments(f.segments)}</${tag}>`;
  const items = single ? diff.blocks.map((c) => ({ type: 'block' as const, change: c })) : collapseBlocks(diff.blocks);
  const body = items
    .map((item) => (item.type === 'block' ? change(item.change) : `<p class="gap">${escapeHtml(gapLabel(item.changes.length))}</p>`))
    .join('\n');
  const numbers = numberLines(diff.summary.numbers);
  const meta = single ? [] : metaHeadlineChanges(older, newer);
  return `<section aria-labelledby="change">
<h2 id="change">${escapeHtml(single ? t('reportOneVersion') : t('reportChange'))}</h2>
${single ? `<p>${escapeHtml(t('reportSingle'))}</p>` : `<p class="summary">${escapeHtml(diff.summary.text)}</p>`}
${input.labels && !single ? labels(input.labels) : ''}
${numbers.length > 0 ? `<p>${escapeHtml(t('numbersChanged'))} ${numbers.map((n) => `<span class="number">${escapeHtml(n)}</span>`).join(' ')}</p>` : ''}
${diff.coarse ? `<p class="note">${escapeHtml(t('coarseNote'))}</p>` : ''}
${single ? '' : `<p class="legend">${escapeHtml(t('reportLegend'))} <ins>${escapeHtml(t('reportLegendIns'))}</ins> <del>${escapeHtml(t('reportLegendDel'))}</del></p>`}
<article class="diff"${lang ? ` lang="${escapeHtml(lang)}"` : ''}>
${field(diff.headline, 'diff-headline', 'p')}
${field(diff.dek, 'diff-dek', 'p')}
${field(diff.byline, 'diff-byline', 'p')}
${body}
</article>
${
  meta.length === 0
    ? ''
    : `<h3>${escapeHtml(t('metaHeadlinesLabel'))}</h3><dl class="meta">${meta
        .map((m) => `<dt>${escapeHtml(META_LABELS[m.field]())}</dt><dd dir="auto">${segments(m.segments)}</dd>`)
        .join('')}</dl>`
}
</section>`;
}

/** The report's whole HTML text. */
export function buildReport(input: ReportInput): string {
  const { article, older, newer, key } = input;
  const locale = formatLocale();
  const headline = newer.headline || article.headline;
  const urls = [...new Set([...article.urls, older.url, newer.url])];
  const urlItems = urls
    .map((u) => {
      const href = safeHref(u);
      return `<li class="url">${href ? `<a href="${escapeHtml(href)}">${escapeHtml(u)}</a>` : escapeHtml(u)}</li>`;
    })
    .join('');
  const versions = older.seq === newer.seq ? [newer] : [older, newer];
  const exportName = articleExportName(newer.url, input.generatedAt);
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Palimpsest ${escapeHtml(input.version)}">
<title>${escapeHtml(t('reportTitle', headline))}</title>
<style>${reportCss({ inserted: t('reportLegendIns'), deleted: t('reportLegendDel') })}</style>
</head>
<body>
<main>
<header>
<p class="kicker">${escapeHtml(t('reportKicker'))}</p>
<h1 dir="auto">${escapeHtml(headline)}</h1>
<dl class="facts">
<dt>${escapeHtml(t('reportSite'))}</dt><dd dir="auto">${escapeHtml(article.siteName ?? t('unknownSite'))}</dd>
<dt>${escapeHtml(tn('reportAddresses', urls.length))}</dt><dd><ul class="urls">${urlItems}</ul></dd>
<dt>${escapeHtml(t('reportMade'))}</dt><dd>${time(input.generatedAt)}<br>${escapeHtml(t('reportMadeBy', input.version))}</dd>
</dl>
</header>
<section aria-labelledby="versions">
<h2 id="versions">${escapeHtml(tn('reportVersions', versions.length))}</h2>
${versionsTable(versions)}
</section>
${diffSection(input)}
<section aria-labelledby="key">
<h2 id="key">${escapeHtml(t('reportKey'))}</h2>
${
  key
    ? `<p>${escapeHtml(t('reportKeyText'))}</p><p><code class="fingerprint">${escapeHtml(groupedFingerprint(key.fingerprint))}</code></p>`
    : `<p>${escapeHtml(t('reportNoKey'))}</p>`
}
</section>
<section aria-labelledby="verify">
<h2 id="verify">${escapeHtml(t('reportVerify'))}</h2>
<p>${escapeHtml(t('reportRendering'))}</p>
<p>${escapeHtml(t('reportCommand'))}</p>
<pre class="command"><code>npm run verify -- ${escapeHtml(exportName)}</code></pre>
<p>${escapeHtml(t('reportDocs'))}</p>
</section>
</main>
</body>
</html>
`;
}
