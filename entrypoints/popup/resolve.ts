// Works out what the popup is about: the article named by ?url=, or the one in the active tab as its content
// script reports it, together with what is stored about it.
import { browser } from 'wxt/browser';
import type { PageStatus } from '@/lib/protocol/messages';
import { askTab } from '@/lib/protocol/send';
import { loadArticle, openPageDb, type ArticleBundle } from '@/lib/view/data';
import { articleState, keysForUrl, type ArticleState } from '@/lib/view/article';

export type PopupData =
  | { kind: 'no-db'; message: string }
  /** The content script could not be reached: a browser page, or a tab opened before the extension was installed. */
  | { kind: 'unreadable' }
  | { kind: 'not-article' }
  | { kind: 'pending' }
  | { kind: 'paused' | 'excluded' }
  /** The page sent more articles in this page view than are recorded; `dropped` were not. */
  | { kind: 'dropped'; dropped: number }
  | { kind: 'failed'; message: string }
  /** An article, but nothing stored for it (deleted, or never recorded). */
  | { kind: 'untracked' }
  | { kind: 'article'; bundle: ArticleBundle; state: ArticleState };

async function activeTabStatus(): Promise<PageStatus | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return null;
    return (await askTab(tab.id, { type: 'page-status' })) ?? null;
  } catch {
    return null;
  }
}

export async function resolvePopup(search: string): Promise<PopupData> {
  const url = new URLSearchParams(search).get('url');
  let keys: string[];
  let status: PageStatus | null = null;
  if (url) {
    keys = keysForUrl(url);
  } else {
    status = await activeTabStatus();
    if (!status) return { kind: 'unreadable' };
    if (status.state === 'failed') return { kind: 'failed', message: status.message };
    if (status.state === 'dropped') return { kind: 'dropped', dropped: status.dropped ?? 1 };
    if (status.state !== 'captured') return { kind: status.state };
    keys = [status.key];
  }
  const opened = await openPageDb();
  if (!opened.ok) return { kind: 'no-db', message: opened.message };
  const bundle = await loadArticle(opened.db, keys);
  if (!bundle) return { kind: 'untracked' };
  const outcome = status?.state === 'captured' ? status.outcome : null;
  return { kind: 'article', bundle, state: articleState(outcome, bundle.article, bundle.lastVisit) };
}
