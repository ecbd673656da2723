/**
 * How many snapshots one page view may send, so a page that rewrites its address and text every few seconds
 * (history.pushState) cannot turn into hundreds of articles. Within one page view: at most `maxArticles` distinct
 * articles, and each article at most once per `repeatAfterMs`. What is over the bound is dropped and counted (the
 * page status reports the count); the background bounds versions per article on its side.
 */
export const PAGE_VIEW_BUDGET = {
  /** A reader following links inside a single-page news site rarely reads more stories than this without a reload. */
  maxArticles: 10,
  /** Returning to a story within this long in the same page view is not a new capture. */
  repeatAfterMs: 10 * 60_000,
} as const;

export type Admission = 'send' | 'same' | 'dropped';

export interface CaptureBudget {
  /** 'send' spends the budget; 'same' is the article just sent (a hash change); 'dropped' is over the bound. */
  admit(key: string, now: number): Admission;
  readonly dropped: number;
}

export function captureBudget(limits: { maxArticles: number; repeatAfterMs: number } = PAGE_VIEW_BUDGET): CaptureBudget {
  const sentAt = new Map<string, number>();
  let lastKey: string | null = null;
  let dropped = 0;
  return {
    admit(key, now) {
      if (key === lastKey) return 'same';
      const before = sentAt.get(key);
      const repeatTooSoon = before !== undefined && now - before < limits.repeatAfterMs;
      const full = before === undefined && sentAt.size >= limits.maxArticles;
      if (repeatTooSoon || full) {
        dropped += 1;
        return 'dropped';
      }
      sentAt.set(key, now);
      lastKey = key;
      return 'send';
    },
    get dropped() {
      return dropped;
    },
  };
}
