// The toolbar popup: what Palimpsest knows about the article in this tab and what changed since the last visit.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Notice } from '@/components/Notice';
import { HISTORY_PAGE } from '@/lib/view/list';
import { ArticleView } from './ArticleView';
import { resolvePopup, type PopupData } from './resolve';

// The content script waits for the page to settle before it captures; poll a few times rather than give up.
const POLL_MS = 500;
const MAX_POLLS = 12;

function Body({ data, stalled }: { data: PopupData | null; stalled: boolean }) {
  if (!data) return <p class="muted loading">Loading…</p>;
  switch (data.kind) {
    case 'article':
      return <ArticleView bundle={data.bundle} state={data.state} />;
    case 'no-db':
      return <Notice tone="warn" title="History is unavailable">
        <p>{data.message}</p>
      </Notice>;
    case 'not-article':
      return <Notice title="This page doesn't look like a news article">
        <p>Palimpsest only keeps versions of news articles.</p>
      </Notice>;
    case 'unreadable':
      return <Notice title="Palimpsest can't read this page">
        <p>Browser pages are off limits. If this page was open before Palimpsest was installed, reload it.</p>
      </Notice>;
    case 'pending':
      return <Notice title="Reading the article…">
        {stalled && <p>This is taking a while. The page may still be loading; open Palimpsest again in a moment.</p>}
      </Notice>;
    case 'paused':
      return <Notice title="Recording is paused">
        <p>Nothing is recorded until you resume it in the <OptionsLink />.</p>
      </Notice>;
    case 'excluded':
      return <Notice title="This site is excluded">
        <p>Palimpsest does not record articles from this site. You can change that in the <OptionsLink />.</p>
      </Notice>;
    case 'failed':
      return <Notice tone="warn" title="This visit could not be recorded">
        <p>{data.message}</p>
      </Notice>;
    case 'untracked':
      return <Notice title="Palimpsest has no record of this article">
        <p>It was not recorded, or its history was deleted.</p>
      </Notice>;
  }
}

function OptionsLink() {
  return (
    <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
      settings
    </button>
  );
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

  const openHistory = (event: Event) => {
    event.preventDefault();
    void browser.tabs.create({ url: browser.runtime.getURL(HISTORY_PAGE) });
  };
  return (
    <div class="popup">
      <header class="popup-head">
        <span class="brand">Palimpsest</span>
        <a href={HISTORY_PAGE} onClick={openHistory}>
          All tracked articles
        </a>
      </header>
      <main class="popup-main">
        <Body data={data} stalled={stalled} />
      </main>
    </div>
  );
}
