/**
 * What the toolbar badge and its tooltip say for one capture outcome. Pure, so the wording is tested in Node;
 * the background only applies it to the tab.
 */
import type { ChangeSummary } from '../diff/types';
import type { RecordOutcome } from '../model/outcome';
import { formatLocale, t, tn } from '../platform/i18n';
import { formatDayTime } from './format';

export const CHANGED_COLOR = '#c2410c';

export interface BadgeState {
  text: string;
  title: string;
  color: string;
}

/** "22 Nov, 14:05" */
export function formatVisit(time: number): string {
  return formatDayTime(time);
}

/** "headline and 3 paragraphs", as inside a sentence; null when nothing visible changed. */
function changedParts(summary: ChangeSummary): string | null {
  const parts: string[] = [];
  if (summary.headline) parts.push(t('badgePartHeadline'));
  if (summary.dek) parts.push(t('badgePartStandfirst'));
  if (summary.byline) parts.push(t('badgePartByline'));
  const blocks = summary.added + summary.removed + summary.edited + summary.moved;
  if (blocks > 0) parts.push(tn('badgePartParagraphs', blocks));
  if (parts.length === 0) return null;
  return new Intl.ListFormat(formatLocale(), { type: 'conjunction' }).format(parts);
}

const capitalise = (text: string): string => text.charAt(0).toLocaleUpperCase(formatLocale()) + text.slice(1);

/** "Headline and 3 paragraphs", "Byline", "2 paragraphs" */
export function describeChanges(summary: ChangeSummary): string {
  return capitalise(changedParts(summary) ?? t('badgeNothingVisible'));
}

/**
 * The badge for a tab, or null when the tab should show no badge (first visit, unchanged, partial capture, live
 * blog that only gained entries). `count` is diff.changeCount: the headline counts as one, plus each changed block.
 */
export function badgeFor(outcome: RecordOutcome, summary: ChangeSummary | null, count: number): BadgeState | null {
  if (outcome.kind !== 'changed' && outcome.kind !== 'revert') return null;
  const when = formatVisit(outcome.baselineVisit);
  const title =
    outcome.kind === 'revert'
      ? t('badgeReverted', outcome.seq, when, (summary && changedParts(summary)) ?? t('badgeArticleInSentence'))
      : t('badgeChanged', summary ? describeChanges(summary) : t('badgeArticle'), when);
  const text = count > 999 ? '999+' : String(Math.max(count, 1));
  return { text, title, color: CHANGED_COLOR };
}
