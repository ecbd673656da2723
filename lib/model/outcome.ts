/**
 * What the background answers for a capture and for an import: the outcome types every room shares (the store
 * produces them, the protocol carries them, the views word them). Types only.
 */

export interface Seen {
  /** The version this visit saw. */
  seq: number;
  /** Set when the capture was a retry of one already recorded: nothing was written. */
  duplicate?: true;
}
/** Compared against the version the reader saw on their previous complete visit. */
export interface Compared extends Seen {
  baselineSeq: number;
  /** Time of that previous complete visit. */
  baselineVisit: number;
}

export type RecordOutcome =
  /** The first capture of this article (or its history was lost). Not checked for completeness: nothing to compare. */
  | (Seen & { kind: 'first' })
  /** Same content as last time; `since` is the first visit of the current run of visits that saw it. */
  | (Seen & { kind: 'unchanged'; since: number })
  /** Back to content stored earlier (A -> B -> A): no new version, `seq` is the older one. */
  | (Compared & { kind: 'revert' })
  /** New content: a new version. */
  | (Compared & { kind: 'changed' })
  /** An incomplete capture of the baseline: stored (flagged) for the record, but never shown as an edit. */
  | (Compared & { kind: 'partial' })
  /** A live blog that only gained entries: stored, but not worth a badge. */
  | (Compared & { kind: 'liveblog-update'; newEntries: number })
  /**
   * Read with other extraction rules than the baseline (Palimpsest was updated and now reads pages differently): the
   * capture becomes the new baseline without a badge, since the difference may be in the reading, not an edit.
   */
  | (Compared & { kind: 'reread' });

export type OutcomeKind = RecordOutcome['kind'];

export interface RecordTotals {
  articles: number;
  versions: number;
  visits: number;
}

/**
 * A stored record an export could not include (issue 15, item 8): a version whose text cannot be read or whose content
 * no longer matches its hash, or an article left with no readable version. Named in the file (its "damaged" field,
 * docs/export-format.md) and on screen; an import reports those its file names as skipped.
 */
export interface DamagedRecord {
  /** The article's key. */
  key: string;
  /** The version's seq; null when the whole article is left out. */
  seq: number | null;
  /** What is wrong, in plain words. */
  problem: string;
}

export interface ImportResult extends RecordTotals {
  /** Records that were not in the database before (the rest matched existing ones). */
  added: RecordTotals;
  /** What the file says its export had to leave out (damaged in the database it came from): not imported. */
  skipped: DamagedRecord[];
}
