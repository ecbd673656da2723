/**
 * Labels for a change between two versions of an article, to read at a glance and to keep in the export: was it
 * disclosed (a new or changed correction or update note, or another declared modification time) or silent, and what
 * kind of edit it was. Texts are compared exactly as the recorder compares them (lib/model/normalize.ts: normalised,
 * page furniture dropped), so what the product does not count as a change gets no label. Pure.
 */
import { isFurniture, normalizeText } from '../model/normalize';
import type { Block, MetaHeadlines, Snapshot } from '../model/snapshot';
import { diffBlocks } from './blocks';
import { notesIn } from './notes';
import { quotations, quotesDiffer } from './quotes';
import { NUMBER, numberChanges } from './summary';
import type { ChangeKind, ChangeLabels } from './types';

export type { ChangeKind, ChangeLabels } from './types';

/** Every kind, in the order labels list them. */
export const CHANGE_KINDS: readonly ChangeKind[] = [
  'headline',
  'byline',
  'numbers',
  'quotes',
  'added-text',
  'removed-text',
  'rewrite',
  'metadata-only',
];

/** What labelling reads of a version (a stored VersionRecord or a capture's Snapshot both have it). */
export type Labelled = Pick<
  Snapshot,
  'headline' | 'dek' | 'byline' | 'body' | 'publishedTime' | 'modifiedTime' | 'lang' | 'metaHeadlines'
>;

/**
 * The body diff's time budget. The labels only need its pairing of blocks, which a real article's edits get in a few
 * milliseconds; this is a bound for pathological pages, past which some edits count as a paragraph removed and added.
 */
const BUDGET_MS = 250;

/** Inserted and deleted text found in the body (and dek), beyond what the numbers and quotes kinds tell. */
interface TextEdits {
  inserted: boolean;
  deleted: boolean;
  numbers: boolean;
  quotes: boolean;
}

export function labelChange(older: Labelled, newer: Labelled): ChangeLabels {
  const kinds = new Set<ChangeKind>();
  const edits: TextEdits = { inserted: false, deleted: false, numbers: false, quotes: false };
  const headline = [normalizeText(older.headline), normalizeText(newer.headline)] as const;
  if (headline[0] !== headline[1]) {
    kinds.add('headline');
    compareEdited(headline[0], headline[1], edits, false);
  }
  if (normalizeText(older.byline ?? '') !== normalizeText(newer.byline ?? '')) kinds.add('byline');
  const dek = [normalizeText(older.dek ?? ''), normalizeText(newer.dek ?? '')] as const;
  if (dek[0] !== dek[1]) compareEdited(dek[0], dek[1], edits, true);
  compareBodies(older.body, newer.body, edits);

  if (edits.numbers) kinds.add('numbers');
  if (edits.quotes) kinds.add('quotes');
  if (edits.inserted && edits.deleted) kinds.add('rewrite');
  else if (edits.inserted) kinds.add('added-text');
  else if (edits.deleted) kinds.add('removed-text');
  if (kinds.size === 0 && metadataChanged(older, newer)) kinds.add('metadata-only');

  const notes = notesIn([normalizeText(older.dek ?? ''), ...older.body.map((b) => normalizeText(b.text))]);
  const newNote = [...notesIn([dek[1], ...newer.body.map((b) => normalizeText(b.text))])].some((n) => !notes.has(n));
  const disclosed = newNote || modifiedTimeChanged(older.modifiedTime, newer.modifiedTime);
  return { disclosure: disclosed ? 'disclosed' : 'silent', kinds: CHANGE_KINDS.filter((k) => kinds.has(k)) };
}

/** The story blocks the recorder compares: furniture ("Updated 5 minutes ago", "Advertisement") left out. */
function story(body: readonly Block[]): Block[] {
  return body.filter((b) => !isFurniture(normalizeText(b.text)));
}

function compareBodies(older: readonly Block[], newer: readonly Block[], edits: TextEdits): void {
  const a = story(older);
  const b = story(newer);
  const budget = { deadline: performance.now() + BUDGET_MS, coarse: false };
  for (const change of diffBlocks(a, b, budget, normalizeText)) {
    switch (change.type) {
      case 'same':
        break;
      case 'added':
        edits.inserted = true;
        break;
      case 'removed':
        edits.deleted = true;
        break;
      case 'moved':
        // Taken from one place and put in another: deleted there, inserted here, whatever else was edited.
        edits.inserted = edits.deleted = true;
        if (change.segments) compareEdited(normalizeText(a[change.oldIndex]!.text), normalizeText(change.text), edits, true);
        break;
      case 'edited':
        compareEdited(normalizeText(a[change.oldIndex]!.text), normalizeText(b[change.newIndex]!.text), edits, true);
        break;
    }
  }
}

/**
 * One text in two versions (normalised): whether numbers changed, quotations changed, and (for body text) whether
 * words were inserted, deleted or both, once numbers and quotations are set aside: "12 dead" -> "14 dead" is a
 * numbers edit, not a rewrite.
 */
function compareEdited(older: string, newer: string, edits: TextEdits, body: boolean): void {
  const numbers = numberChanges(older, newer).length > 0;
  const quotes = quotesDiffer(older, newer);
  if (numbers) edits.numbers = true;
  if (quotes) edits.quotes = true;
  if (!body) return;
  const a = tokens(quotations(older).masked.replace(NUMBER, '\u0001'));
  const b = tokens(quotations(newer).masked.replace(NUMBER, '\u0001'));
  const onlyInserted = isSubsequence(a, b);
  const onlyDeleted = isSubsequence(b, a);
  if (onlyInserted && onlyDeleted) {
    // The same words around the numbers and quotations. If neither changed either, what did was spacing around
    // punctuation or a number added beside another: text the recorder counts, so it must not go unlabelled.
    if (!numbers && !quotes) edits.inserted = edits.deleted = true;
    return;
  }
  if (!onlyDeleted) edits.inserted = true;
  if (!onlyInserted) edits.deleted = true;
}

const TOKEN = /[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Whether `short` can be made from `long` by deleting tokens only: linear, and needs no diff budget. */
function isSubsequence(short: readonly string[], long: readonly string[]): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

/** The same instant when both parse as dates ("…T10:00:00Z" and "…T11:00:00+01:00"), else the same text. */
function sameTime(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isNaN(x) || Number.isNaN(y) ? a.trim() === b.trim() : x === y;
}

/** A page that now declares a modification time other than before says it was modified; dropping one says nothing. */
function modifiedTimeChanged(older: string | null, newer: string | null): boolean {
  return newer !== null && newer.trim() !== '' && !sameTime(older, newer);
}

const META_FIELDS: readonly (keyof MetaHeadlines)[] = ['title', 'og', 'jsonLd', 'description'];

/** What a page declares for machines: its times, language and headlines (compared only when both versions have them). */
function metadataChanged(older: Labelled, newer: Labelled): boolean {
  if (!sameTime(older.publishedTime, newer.publishedTime) || !sameTime(older.modifiedTime, newer.modifiedTime)) return true;
  if ((older.lang ?? '').trim().toLowerCase() !== (newer.lang ?? '').trim().toLowerCase()) return true;
  const a = older.metaHeadlines;
  const b = newer.metaHeadlines;
  return !!a && !!b && META_FIELDS.some((f) => normalizeText(a[f] ?? '') !== normalizeText(b[f] ?? ''));
}
