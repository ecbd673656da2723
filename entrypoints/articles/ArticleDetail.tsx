// One tracked article on the history page: its facts, its versions and any two of them compared.
import { useEffect, useRef, useState } from 'preact/hooks';
import { NewTabNote } from '@/components/NewTabNote';
import { Compare } from '@/components/Compare';
import { Notice } from '@/components/Notice';
import { EvidenceActions } from '@/components/EvidenceActions';
import type { PalimpsestDB } from '@/lib/store/schema';
import { loadArticle, type ArticleBundle } from '@/lib/view/data';
import { isChanged, latestUrl } from '@/lib/view/list';
import { t, tn } from '@/lib/platform/i18n';
import { articleState, defaultPair, formatWhen, safeHref } from '@/lib/view/article';
import { requestDelete } from './actions';

interface Props {
  db: PalimpsestDB;
  articleKey: string;
  version: number;
  /** Reports the outcome of an action in the page's status line. */
  report: (message: string) => void;
  onDeleted: () => void;
}

/** The article's headline is the page's h1 and takes focus when the article opens, and the page title follows it. */
function Facts({ bundle }: { bundle: ArticleBundle }) {
  const { article } = bundle;
  const href = safeHref(latestUrl(article));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('articlePageTitle', article.headline);
    heading.current?.focus();
  }, [article.key, article.headline]);
  return (
    <header class="detail-head">
      <p class="site">{article.siteName ? <bdi>{article.siteName}</bdi> : t('unknownSite')}</p>
      <h1 class="article-text" dir="auto" tabIndex={-1} ref={heading}>
        {article.headline}
      </h1>
      <p class="facts">
        {t('detailFacts', formatWhen(article.firstSeen), formatWhen(article.lastVisit), tn('versions', article.versionCount))}
        {isChanged(article) && <span class="tag tag-changed">{t('tagChanged')}</span>}
      </p>
      {href && (
        <p class="facts">
          <a href={href} target="_blank" rel="noopener noreferrer">
            {t('detailOpen')}
            <NewTabNote />
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

  if (bundle === undefined) return <p class="muted">{t('loading')}</p>;
  if (bundle === null) {
    return (
      <Notice title={t('detailMissing')}>
        <p>
          {t('detailMissingBody')} <a href="#">{t('detailBack')}</a>
        </p>
      </Notice>
    );
  }
  const seqs = bundle.versions.map((v) => v.seq);
  const pair = defaultPair(articleState(null, bundle.article, bundle.lastVisit), seqs);
  return <Detail key={articleKey} bundle={bundle} initial={pair} report={report} onDeleted={onDeleted} />;
}

interface DetailProps {
  bundle: ArticleBundle;
  initial: [number, number] | null;
  report: (message: string) => void;
  onDeleted: () => void;
}

function Detail({ bundle, initial, report, onDeleted }: DetailProps) {
  // The versions compared on screen, which the change report covers.
  const [pair, setPair] = useState(initial);
  const remove = async () => {
    if (!window.confirm(t('detailConfirmDelete', bundle.article.headline))) return;
    try {
      await requestDelete(bundle.article.key);
      report(t('detailDeleted'));
      onDeleted();
    } catch (error) {
      report(t('detailDeleteFailed', String(error)));
    }
  };

  return (
    <section class="detail" aria-label={t('detailLabel')}>
      <Facts bundle={bundle} />
      <div class="detail-actions">
        <EvidenceActions bundle={bundle} pair={pair} report={report} />
        <button type="button" class="danger" id="delete-article" onClick={() => void remove()}>
          {t('detailDelete')}
        </button>
      </div>
      <Compare key={bundle.article.key} versions={bundle.versions} initial={initial} sideBySide onPair={setPair} />
    </section>
  );
}
