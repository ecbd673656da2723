/**
 * The labels of a change (lib/diff/labels.ts) as the pages print them: short tags in the reader's language that say
 * everything in words ("Silent edit", "Headline", "Numbers"), so nothing depends on colour, and the list filter's
 * choices.
 */
import { CHANGE_KINDS } from '../diff/labels';
import type { ChangeKind, ChangeLabels } from '../diff/types';
import { t } from '../platform/i18n';

const KIND_NAMES: Record<ChangeKind, () => string> = {
  headline: () => t('labelHeadline'),
  byline: () => t('labelByline'),
  numbers: () => t('labelNumbers'),
  quotes: () => t('labelQuotes'),
  'added-text': () => t('labelAddedText'),
  'removed-text': () => t('labelRemovedText'),
  rewrite: () => t('labelRewrite'),
  'metadata-only': () => t('labelMetadataOnly'),
};

/** The kinds a reader can filter the list by, in the labels' order. */
export const FILTER_KINDS: readonly ChangeKind[] = CHANGE_KINDS;

/** "Headline", "Added text", … */
export function kindName(kind: ChangeKind): string {
  return KIND_NAMES[kind]();
}

export interface LabelTag {
  /** Stable within one set of labels: the disclosure, or the kind. */
  id: string;
  text: string;
  /** 'silent' and 'disclosed' are set apart in style as well as in words. */
  tone: 'silent' | 'disclosed' | 'kind';
}

/** The disclosure first ("Silent edit" or "Disclosed"), then each kind. */
export function labelTags(labels: ChangeLabels): LabelTag[] {
  const disclosure: LabelTag =
    labels.disclosure === 'silent'
      ? { id: 'silent', text: t('labelSilent'), tone: 'silent' }
      : { id: 'disclosed', text: t('labelDisclosed'), tone: 'disclosed' };
  return [disclosure, ...labels.kinds.map((kind): LabelTag => ({ id: kind, text: kindName(kind), tone: 'kind' }))];
}
