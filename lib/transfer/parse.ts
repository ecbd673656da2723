/**
 * Reading an export file back: every check a file must pass before any of it may touch the database, with messages
 * that say what is wrong and where ("articles[3].versions[0].url: must be an http(s) URL"). The merge into the
 * database is in import-merge.ts and only accepts what parseImport returned.
 */
import * as v from 'valibot';
import {
  EXPORT_FORMAT,
  READ_FORMAT_VERSIONS,
  ExportFileSchema,
  MAX_NESTING,
  type ExportFile,
  type ValidatedExport,
} from './format';
import { CAPS } from '../model/limits';
import { checkArticleChain } from './chain-check';
import { isFurniture, normalizeText, type HashedContent } from '../model/normalize';


export type ParseResult = { ok: true; file: ValidatedExport } | { ok: false; error: string };

export interface ParseOptions {
  /** Longest text accepted, in characters; CAPS.importBytes unless a test needs a smaller limit. */
  maxChars?: number;
  /** The time the file is checked against (no time may be more than a day after it); Date.now() when absent. */
  now?: number;
  /**
   * false skips the chain and content-hash checks, for the verifier (lib/evidence/verify.ts), which makes them itself
   * article by article to name exactly what is broken. Never false on the way into the database.
   */
  integrity?: boolean;
}

/** No time in a history predates this: Palimpsest did not exist, and neither did the web pages it reads. */
export const EARLIEST_TIME = Date.UTC(1990, 0, 1);
/** Clocks differ between browsers; anything later than a day after now is a forged or broken date. */
const FUTURE_SLACK_MS = 86_400_000;

/**
 * Parses and fully verifies an export file: size and nesting before JSON.parse, then format and version, then the
 * schema (strict: unknown fields, including "__proto__" and "constructor", are rejected), then consistency between
 * records, and finally each version's sha256 against its recomputed content hash. Never throws for bad input.
 */
export async function parseImport(text: string, options: ParseOptions = {}): Promise<ParseResult> {
  const fail = (error: string): ParseResult => ({ ok: false, error });
  if (typeof text !== 'string') return fail('Not a text file');
  const maxChars = options.maxChars ?? CAPS.importBytes;
  if (text.length > maxChars) {
    return fail(`File too large: ${megabytes(text.length)} (the limit is ${megabytes(maxChars)})`);
  }
  if (text.trim() === '') return fail('The file is empty');
  const deep = nestedTooDeep(text);
  if (deep !== null) {
    return fail(`Not a Palimpsest history file (nested more than ${MAX_NESTING} levels deep at position ${deep})`);
  }
  let data: unknown;
  try {
    // JSON.parse only ever creates own properties: a "__proto__" key becomes a plain field, never a prototype.
    data = JSON.parse(text);
  } catch (error) {
    return fail(`Not a JSON file: ${clip(error instanceof Error ? error.message : String(error), 200)}`);
  }
  const header = checkHeader(data);
  if (header) return fail(header);
  const result = v.safeParse(ExportFileSchema, data, { abortEarly: true });
  if (!result.success) return fail(describeIssue(result.issues[0]));
  const integrity = options.integrity ?? true;
  const problem =
    checkTimes(result.output, options.now ?? Date.now()) ??
    checkConsistency(result.output) ??
    (integrity ? ((await checkChains(result.output)) ?? (await checkHashes(result.output))) : null);
  if (problem) return fail(problem);
  return { ok: true, file: result.output as ValidatedExport };
}

function megabytes(chars: number): string {
  return `${Math.ceil(chars / (1024 * 1024))} MB`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** A short, safe rendering of a value from the file, for messages: never echoes a huge string or a whole object. */
function show(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  return clip(JSON.stringify(value) ?? String(value), 40);
}

/**
 * Position of the first bracket nested deeper than MAX_NESTING, or null. Brackets inside strings do not count;
 * strings are skipped with indexOf, which is fast enough that a file the size of the cap scans in well under a second.
 * Malformed text is left for JSON.parse to describe.
 */
function nestedTooDeep(text: string): number | null {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = i;
      do {
        end = text.indexOf('"', end + 1);
        if (end < 0) return null;
      } while (escaped(text, end));
      i = end;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return null;
}

/** True when the quote at `at` is preceded by an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let slashes = 0;
  while (text.charCodeAt(at - 1 - slashes) === 0x5c) slashes++;
  return slashes % 2 === 1;
}

function checkHeader(data: unknown): string | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return 'Not a Palimpsest history file (it is not a JSON object)';
  }
  const header = data as Record<string, unknown>;
  if (!Object.hasOwn(header, 'format')) return 'Not a Palimpsest history file (format is missing)';
  if (header.format !== EXPORT_FORMAT) {
    return `Not a Palimpsest history file (format is ${show(header.format)}, expected "${EXPORT_FORMAT}")`;
  }
  if (!Object.hasOwn(header, 'formatVersion')) return 'Not a Palimpsest history file (formatVersion is missing)';
  if (!(READ_FORMAT_VERSIONS as readonly unknown[]).includes(header.formatVersion)) {
    return (
      `Unsupported format version ${show(header.formatVersion)} ` +
      `(this version of Palimpsest reads versions ${READ_FORMAT_VERSIONS.join(' and ')})`
    );
  }
  return null;
}

/** "articles[3].versions[0].url"; odd keys (an unexpected "a b") are quoted and clipped. */
function formatPath(path: readonly { key: unknown }[] | undefined): string {
  let out = '';
  for (const { key } of path ?? []) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]{0,39}$/.test(key)) out += `${out ? '.' : ''}${key}`;
    else out += `[${show(key)}]`;
  }
  return out || 'The file';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
  Array: 'a list',
  Object: 'an object',
};

function describeExpected(expected: string | null): string {
  if (expected === null) return 'something else';
  const parts = expected.replace(/^\((.*)\)$/, '$1').split(' | ');
  const named = parts.map((part) => TYPE_NAMES[part] ?? part);
  return parts.every((part) => part.startsWith('"')) ? `one of ${named.join(', ')}` : named.join(' or ');
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const where = formatPath(issue.path);
  if (issue.kind !== 'schema') return `${where}: ${issue.message}`;
  // A strict object's unknown field: the path ends with the offending key.
  if (issue.expected === 'never') return `${where}: unexpected field`;
  // JSON has no undefined, so an undefined input is a required field that is not there, unless what should hold
  // it is a list (valibot's objects accept arrays, which simply lack every field).
  if (issue.input === undefined) {
    const parent = issue.path?.at(-1)?.input;
    if (Array.isArray(parent)) return `${formatPath(issue.path?.slice(0, -1))}: must be an object (found a list)`;
    return `${where} is missing`;
  }
  return `${where}: must be ${describeExpected(issue.expected)} (found ${show(issue.input)})`;
}

/** Every time in the file is between 1990 and a day after `now`, named by its path when it is not. */
function checkTimes(file: ExportFile, now: number): string | null {
  const check = (at: string, time: string): string | null => {
    const ms = Date.parse(time);
    if (ms < EARLIEST_TIME) return `${at}: ${time} is before 1990`;
    if (ms > now + FUTURE_SLACK_MS) return `${at}: ${time} is more than a day in the future`;
    return null;
  };
  for (const [i, article] of file.articles.entries()) {
    const at = `articles[${i}]`;
    const problem =
      check(`${at}.firstSeen`, article.firstSeen) ??
      check(`${at}.lastVisit`, article.lastVisit) ??
      article.versions.reduce<string | null>(
        (found, version, j) =>
          found ?? check(`${at}.versions[${j}].firstSeen`, version.firstSeen) ?? check(`${at}.versions[${j}].lastSeen`, version.lastSeen),
        null,
      ) ??
      article.visits.reduce<string | null>((found, visit, j) => found ?? check(`${at}.visits[${j}].time`, visit.time), null);
    if (problem) return problem;
  }
  return null;
}

/** Rules between records that a schema cannot express. */
function checkConsistency(file: ExportFile): string | null {
  const keys = new Map<string, number>();
  for (const [i, article] of file.articles.entries()) {
    const at = `articles[${i}]`;
    const earlier = keys.get(article.key);
    if (earlier !== undefined) return `${at}.key: the same article as articles[${earlier}] (each key may appear once)`;
    keys.set(article.key, i);
    if (Date.parse(article.firstSeen) > Date.parse(article.lastVisit)) return `${at}.firstSeen is after its lastVisit`;
    // An article is known only through its versions: without one there is nothing to show or compare with.
    if (article.versions.length === 0) return `${at} (${clip(article.key, 80)}): an article must have at least one version`;
    const seqs = new Map<number, number>();
    const hashes = new Map<string, number>();
    for (const [j, version] of article.versions.entries()) {
      const vat = `${at}.versions[${j}]`;
      // Exports list versions by seq; another order means the file was edited or assembled wrongly.
      const previous = article.versions[j - 1];
      if (previous && previous.seq > version.seq) {
        return `${vat}.seq: versions are out of order (${version.seq} comes after ${previous.seq})`;
      }
      const sameSeq = seqs.get(version.seq);
      if (sameSeq !== undefined) return `${vat}.seq: ${version.seq} is also the seq of versions[${sameSeq}]`;
      seqs.set(version.seq, j);
      // Two versions with one content would break "each distinct version is stored once" (the byHash index).
      const sameHash = hashes.get(version.sha256);
      if (sameHash !== undefined) return `${vat}.sha256: the same content as versions[${sameHash}]`;
      hashes.set(version.sha256, j);
      if (Date.parse(version.firstSeen) > Date.parse(version.lastSeen)) return `${vat}.firstSeen is after its lastSeen`;
    }
    for (const [j, visit] of article.visits.entries()) {
      if (!seqs.has(visit.seq)) return `${at}.visits[${j}].seq: this article has no version ${visit.seq}`;
    }
  }
  return null;
}

/**
 * Format 2 carries every article's evidence chain, and a file whose chain is broken was altered after export: it is
 * refused whole, naming the first break. (Signatures and timestamps are the verifier's, lib/evidence/verify.ts.)
 */
async function checkChains(file: ExportFile): Promise<string | null> {
  if (file.formatVersion !== 2) return null;
  for (const [i, article] of file.articles.entries()) {
    const broken = await checkArticleChain(article);
    if (broken) return `articles[${i}] (${clip(article.key, 80)}): ${broken.problem}`;
  }
  return null;
}

/** Hashes in parallel batches: crypto.subtle is async, and one promise per version at once would be wasteful. */
const HASH_BATCH = 256;

/**
 * Normalised forms of texts already seen, so each distinct text is normalised once. Bucketed by length rather than
 * keyed by text: looking a long string up in a Map hashes all of it, while most texts differ from the others of their
 * length at the first characters compared.
 */
const BUCKET_MAX = 64;

export class NormalizedTexts {
  private readonly byLength = new Map<number, { text: string; form: string | null }[]>();

  /** normalizeText(text), or null when the text is page furniture (isFurniture). */
  get(text: string): string | null {
    let bucket = this.byLength.get(text.length);
    if (!bucket) this.byLength.set(text.length, (bucket = []));
    for (const entry of bucket) if (entry.text === text) return entry.form;
    const normalized = normalizeText(text);
    const form = isFurniture(normalized) ? null : normalized;
    // A crafted file with thousands of texts of one length would make the scan quadratic: stop caching there.
    if (bucket.length < BUCKET_MAX) bucket.push({ text, form });
    return form;
  }
}

/**
 * canonicalContent (lib/model/normalize.ts), with each distinct body text normalised once: an article's versions share
 * nearly all their paragraphs, and normalising is most of the cost of checking a large file.
 * tests/unit/export.test.ts checks it against canonicalContent.
 */
export function canonicalContentCached(content: HashedContent, seen: NormalizedTexts): string {
  const body: string[] = [];
  for (const block of content.body) {
    const form = seen.get(block.text);
    if (form !== null) body.push(form);
  }
  return JSON.stringify([
    normalizeText(content.headline),
    normalizeText(content.dek ?? ''),
    normalizeText(content.byline ?? ''),
    body,
  ]);
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The first of an article's versions whose sha256 is not the content hash of its text, or null. */
export async function firstBadContentHash(article: ExportFile['articles'][number]): Promise<number | null> {
  const seen = new NormalizedTexts();
  const hashes = await Promise.all(article.versions.map((version) => sha256(canonicalContentCached(version, seen))));
  const bad = article.versions.find((version, j) => hashes[j] !== version.sha256);
  return bad ? bad.seq : null;
}

/** Evidence integrity: each sha256 must be the content hash (contentHash) of the text next to it. */
async function checkHashes(file: ExportFile): Promise<string | null> {
  const jobs: { i: number; j: number; canonical: string }[] = [];
  for (const [i, article] of file.articles.entries()) {
    // Per article, so the cache stays small: texts are shared between versions, rarely between articles.
    const seen = new NormalizedTexts();
    article.versions.forEach((version, j) => jobs.push({ i, j, canonical: canonicalContentCached(version, seen) }));
    if (jobs.length >= HASH_BATCH || i === file.articles.length - 1) {
      const hashes = await Promise.all(jobs.map((job) => sha256(job.canonical)));
      const bad = jobs.find((job, k) => hashes[k] !== file.articles[job.i]!.versions[job.j]!.sha256);
      if (bad) return `articles[${bad.i}].versions[${bad.j}].sha256 does not match its content`;
      jobs.length = 0;
    }
  }
  return null;
}
