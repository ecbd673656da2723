/**
 * The shapes of a comparison between two captures: word segments, block changes, field diffs and the summary.
 * Types only, so every step of lib/diff/ and every view can import them without importing each other.
 */
import type { BlockKind, Snapshot } from '../model/snapshot';

export type Segment = { op: 'eq' | 'ins' | 'del'; text: string };
export type BlockChange =
  | { type: 'same'; kind: BlockKind; text: string; oldIndex: number; newIndex: number }
  | { type: 'added'; kind: BlockKind; text: string; newIndex: number }
  | { type: 'removed'; kind: BlockKind; text: string; oldIndex: number }
  | { type: 'edited'; kind: BlockKind; segments: Segment[]; oldIndex: number; newIndex: number }
  | {
      type: 'moved';
      kind: BlockKind;
      text: string;
      oldIndex: number;
      newIndex: number;
      /** Present when the block was moved and also edited. */
      segments?: Segment[];
    };
/**
 * Headline, dek and byline (null treated as ''). When unchanged, segments is the new published text as a single
 * 'eq' (empty when the field is empty); when changed, eq+del spells the old text and eq+ins the new one.
 */
export interface FieldDiff {
  changed: boolean;
  segments: Segment[];
}
export interface NumberChange {
  from: string;
  to: string;
}
export interface ChangeSummary {
  headline: boolean;
  dek: boolean;
  byline: boolean;
  added: number;
  removed: number;
  edited: number;
  /** Includes blocks that were moved and edited. */
  moved: number;
  numbers: NumberChange[];
  /** e.g. "Headline changed · 2 paragraphs added · 1 removed · 3 edited" or "No changes" */
  text: string;
}
export interface ArticleDiff {
  headline: FieldDiff;
  dek: FieldDiff;
  byline: FieldDiff;
  blocks: BlockChange[];
  summary: ChangeSummary;
  /** true when the time/size budget forced block-level output (no word diff) somewhere */
  coarse: boolean;
}
export type Comparable = Pick<Snapshot, 'headline' | 'dek' | 'byline' | 'body'>;

/**
 * What kind of edit a change between two versions is, at a glance (lib/diff/labels.ts). 'added-text', 'removed-text'
 * and 'rewrite' exclude each other; 'metadata-only' excludes every other kind.
 */
export type ChangeKind =
  | 'headline'
  | 'byline'
  | 'numbers'
  | 'quotes'
  | 'added-text'
  | 'removed-text'
  | 'rewrite'
  | 'metadata-only';
/**
 * The labels of one change: 'disclosed' when the newer version shows a new or changed correction or update note, or
 * declares another modification time; 'silent' otherwise. Kinds in the order of CHANGE_KINDS; none when nothing the
 * product counts as a change differs. Plain data, so records and the export file can hold it as it is.
 */
export interface ChangeLabels {
  disclosure: 'disclosed' | 'silent';
  kinds: ChangeKind[];
}
