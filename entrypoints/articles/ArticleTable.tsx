// The tracked articles of one list page: headline (linking to the article only when its URL is http(s)), site,
// dates, versions and whether the last visit saw an edit.
import type { ArticleRecord } from '@/lib/store/schema';
import { articleHash, isChanged, latestUrl } from '@/lib/view/list';
import { formatWhen, plural, safeHref } from '@/lib/view/article';

function Row({ article }: { article: ArticleRecord }) {
  const href = safeHref(latestUrl(article));
  return (
    <tr>
      <td class="col-article">
        {href ? (
          <a class="headline article-text" href={href} target="_blank" rel="noopener noreferrer">
            {article.headline}
          </a>
        ) : (
          <span class="headline article-text">{article.headline}</span>
        )}
        <span class="site">
          {article.siteName ?? 'Unknown site'}
          {isChanged(article) && <span class="tag tag-changed">{article.lastOutcome === 'revert' ? 'reverted' : 'changed'}</span>}
          {article.liveBlog && <span class="tag">live</span>}
        </span>
      </td>
      <td class="col-date">{formatWhen(article.firstSeen)}</td>
      <td class="col-date">{formatWhen(article.lastVisit)}</td>
      <td class="col-versions">
        <a href={articleHash(article.key)} aria-label={`${plural(article.versionCount, 'version')} of ${article.headline}`}>
          {plural(article.versionCount, 'version')}
        </a>
      </td>
    </tr>
  );
}

export function ArticleTable({ rows }: { rows: readonly ArticleRecord[] }) {
  return (
    <table class="articles">
      <thead>
        <tr>
          <th scope="col">Article</th>
          <th scope="col">First seen</th>
          <th scope="col">Last visit</th>
          <th scope="col">Versions</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((article) => (
          <Row key={article.key} article={article} />
        ))}
      </tbody>
    </table>
  );
}
