/**
 * Export format v1 ("palimpsest-history"): the one valibot schema every imported file is checked against, and the
 * types the exporter writes. docs/export-format.md describes it for people and docs/export-format.schema.json for
 * other tools; tests/unit/export.test.ts keeps the three in step.
 */
import * as v from 'valibot';
import { MAX_URLS } from '../model/limits';
import { CAPS } from '../model/limits';
import { BlockSchema, ExtractorSchema, MetaHeadlinesSchema } from '../protocol/schema';
import { isHttpUrl } from '../model/url';

export const EXPORT_FORMAT = 'palimpsest-history';
/** The version this Palimpsest writes: 2 adds the evidence chain and signatures (docs/evidence.md). */
export const EXPORT_FORMAT_VERSION = 2;
/** Every version this Palimpsest reads. */
export const READ_FORMAT_VERSIONS = [1, 2] as const;
export const GENERATOR_NAME = 'Palimpsest';
/**
 * Deepest nesting of containers a v1 file has is 7 (file > articles > article > versions > version > body > block).
 * Checked on the raw text before JSON.parse, so a hostile file cannot make the parser build millions of levels.
 */
export const MAX_NESTING = 10;
/** Seqs are small in practice; the cap keeps latestSeq + 1 exact and the arithmetic boring. */
export const MAX_SEQ = 2 ** 31 - 1;

// UTC as Date.prototype.toISOString writes it. Milliseconds are optional; offsets are not accepted, so every time in
// a file reads the same way.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** True when `text` is an ISO time that names a real instant (Date.parse alone accepts 30 February). */
export function isIsoTime(text: string): boolean {
  const ms = Date.parse(text);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 19) === text.slice(0, 19);
}

const isoTime = v.pipe(
  v.string(),
  v.regex(ISO_TIME, 'must be an ISO-8601 UTC time such as 2024-05-14T09:30:00.000Z'),
  v.check(isIsoTime, 'must be a real date and time'),
);
const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`));
const shortText = text(CAPS.shortText);
const nullableShort = v.nullable(shortText);
const httpUrl = v.pipe(
  v.string(),
  v.maxLength(CAPS.url, `must be at most ${CAPS.url} characters`),
  // The same prefix rule as captures (message-schema.ts), plus a real parse: the history page links to these.
  v.regex(/^https?:\/\//i, 'must be an http(s) URL'),
  v.check(isHttpUrl, 'must be an http(s) URL'),
);
const seq = v.pipe(
  v.number(),
  v.integer('must be a whole number'),
  v.minValue(1, 'must be at least 1'),
  v.maxValue(MAX_SEQ, `must be at most ${MAX_SEQ}`),
);

const hex64 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'));
const base64 = (max: number) =>
  v.pipe(
    v.string(),
    v.maxLength(max, `must be at most ${max} characters`),
    v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  );

/** A version's link in its article's evidence chain (lib/model/chain.ts ChainLink). Format 2. */
export const ExportChainSchema = v.strictObject({
  prev: v.nullable(hex64),
  hash: hex64,
  /** Present when the link was made after the capture (a migration or an import), with when. */
  chainedAt: v.optional(isoTime),
});

/** The labels of a version's change from the version before it (lib/diff/labels.ts). Informational: recomputable. */
export const ExportLabelsSchema = v.strictObject({
  disclosure: v.picklist(['disclosed', 'silent']),
  kinds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(32))), v.maxLength(16)),
});

/** A version whose text is not in the file, by retention or damage: its link keeps the chain whole. Format 2. */
export const ExportRemovedSchema = v.strictObject({
  seq: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1), v.maxValue(2 ** 31 - 1)),
  prev: v.nullable(hex64),
  hash: hex64,
  reason: v.picklist(['retention', 'damaged']),
});

/** An RFC 3161 token (base64 DER) and the leaves it stamped (docs/evidence.md). */
export const ExportStampSchema = v.strictObject({
  leaves: v.pipe(v.array(hex64), v.maxLength(100_000)),
  token: base64(65_536),
});

export const ExportSignerSchema = v.strictObject({
  algorithm: v.literal('ECDSA-P256-SHA256'),
  /** The public key, SubjectPublicKeyInfo DER in base64. */
  publicKey: base64(1024),
  /** SHA-256 (hex) of the DER public key. */
  fingerprint: hex64,
});

export const ExportVersionSchema = v.strictObject({
  seq,
  /** contentHash (lib/model/normalize.ts) of headline, dek, byline and body; recomputed on import. */
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits')),
  firstSeen: isoTime,
  lastSeen: isoTime,
  url: httpUrl,
  headline: shortText,
  dek: nullableShort,
  byline: nullableShort,
  publishedTime: nullableShort,
  modifiedTime: nullableShort,
  lang: v.nullable(text(64)),
  metaHeadlines: v.optional(MetaHeadlinesSchema),
  partial: v.boolean(),
  /** Present (true) when the page exceeded the size caps and only its beginning was kept. */
  truncated: v.optional(v.literal(true)),
  extractor: ExtractorSchema,
  body: v.pipe(
    v.array(BlockSchema),
    v.maxLength(CAPS.blocks, `must have at most ${CAPS.blocks} blocks`),
    v.check(
      (blocks) => blocks.reduce((n, b) => n + b.text.length, 0) <= CAPS.bodyChars,
      `must be at most ${CAPS.bodyChars} characters in total`,
    ),
  ),
  /** Format 2: the version's link in the evidence chain. */
  chain: v.optional(ExportChainSchema),
  /** Format 2: how this version changed from the one before it. */
  labels: v.optional(ExportLabelsSchema),
});

export const ExportVisitSchema = v.strictObject({
  time: isoTime,
  seq,
  partial: v.boolean(),
});

export const ExportArticleSchema = v.strictObject({
  key: v.pipe(
    v.string(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(CAPS.key, `must be at most ${CAPS.key} characters`),
  ),
  urls: v.pipe(v.array(httpUrl), v.maxLength(MAX_URLS, `must have at most ${MAX_URLS} URLs`)),
  siteName: nullableShort,
  headline: shortText,
  liveBlog: v.boolean(),
  firstSeen: isoTime,
  lastVisit: isoTime,
  versions: v.array(ExportVersionSchema),
  visits: v.array(ExportVisitSchema),
  /** Format 2: versions whose text is not in the file, as links. */
  removed: v.optional(v.array(ExportRemovedSchema)),
  /** Format 2: the chain hash of the last version (or removed link) in seq order. */
  head: v.optional(hex64),
  /** Format 2: the signer's signature (base64, IEEE P1363 r||s) over the article statement (docs/evidence.md). */
  signature: v.optional(base64(200)),
  /** Format 2, optional: trusted timestamps of one of this article's chain hashes. */
  stamps: v.optional(v.array(ExportStampSchema)),
});

/** A record the exporting browser could not include (lib/model/outcome.ts DamagedRecord). */
export const DamagedRecordSchema = v.strictObject({
  key: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(CAPS.key)),
  seq: v.nullable(seq),
  problem: shortText,
});

export const ExportFileSchema = v.strictObject({
  format: v.literal(EXPORT_FORMAT),
  formatVersion: v.picklist(READ_FORMAT_VERSIONS),
  exportedAt: isoTime,
  generator: v.strictObject({
    name: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(CAPS.shortText)),
    version: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(CAPS.shortText)),
  }),
  articles: v.array(ExportArticleSchema),
  /** Present only when the export had to leave damaged records out. */
  damaged: v.optional(v.array(DamagedRecordSchema)),
  /** Format 2: who signed the file. */
  signer: v.optional(ExportSignerSchema),
  /** Format 2: the signature (base64, IEEE P1363) over the file statement (docs/evidence.md). */
  signature: v.optional(base64(200)),
  /** Format 2, optional: trusted timestamps of the file statement. */
  timestamps: v.optional(v.pipe(v.array(v.strictObject({ token: base64(65_536) })), v.maxLength(16))),
});

export type ExportFile = v.InferOutput<typeof ExportFileSchema>;
export type ExportArticle = ExportFile['articles'][number];
export type ExportVersion = ExportArticle['versions'][number];
export type ExportVisit = ExportArticle['visits'][number];
export type ExportRemoved = NonNullable<ExportArticle['removed']>[number];
export type ExportSigner = NonNullable<ExportFile['signer']>;
export type ExportStamp = NonNullable<ExportArticle['stamps']>[number];

declare const validated: unique symbol;
/**
 * A file that parseImport has checked completely, hashes included. importHistory only takes this type, so nothing
 * can reach the database without having been verified (the hash check is async and must happen before the write
 * transaction opens).
 */
export type ValidatedExport = ExportFile & { readonly [validated]: true };
