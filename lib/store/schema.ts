/**
 * The IndexedDB schema that holds every distinct version of the articles a reader opened: the record types and the
 * stores. The migrations that build it are in migrations.ts beside it (DB_VERSION is their number), and open.ts
 * opens the database applying the missing ones in order.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { ChangeLabels } from '../diff/types';
import type { OutcomeKind, RecordOutcome } from '../model/outcome';
import type { Block, Extractor, MetaHeadlines } from '../model/snapshot';
import type { DeltaOp } from './delta';
import type { ChainLink, PrunedLink } from '../model/chain';

export const DB_NAME = 'palimpsest';

/** The version the reader last saw in full: what the next capture is compared against. */
export interface Baseline {
  seq: number;
  /** Time of the last non-partial visit, i.e. the visit that showed `seq`. */
  visit: number;
  /** Time of the first visit of the current run of visits that showed `seq` ("unchanged since"). */
  since: number;
}

export interface ArticleRecord {
  key: string;
  /** Distinct visited URLs, most recent last, capped at 20 (MAX_URLS in lib/model/limits.ts). */
  urls: string[];
  siteName: string | null;
  /** Headline of the latest complete version. */
  headline: string;
  liveBlog: boolean;
  firstSeen: number;
  lastVisit: number;
  /** Highest seq allocated; new versions take latestSeq + 1 (partial versions included, so seqs never collide). */
  latestSeq: number;
  versionCount: number;
  /**
   * Seq of the version shown on the previous non-partial visit. Kept here rather than found by walking visits so it
   * survives retention pruning and costs one read.
   */
  baseline: Baseline;
  /** Whether the last visit saw a change (and what kind), for the toolbar badge. */
  lastOutcome: OutcomeKind;
  /**
   * The evidence chain's links of versions retention removed (lib/model/chain.ts), in seq order: their text is gone,
   * but the chain still joins across them and an export says they were pruned. Absent when none was.
   */
  pruned?: PrunedLink[];
  /**
   * The labels of the latest change a visit saw (lib/diff/labels.ts), so the list can show and filter them without
   * reading versions. Absent until a visit in this browser sees a change (imported articles have none).
   */
  lastChange?: ChangeLabels;
}

export interface VersionRecord {
  key: string;
  /** 1, 2, 3… in order of first capture. */
  seq: number;
  /** contentHash of headline/dek/byline/body: the version's identity. */
  hash: string;
  firstSeen: number;
  lastSeen: number;
  /** URL of the capture that created this version. */
  url: string;
  headline: string;
  dek: string | null;
  byline: string | null;
  publishedTime: string | null;
  modifiedTime: string | null;
  lang: string | null;
  /** The headlines declared for machines when this version was first captured (lib/model/snapshot.ts). */
  metaHeadlines?: MetaHeadlines;
  body: Block[];
  extractor: Extractor;
  /** An incomplete capture (teaser, paywall, page still loading): never shown as an edit. */
  partial: boolean;
  captureCount: number;
  /** The page was larger than the caps (lib/model/limits.ts): only its beginning was kept. */
  truncated?: true;
  /** The version's link in its article's evidence chain (lib/model/chain.ts). */
  chain: ChainLink;
  /**
   * How the version changed from the one the reader saw before it (lib/diff/labels.ts), when a visit recorded it as a
   * change; absent for first versions, teasers, and versions recorded before labels existed.
   */
  labels?: ChangeLabels;
}

/**
 * A version as the versions store holds it (schema version 4, lib/store/texts.ts): its own facts, and refs into the
 * article's texts for everything else. Read helpers resolve it back into a VersionRecord.
 */
export interface StoredVersion {
  key: string;
  seq: number;
  hash: string;
  firstSeen: number;
  lastSeen: number;
  partial: boolean;
  captureCount: number;
  /** Refs of the version's metadata record, headline, dek and byline. */
  fields: [meta: string, headline: string, dek: string | null, byline: string | null];
  /** Body blocks as space-separated refs, each prefixed with its kind's letter unless a paragraph: "0 1 H2 3". */
  body: string;
  /** The version's link in its article's evidence chain (lib/model/chain.ts). */
  chain: ChainLink;
  labels?: ChangeLabels;
}

/** The per-capture facts of a version that are neither its identity nor its text. */
export type VersionMeta = Pick<
  VersionRecord,
  'url' | 'publishedTime' | 'modifiedTime' | 'lang' | 'metaHeadlines' | 'extractor' | 'truncated'
>;

/**
 * One of an article's texts: a text stored whole, a text stored as a delta against another of the article's texts
 * (lib/store/delta.ts), or a version's metadata.
 */
export type TextRecord = { text: string } | { base: string; ops: DeltaOp[] } | { meta: VersionMeta };

/**
 * A record of the texts store, keyed [articleKey, ref]: the texts with consecutive refs from `ref` on, as written
 * together (one chunk per recorded version or imported article). null marks a text pruning removed.
 */
export type TextChunk = (TextRecord | null)[];

export interface VisitRecord {
  id?: number;
  key: string;
  time: number;
  /** The version this visit saw. */
  seq: number;
  /** Unique per capture, so a retried write is recognised and not recorded twice. */
  captureId: string;
  partial: boolean;
  /** What recordSnapshot answered for this visit, so a retry can answer the same. */
  outcome: RecordOutcome;
}

/** Captures dropped because their article had gained too many versions in the last hour (FLOOD, lib/model/limits.ts). */
export interface DroppedTally {
  count: number;
  /** Time of the latest dropped capture, and its article. */
  last: number;
  lastKey: string;
}

/**
 * The installation's signing key (lib/store/keys.ts): made on first run, the private half non-extractable, so it can
 * sign exports in this profile but can never be read out of it.
 */
export interface SigningKeyRecord {
  privateKey: CryptoKey;
  /** The public key, SubjectPublicKeyInfo DER in base64. */
  publicKey: string;
  /** SHA-256 (hex) of the DER public key: what a reader publishes so others can check their files. */
  fingerprint: string;
  createdAt: number;
}

/**
 * One RFC 3161 trusted timestamp (lib/store/stamps.ts): the token a timestamping service returned for the digest of
 * `leaves` (lib/model/stamp.ts stampDigest), each leaf one article's chain head at the time.
 */
export interface StampRecord {
  id?: number;
  /** When the token was received, epoch milliseconds (the token's own genTime is the time it proves). */
  time: number;
  tsaUrl: string;
  /** Sorted, each once. */
  leaves: string[];
  /** The DER TimeStampToken (ContentInfo), base64. */
  token: string;
}

/**
 * Where stamping while capturing stands (lib/service/timestamps.ts), kept in the database because the background's
 * worker forgets everything when it sleeps.
 */
export interface StampingState {
  /** When a stamp was last asked for (successful or not): at most one request an hour. */
  attemptedAt: number;
  /** Articles whose chain head changed since their last stamp; their current heads go into the next one. */
  pending: string[];
  /** When the last token was stored. */
  stampedAt?: number;
  /** Why the last request failed, until one succeeds. */
  error?: { time: number; message: string };
}

/** The meta store's records: small facts about the history as a whole, by name. */
export interface MetaRecords {
  signingKey: SigningKeyRecord;
  /** When retention last pruned (lib/service/retention.ts): kept here, as the background's memory is not. */
  prunedAt: number;
  dropped: DroppedTally;
  stamping: StampingState;
}
export type MetaName = keyof MetaRecords;

export interface PalimpsestSchema extends DBSchema {
  articles: {
    key: string;
    value: ArticleRecord;
    indexes: { lastVisit: number; siteName: string };
  };
  versions: {
    key: [string, number];
    value: StoredVersion;
    indexes: { byHash: [string, string] };
  };
  texts: {
    key: [string, string];
    value: TextChunk;
  };
  /** One string per article: the search index of lib/store/search.ts. */
  search: {
    key: string;
    value: string;
  };
  visits: {
    key: number;
    value: VisitRecord;
    indexes: { byKey: [string, number]; byCapture: string };
  };
  /** Small named records (MetaRecords), read and written through lib/store/meta.ts. */
  meta: {
    key: MetaName;
    value: MetaRecords[MetaName];
  };
  /** Trusted timestamps, oldest first (lib/store/stamps.ts). */
  stamps: {
    key: number;
    value: StampRecord;
  };
}

export type PalimpsestDB = IDBPDatabase<PalimpsestSchema>;
export type UpgradeTransaction = IDBPTransaction<
  PalimpsestSchema,
  StoreNames<PalimpsestSchema>[],
  'versionchange'
>;
