/**
 * Exporting the history as a self-contained, human-readable JSON file (format v1, docs/export-format.md) that a
 * reader can keep, move to another browser, or hand to someone as evidence of how an article was edited.
 */
import type { ArticleRecord, PalimpsestDB, StoredVersion, VersionRecord, VisitRecord } from '../store/schema';
import type { DamagedRecord } from '../model/outcome';
import { contentHash } from '../model/normalize';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  GENERATOR_NAME,
  type ExportArticle,
  type ExportFile,
  type ExportRemoved,
  type ExportSigner,
  type ExportVersion,
} from './format';
import type { ExportStamp } from './format';
import { ofArticle, STORES } from '../store/transaction';
import { readTexts, resolveVersion, type TextIndex } from '../store/texts';
import { stripTracking } from '../model/url';
import { chainHead } from '../model/chain';

export interface ExportOptions {
  /** Only these articles (unknown keys are skipped); all articles when absent. */
  keys?: readonly string[];
  /** Time written as exportedAt; Date.now() when absent. */
  now?: number;
  /** The extension's version, written as generator.version. */
  version?: string;
  /** Called after each batch with the number of requested articles handled so far. */
  onProgress?: (done: number, total: number) => void;
  /** Signs the file and each article (lib/evidence/sign.ts); an unsigned file when absent (tests of the format). */
  signing?: ExportSigning;
}

/**
 * What signing an export takes: the evidence room provides it, so this room writes the file without knowing keys.
 * Each article is signed as it is written; the file's own signature, over every article's head, comes last.
 */
export interface ExportSigning {
  signer: ExportSigner;
  signArticle(article: ExportArticle): Promise<string>;
  /** Trusted timestamps already held for the article's chain hashes (docs/evidence.md). */
  stampsOf?(article: ExportArticle): ExportStamp[];
  signFile(header: ExportHeader, heads: readonly (readonly [string, string])[]): Promise<FileSeal>;
}

/** The end of a signed file: its signature and any trusted timestamps of it. */
export interface FileSeal {
  signature: string;
  timestamps?: { token: string }[];
}

export type ExportHeader = Pick<ExportFile, 'format' | 'formatVersion' | 'exportedAt' | 'generator' | 'signer'>;

/**
 * Articles read per transaction. One read-only transaction per batch rather than one for everything, so a long export
 * never holds up a capture for more than a moment. Each article is read whole inside one transaction, so it is always
 * consistent with itself; a capture landing between batches simply shows up (or not) in its own article.
 */
const BATCH = 100;


/** Times are stored as epoch milliseconds and written as ISO-8601 UTC so a person can read them in the file. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The requested articles as export records, a batch at a time (each batch read in its own transaction), with the
 * damaged records found on the way pushed to `damaged`. Nothing but one batch is held: what the caller does with a
 * batch (keep it, or turn it into text) decides how much memory an export takes.
 */
async function* exportBatches(
  db: PalimpsestDB,
  options: ExportOptions,
  damaged: DamagedRecord[],
): AsyncGenerator<ExportArticle[]> {
  const keys = options.keys ? [...new Set(options.keys)] : await db.getAllKeys('articles');
  for (let start = 0; start < keys.length; start += BATCH) {
    const batch = keys.slice(start, start + BATCH);
    const tx = db.transaction(STORES, 'readonly');
    const read = await Promise.all(
      batch.map((key) =>
        Promise.all([
          tx.objectStore('articles').get(key),
          tx.objectStore('versions').getAll(ofArticle(key)),
          tx.objectStore('visits').index('byKey').getAll(ofArticle(key)),
          readTexts(tx.objectStore('texts'), key),
        ]),
      ),
    );
    await tx.done;
    const articles: ExportArticle[] = [];
    for (const [article, stored, visits, texts] of read) {
      if (!article) continue;
      const { versions, removed } = await readableVersions(article.key, stored, texts, damaged);
      if (versions.length === 0) {
        damaged.push({ key: article.key, seq: null, problem: 'no readable version' });
        continue;
      }
      const exported = toExportArticle(article, versions, visits, removed);
      if (options.signing) await seal(exported, options.signing);
      articles.push(exported);
    }
    yield articles;
    options.onProgress?.(Math.min(start + BATCH, keys.length), keys.length);
  }
}

/** An article's signature and stamps, added once its record is complete (the signature covers its head). */
async function seal(article: ExportArticle, signing: ExportSigning): Promise<void> {
  const stamps = signing.stampsOf?.(article) ?? [];
  article.signature = await signing.signArticle(article);
  if (stamps.length > 0) article.stamps = stamps;
}

function header(options: ExportOptions): ExportHeader {
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: isoTime(options.now ?? Date.now()),
    generator: { name: GENERATOR_NAME, version: options.version ?? 'unknown' },
    ...(options.signing ? { signer: options.signing.signer } : {}),
  };
}

const headOf = (article: ExportArticle): [string, string] => [article.key, article.head ?? ''];

/** The whole file as one object; for tests and small histories (the pages stream with exportText). */
export async function exportHistory(db: PalimpsestDB, options: ExportOptions = {}): Promise<ExportFile> {
  const articles: ExportArticle[] = [];
  const damaged: DamagedRecord[] = [];
  for await (const batch of exportBatches(db, options, damaged)) articles.push(...batch);
  const top = header(options);
  const sealed = options.signing ? await options.signing.signFile(top, articles.map(headOf)) : undefined;
  return {
    ...top,
    articles,
    ...(damaged.length > 0 ? { damaged } : {}),
    ...(sealed ? { signature: sealed.signature } : {}),
    ...(sealed?.timestamps?.length ? { timestamps: sealed.timestamps } : {}),
  };
}

/**
 * The file's text in pieces, in order, one piece per batch of articles: joined, exactly serializeExport of
 * exportHistory's file. A history of any size is never one string (V8 cannot make one over about 512 MB): the pieces
 * go into a Blob as they come. The damaged records are pushed to `damaged` as found and written at the end.
 */
export async function* exportText(
  db: PalimpsestDB,
  options: ExportOptions = {},
  damaged: DamagedRecord[] = [],
): AsyncGenerator<string> {
  // The header as serializeExport writes the whole file, cut where the articles begin.
  const top = header(options);
  const head = serializeExport({ ...top, articles: [] }).replace(/\[\]\n\}\n$/, '[');
  let first = true;
  let pending = head;
  // Only each article's key and head are kept for the file's signature: 100 bytes an article.
  const heads: [string, string][] = [];
  for await (const batch of exportBatches(db, options, damaged)) {
    const out: string[] = [pending];
    pending = '';
    for (const article of batch) {
      out.push(first ? '\n    ' : ',\n    ');
      write(article, '    ', out);
      heads.push(headOf(article));
      first = false;
    }
    yield out.join('');
  }
  const tail: string[] = [pending, first ? ']' : '\n  ]'];
  if (damaged.length > 0) {
    tail.push(',\n  "damaged": ');
    write(damaged, '  ', tail);
  }
  const sealed = options.signing ? await options.signing.signFile(top, heads) : undefined;
  if (sealed) {
    tail.push(',\n  "signature": ', JSON.stringify(sealed.signature));
    if (sealed.timestamps?.length) {
      tail.push(',\n  "timestamps": ');
      write(sealed.timestamps, '  ', tail);
    }
  }
  tail.push('\n}\n');
  yield tail.join('');
}

/**
 * The versions of one article that can be exported: each resolved on its own, so one whose text cannot be read, or
 * whose content no longer matches its hash (the import check would refuse the whole file), is named in `damaged` and
 * left out instead of stopping the export.
 */
async function readableVersions(
  key: string,
  stored: readonly StoredVersion[],
  texts: TextIndex,
  damaged: DamagedRecord[],
): Promise<{ versions: VersionRecord[]; removed: ExportRemoved[] }> {
  const versions: VersionRecord[] = [];
  // A damaged version's text is left out, but its link stays: the chain still joins, and says a version is missing.
  const removed: ExportRemoved[] = [];
  const drop = (version: StoredVersion, problem: string) => {
    damaged.push({ key, seq: version.seq, problem });
    removed.push({ seq: version.seq, prev: version.chain.prev, hash: version.chain.hash, reason: 'damaged' });
  };
  for (const version of stored) {
    let resolved: VersionRecord;
    try {
      resolved = resolveVersion(version, texts);
    } catch (error) {
      drop(version, `text cannot be read (${clip(String(error))})`);
      continue;
    }
    if ((await contentHash(resolved)) !== version.hash) {
      drop(version, 'content does not match its hash');
      continue;
    }
    versions.push(resolved);
  }
  return { versions, removed };
}

function clip(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 200)}…`;
}

// Fields are copied one by one rather than spread, so nothing stored for internal use (captureCount, baseline,
// captureId…) leaks into a file whose shape is a published format.
function toExportArticle(
  article: ArticleRecord,
  versions: VersionRecord[],
  visits: VisitRecord[],
  damagedLinks: ExportRemoved[],
): ExportArticle {
  const seqs = new Set(versions.map((version) => version.seq));
  const removed: ExportRemoved[] = [
    ...(article.pruned ?? []).map((link) => ({ seq: link.seq, prev: link.prev, hash: link.hash, reason: 'retention' as const })),
    ...damagedLinks,
  ].sort((a, b) => a.seq - b.seq);
  const head = chainHead([...versions.map((version) => ({ seq: version.seq, hash: version.chain.hash })), ...removed]);
  return {
    key: article.key,
    // Stored URLs are already without tracking parameters (migration 7, the capture service); stripped again so no
    // file ever carries one, whatever the database holds.
    urls: [...new Set(article.urls.map(stripTracking))],
    siteName: article.siteName,
    headline: article.headline,
    liveBlog: article.liveBlog,
    firstSeen: isoTime(article.firstSeen),
    lastVisit: isoTime(article.lastVisit),
    versions: versions.map(toExportVersion),
    // Retention keeps every visit's version (history-read.ts, pruneBefore); a visit whose version is gone anyway
    // has no content to show and would make the file fail its own import check, so it is left out.
    visits: visits
      .filter((visit) => seqs.has(visit.seq))
      .map((visit) => ({ time: isoTime(visit.time), seq: visit.seq, partial: visit.partial })),
    ...(removed.length > 0 ? { removed } : {}),
    ...(head ? { head } : {}),
  };
}

function toExportVersion(version: VersionRecord): ExportVersion {
  return {
    seq: version.seq,
    sha256: version.hash,
    firstSeen: isoTime(version.firstSeen),
    lastSeen: isoTime(version.lastSeen),
    // As stored: captures strip tracking parameters before storing (and migration 7 stripped older ones), and the
    // evidence chain covers the URL exactly as stored, so stripping it again under newer rules would break it.
    url: version.url,
    headline: version.headline,
    dek: version.dek,
    byline: version.byline,
    publishedTime: version.publishedTime,
    modifiedTime: version.modifiedTime,
    lang: version.lang,
    ...(version.metaHeadlines ? { metaHeadlines: version.metaHeadlines } : {}),
    partial: version.partial,
    ...(version.truncated ? { truncated: true as const } : {}),
    extractor: { name: version.extractor.name, version: version.extractor.version, rules: version.extractor.rules },
    body: version.body.map((block) => ({ kind: block.kind, text: block.text })),
    chain: {
      prev: version.chain.prev,
      hash: version.chain.hash,
      ...(version.chain.chainedAt === undefined ? {} : { chainedAt: isoTime(version.chain.chainedAt) }),
    },
  };
}

/** 'palimpsest-history-YYYY-MM-DD.json', in the reader's local calendar (the day they made the export). */
export function exportFileName(date: Date | number = Date.now()): string {
  const d = new Date(date);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `palimpsest-history-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}

/**
 * The file's text: indented by two spaces, except that objects holding only plain values (a body block, a visit,
 * the extractor) stay on one line. A reader scrolling the file sees one line per paragraph and per visit instead of
 * four, and the file stays close to compact JSON in size. Always ends with a newline.
 */
export function serializeExport(file: ExportFile): string {
  const out: string[] = [];
  write(file, '', out);
  out.push('\n');
  return out.join('');
}

function isFlat(value: object): boolean {
  return Object.values(value).every((item) => item === null || typeof item !== 'object');
}

function write(value: unknown, indent: string, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    out.push(JSON.stringify(value));
  } else if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    const inner = `${indent}  `;
    out.push('[');
    value.forEach((item: unknown, i) => {
      out.push(i === 0 ? `\n${inner}` : `,\n${inner}`);
      write(item, inner, out);
    });
    out.push(`\n${indent}]`);
  } else if (isFlat(value)) {
    const entries = Object.entries(value).map(([k, item]) => `${JSON.stringify(k)}: ${JSON.stringify(item)}`);
    out.push(entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`);
  } else {
    const inner = `${indent}  `;
    out.push('{');
    Object.entries(value).forEach(([k, item], i) => {
      out.push(`${i === 0 ? '' : ','}\n${inner}${JSON.stringify(k)}: `);
      write(item, inner, out);
    });
    out.push(`\n${indent}}`);
  }
}
