// The popup's view of a tracked article: one plain sentence about its state, then what changed, if anything.
import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Compare } from '@/components/Compare';
import { EvidenceActions } from '@/components/EvidenceActions';
import { NewTabNote } from '@/components/NewTabNote';
import { diffArticles } from '@/lib/diff/articles';
import type { ArticleBundle } from '@/lib/view/data';
import { articleHash, HISTORY_PAGE } from '@/lib/view/list';
import { t, tn } from '@/lib/platform/i18n';
import { changedLine, defaultPair, formatWhen, newEntries, unchangedLine, type ArticleState } from '@/lib/view/article';

interface Props {
  bundle: ArticleBundle;
  state: ArticleState;
}

function LiveBlogEntries({ bundle, from, to }: { bundle: ArticleBundle; from: number; to: number }) {
  const entries = useMemo(() => {
    const older = bundle.versions.find((v) => v.seq === from);
    const newer = bundle.versions.find((v) => v.seq === to);
    return older && newer ? newEntries(diffArticles(older, newer)) : [];
  }, [bundle, from, to]);
  if (entries.length === 0) return null;
  return (
    <ol class="entries article-text">
      {entries.map((text, i) => (
        <li key={i} dir="auto">
          <ins>{text}</ins>
        </li>
      ))}
    </ol>
  );
}

function MoreVersions({ bundle, state, onPair }: Props & { onPair: (pair: [number, number]) => void }) {
  const seqs = bundle.versions.map((v) => v.seq);
  if (seqs.length < 2) return null;
  return (
    <details class="more">
      <summary>{t('popupCompareVersions', seqs.length)}</summary>
      <Compare versions={bundle.versions} initial={defaultPair(state, seqs)} onPair={onPair} />
    </details>
  );
}

export function ArticleView({ bundle, state }: Props) {
  const { article } = bundle;
  // The versions compared on screen, which the change report covers.
  const [pair, setPair] = useState(() =>
    state.kind === 'changed' ? ([state.from, state.to] as [number, number]) : defaultPair(state, bundle.versions.map((v) => v.seq)),
  );
  const evidence = <EvidenceActions bundle={bundle} pair={pair} />;
  const historyUrl = browser.runtime.getURL(HISTORY_PAGE) + articleHash(article.key);
  const openHistory = (event: Event) => {
    event.preventDefault();
    void browser.tabs.create({ url: historyUrl });
  };
  return (
    <>
      <div class="article-head">
        {article.siteName && <p class="site" dir="auto">{article.siteName}</p>}
        {state.kind !== 'changed' && <h1 class="headline article-text" dir="auto">{article.headline}</h1>}
        {state.kind !== 'changed' && (
          <p class={`state-line state-${state.kind}`}>
            {state.kind === 'first' && t('stateFirst')}
            {state.kind === 'unchanged' && unchangedLine(state.since, article.versionCount)}
            {state.kind === 'partial' && t('statePartial')}
            {state.kind === 'reread' && t('stateReread')}
            {state.kind === 'liveblog' && tn('stateLiveBlog', state.newEntries, formatWhen(state.since))}
          </p>
        )}
        {bundle.versions.at(-1)?.truncated && (
          <p class="state-line state-partial">
            {tn('stateTruncated', bundle.versions.at(-1)!.body.length)}
          </p>
        )}
      </div>
      {state.kind === 'changed' ? (
        <Compare versions={bundle.versions} initial={[state.from, state.to]} headlineLevel={1} onPair={setPair}>
          <p class="state-line state-changed">{changedLine(state)}</p>
          {evidence}
        </Compare>
      ) : (
        <>
          {evidence}
          {state.kind === 'liveblog' && <LiveBlogEntries bundle={bundle} from={state.from} to={state.to} />}
          <MoreVersions bundle={bundle} state={state} onPair={setPair} />
        </>
      )}
      <p class="popup-foot">
        <a href={historyUrl} onClick={openHistory}>
          {t('popupEveryVersion')}
          <NewTabNote />
        </a>
      </p>
    </>
  );
}
