/**
 * What the toolbar badge and its tooltip say for one capture outcome. Pure, so the wording is tested in Node;
 * the background only applies it to the tab.
 */
import type { ChangeSummary } from '../diff/types';
import type { RecordOutcome } from '../model/outcome';

export const CHANGED_COLOR = '#c2410c';

export interface BadgeState {
  text: string;
  title: string;
  color: string;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** "22 Nov, 14:05" */
export function formatVisit(time: number): string {
  return dateFormat.format(new Date(time));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Headline and 3 paragraphs", "Byline", "2 paragraphs" */
export function describeChanges(summary: ChangeSummary): string {
  const parts: string[] = [];
  if (summary.headline) parts.push('headline');
  if (summary.dek) parts.push('standfirst');
  if (summary.byline) parts.push('byline');
  const blocks = summary.added + summary.removed + summary.edited + summary.moved;
  if (blocks > 0) parts.push(plural(blocks, 'paragraph'));
  if (parts.length === 0) return 'Nothing visible';
  const text = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return text[0]!.toUpperCase() + text.slice(1);
}

/**
 * The badge for a tab, or null when the tab should show no badge (first visit, unchanged, partial capture, live
 * blog that only gained entries). `count` is diff.changeCount: the headline counts as one, plus each changed block.
 */
export function badgeFor(outcome: RecordOutcome, summary: ChangeSummary | null, count: number): BadgeState | null {
  if (outcome.kind !== 'changed' && outcome.kind !== 'revert') return null;
  const since = `since your visit on ${formatVisit(outcome.baselineVisit)}`;
  const what = summary ? describeChanges(summary) : 'Article';
  const title =
    outcome.kind === 'revert'
      ? `Palimpsest: reverted to version ${outcome.seq} ${since} (${what.toLowerCase()} differ)`
      : `Palimpsest: ${what} changed ${since}`;
  const text = count > 999 ? '999+' : String(Math.max(count, 1));
  return { text, title, color: CHANGED_COLOR };
}
