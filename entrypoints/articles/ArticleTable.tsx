// The tracked articles of one list page: headline (linking to the article only when its URL is http(s)), site,
// dates, versions, whether the last visit saw an edit, and the labels of the latest change.
import { ChangeLabelTags } from '@/components/ChangeLabels';
import { NewTabNote } from '@/components/NewTabNote';
import type { ArticleRecord } from '@/lib/store/schema';
import { articleHash, isChanged, latestUrl } from '@/lib/view/list';
import { t, tn } from '@/lib/platform/i18n';
import { formatWhen, safeHref } from '@/lib/view/article';

function Row({ article }: { article: ArticleRecord }) {
  const href = safeHref(latestUrl(article));
  const versions = tn('versions', article.versionCount);
  return (
    <tr>
      <td class="col-article">
        {href ? (
          <a class="headline article-text" dir="auto" href={href} target="_blank" rel="noopener noreferrer">
            {article.headline}
            <NewTabNote />
          </a>
        ) : (
          <span class="headline article-text" dir="auto">{article.headline}</span>
        )}
        <span class="site">
          {article.siteName ? <bdi>{article.siteName}</bdi> : t('unknownSite')}
          {isChanged(article) && (
            <span class="tag tag-changed">{article.lastOutcome === 'revert' ? t('tagReverted') : t('tagChanged')}</span>
          )}
          {article.liveBlog && <span class="tag">{t('tagLive')}</span>}
        </span>
        {article.lastChange && article.lastChange.kinds.length > 0 && (
          <span class="row-labels">
            <ChangeLabelTags labels={article.lastChange} />
          </span>
        )}
      </td>
      <td class="col-date">{formatWhen(article.firstSeen)}</td>
      <td class="col-date">{formatWhen(article.lastVisit)}</td>
      <td class="col-versions">
        <a href={articleHash(article.key)} data-article-key={article.key} aria-label={t('listVersionsOf', versions, article.headline)}>
          {versions}
        </a>
      </td>
    </tr>
  );
}

export function ArticleTable({ rows }: { rows: readonly ArticleRecord[] }) {
  return (
    <div class="table-scroll">
    <table class="articles">
      <thead>
        <tr>
          <th scope="col">{t('listColArticle')}</th>
          <th scope="col">{t('firstSeen')}</th>
          <th scope="col">{t('lastVisit')}</th>
          <th scope="col">{t('listColVersions')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((article) => (
          <Row key={article.key} article={article} />
        ))}
      </tbody>
    </table>
    </div>
  );
}
