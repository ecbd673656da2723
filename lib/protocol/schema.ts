/**
 * One validator for everything that crosses into the background: message shapes with size caps, so a hostile
 * page (or a bug) cannot make the background store garbage or unbounded data. The message types of
 * lib/protocol/messages.ts are inferred from these schemas.
 */
import * as v from 'valibot';
import { CAPS } from '../model/limits';
import type { PageCapture } from '../model/snapshot';

// The caps live with the other limits so the content script can fit its snapshot to them without bundling valibot.

const shortText = v.pipe(v.string(), v.maxLength(CAPS.shortText));
const nullableShort = v.nullable(shortText);
const httpUrl = v.pipe(v.string(), v.maxLength(CAPS.url), v.regex(/^https?:\/\//i, 'must be an http(s) URL'));

export const BlockSchema = v.strictObject({
  kind: v.picklist(['p', 'h', 'li', 'quote', 'pre']),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(CAPS.blockText)),
});

export const ExtractorSchema = v.strictObject({
  name: shortText,
  version: shortText,
  rules: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export const MetaHeadlinesSchema = v.strictObject({
  title: nullableShort,
  og: nullableShort,
  jsonLd: nullableShort,
  description: nullableShort,
});

export const SnapshotSchema = v.pipe(
  v.strictObject({
    url: httpUrl,
    canonicalUrl: v.nullable(v.pipe(v.string(), v.maxLength(CAPS.url))),
    ogUrl: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(CAPS.url)))),
    siteName: nullableShort,
    headline: v.pipe(v.string(), v.minLength(1), v.maxLength(CAPS.shortText)),
    dek: nullableShort,
    byline: nullableShort,
    publishedTime: nullableShort,
    modifiedTime: nullableShort,
    lang: v.nullable(v.pipe(v.string(), v.maxLength(64))),
    metaHeadlines: v.optional(MetaHeadlinesSchema),
    liveBlog: v.boolean(),
    body: v.pipe(v.array(BlockSchema), v.minLength(1), v.maxLength(CAPS.blocks)),
    /** Set when the page was larger than the caps and only its beginning was kept. */
    truncated: v.optional(v.literal(true)),
    extractor: ExtractorSchema,
  }),
  v.check(
    (s) => s.body.reduce((n, b) => n + b.text.length, 0) <= CAPS.bodyChars,
    `body longer than ${CAPS.bodyChars} characters`,
  ),
);

const captureId = v.pipe(v.string(), v.minLength(8), v.maxLength(64));
const uploadId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,64}$/));
/** The most chunks an import of the largest file accepted can take. */
const MAX_CHUNKS = Math.ceil(CAPS.importBytes / CAPS.importChunk);
const articleKey = v.pipe(v.string(), v.minLength(1), v.maxLength(CAPS.key));

export const MessageSchema = v.variant('type', [
  v.strictObject({ type: v.literal('capture'), captureId, snapshot: SnapshotSchema }),
  v.strictObject({ type: v.literal('left-article') }),
  v.strictObject({ type: v.literal('delete-article'), key: articleKey }),
  v.strictObject({ type: v.literal('clear-history') }),
  v.strictObject({ type: v.literal('signing-key') }),
  v.strictObject({ type: v.literal('delete-site'), site: v.pipe(v.string(), v.minLength(1), v.maxLength(CAPS.shortText)) }),
  // An import file arrives in chunks of at most a few MiB (lib/service/import-upload.ts), then is imported whole.
  v.strictObject({
    type: v.literal('import-chunk'),
    upload: uploadId,
    index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_CHUNKS)),
    text: v.pipe(v.string(), v.maxLength(CAPS.importChunk)),
  }),
  v.strictObject({
    type: v.literal('import-history'),
    upload: uploadId,
    chunks: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_CHUNKS + 1)),
  }),
  v.strictObject({ type: v.literal('import-cancel'), upload: uploadId }),
]);

export type ValidMessage = v.InferOutput<typeof MessageSchema>;

/**
 * Extension pages -> the content script of a tab. The content script does not bundle valibot, so it checks this one
 * shape by hand; the schema is here so its type comes from the same place as every other message's.
 */
export const TabMessageSchema = v.strictObject({ type: v.literal('page-status') });

/**
 * True when A and B are the same type: stricter than assignability both ways, which an optional field present on one
 * side only would pass.
 */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
/**
 * Compile-time check: what SnapshotSchema lets through is exactly lib/model/snapshot.ts's Snapshot (the model room
 * cannot import the validator, so the two are written apart and held together here). A field added to or changed in
 * one and not the other fails the type check.
 */
const _snapshotSchemaAgrees: Same<v.InferOutput<typeof SnapshotSchema>, PageCapture> = true;

/** The message, or a one-line description of what is wrong with it. */
export function parseMessage(raw: unknown): { ok: true; message: ValidMessage } | { ok: false; error: string } {
  const result = v.safeParse(MessageSchema, raw);
  if (result.success) return { ok: true, message: result.output };
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return { ok: false, error: `${path ? path + ': ' : ''}${issue.message}` };
}
