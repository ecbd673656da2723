// One tracked article on the history page: its facts, its versions and any two of them compared.
import { useEffect, useState } from 'preact/hooks';
import { Compare } from '@/components/Compare';
import { Notice } from '@/components/Notice';
import { exportArticle } from '@/lib/view/transfer-actions';
import type { PalimpsestDB } from '@/lib/store/schema';
import { loadArticle, type ArticleBundle } from '@/lib/view/data';
import { isChanged, latestUrl } from '@/lib/view/list';
import { articleState, defaultPair, formatWhen, plural, safeHref } from '@/lib/view/article';
import { requestDelete } from './actions';

interface Props {
  db: PalimpsestDB;
  articleKey: string;
  version: number;
  /** Reports the outcome of an action in the page's status line. */
  report: (message: string) => void;
  onDeleted: () => void;
}

function Facts({ bundle }: { bundle: ArticleBundle }) {
  const { article } = bundle;
  const href = safeHref(latestUrl(article));
  return (
    <header class="detail-head">
      <p class="site">{article.siteName ?? 'Unknown site'}</p>
      <h2 class="article-text">{article.headline}</h2>
      <p class="facts">
        First seen {formatWhen(article.firstSeen)} · Last visit {formatWhen(article.lastVisit)} ·{' '}
        {plural(article.versionCount, 'version')}
        {isChanged(article) && <span class="tag tag-changed">changed</span>}
      </p>
      {href && (
        <p class="facts">
          <a href={href} target="_blank" rel="noopener noreferrer">
            Open the article
          </a>
        </p>
      )}
    </header>
  );
}

export function ArticleDetail({ db, articleKey, version, report, onDeleted }: Props) {
  const [bundle, setBundle] = useState<ArticleBundle | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setBundle(undefined);
    loadArticle(db, [articleKey]).then(
      (b) => live && setBundle(b),
      () => live && setBundle(null),
    );
    return () => {
      live = false;
    };
  }, [db, articleKey, version]);

  if (bundle === undefined) return <p class="muted">Loading…</p>;
  if (bundle === null) {
    return (
      <Notice title="This article is not in your history">
        <p>It may have been deleted. <a href="#">Back to all tracked articles</a></p>
      </Notice>
    );
  }
  const seqs = bundle.versions.map((v) => v.seq);
  const pair = defaultPair(articleState(null, bundle.article, bundle.lastVisit), seqs);
  const remove = async () => {
    if (!window.confirm(`Delete “${bundle.article.headline}” and all its versions? This cannot be undone.`)) return;
    try {
      await requestDelete(bundle.article.key);
      report('Article deleted.');
      onDeleted();
    } catch (error) {
      report(`Could not delete the article: ${String(error)}`);
    }
  };
  const exportThis = () =>
    exportArticle(bundle.article.key).then(
      () => report('Article exported.'),
      (error: unknown) => report(error instanceof Error ? error.message : String(error)),
    );

  return (
    <section class="detail" aria-label="Article versions">
      <Facts bundle={bundle} />
      <div class="detail-actions">
        <button type="button" id="export-article" onClick={() => void exportThis()}>
          Export this article
        </button>
        <button type="button" class="danger" id="delete-article" onClick={() => void remove()}>
          Delete…
        </button>
      </div>
      <Compare key={articleKey} versions={bundle.versions} initial={pair} sideBySide name="detail" />
    </section>
  );
}
