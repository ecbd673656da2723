// The toolbar popup: what Palimpsest knows about the article in this tab and what changed since the last visit.
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Notice } from '@/components/Notice';
import { Slotted } from '@/components/Slotted';
import { t } from '@/lib/platform/i18n';
import { HISTORY_PAGE } from '@/lib/view/list';
import { NewTabNote } from '@/components/NewTabNote';
import { ArticleView } from './ArticleView';
import { resolvePopup, type PopupData } from './resolve';

// The content script waits for the page to settle before it captures; poll a few times rather than give up.
const POLL_MS = 500;
const MAX_POLLS = 12;

function Body({ data, stalled }: { data: PopupData | null; stalled: boolean }) {
  if (!data) return <p class="muted loading">{t('loading')}</p>;
  switch (data.kind) {
    case 'article':
      return <ArticleView bundle={data.bundle} state={data.state} />;
    case 'no-db':
      return <Notice level={1} tone="warn" title={t('historyUnavailable')}>
        <p>{data.message}</p>
      </Notice>;
    case 'not-article':
      return <Notice level={1} title={t('popupNotArticle')}>
        <p>{t('popupNotArticleBody')}</p>
      </Notice>;
    case 'unreadable':
      return <Notice level={1} title={t('popupUnreadable')}>
        <p>{t('popupUnreadableBody')}</p>
      </Notice>;
    case 'pending':
      return <Notice level={1} title={t('popupPending')}>
        {stalled && <p>{t('popupStalled')}</p>}
      </Notice>;
    case 'paused':
      return <Notice level={1} title={t('popupPaused')}>
        <p><Slotted message={(link) => t('popupPausedBody', link)}><OptionsLink /></Slotted></p>
      </Notice>;
    case 'excluded':
      return <Notice level={1} title={t('popupExcluded')}>
        <p><Slotted message={(link) => t('popupExcludedBody', link)}><OptionsLink /></Slotted></p>
      </Notice>;
    case 'failed':
      return <Notice level={1} tone="warn" title={t('popupFailed')}>
        <p>{data.message}</p>
      </Notice>;
    case 'dropped':
      return <Notice level={1} tone="warn" title={t('popupDropped')}>
        <p>{t('popupDroppedBody', String(data.dropped))}</p>
      </Notice>;
    case 'untracked':
      return <Notice level={1} title={t('popupUntracked')}>
        <p>{t('popupUntrackedBody')}</p>
      </Notice>;
  }
}

function OptionsLink() {
  return (
    <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
      {t('popupSettingsLink')}
    </button>
  );
}

/**
 * Keeps what the keyboard focuses out from under the sticky header (WCAG 2.4.11): the page scrolls a focused element
 * into view below a top padding as tall as the header, however tall the header grows when its text wraps.
 */
function useStickyHeaderPadding() {
  const header = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = header.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      document.documentElement.style.setProperty('--head-height', `${Math.ceil(el.getBoundingClientRect().height)}px`);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return header;
}

export function Popup() {
  const [data, setData] = useState<PopupData | null>(null);
  const [stalled, setStalled] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async (attempt: number): Promise<void> => {
      const next = await resolvePopup(location.search).catch(
        (error: unknown): PopupData => ({ kind: 'failed', message: String(error) }),
      );
      if (cancelled) return;
      setData(next);
      if (next.kind !== 'pending') return;
      if (attempt < MAX_POLLS) timer = setTimeout(() => void run(attempt + 1), POLL_MS);
      else setStalled(true);
    };
    void run(0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, []);

  const header = useStickyHeaderPadding();
  const openHistory = (event: Event) => {
    event.preventDefault();
    void browser.tabs.create({ url: browser.runtime.getURL(HISTORY_PAGE) });
  };
  return (
    <div class="popup">
      <header class="popup-head" ref={header}>
        <span class="brand">{t('extName')}</span>
        <a href={HISTORY_PAGE} onClick={openHistory}>
          {t('allTrackedArticles')}
          <NewTabNote />
        </a>
      </header>
      <main class="popup-main">
        <Body data={data} stalled={stalled} />
      </main>
    </div>
  );
}
