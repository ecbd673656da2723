/**
 * Export and import of the history (format v1): an export of recorded history reads back and round-trips exactly,
 * importing is idempotent and merges without duplicates, a bad file changes nothing, error messages name the
 * problem, and the hand-written JSON Schema in docs/ agrees with the valibot schema the importer uses.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { stripTracking } from '../../lib/model/url';
import { openHistoryDb } from '../../lib/store/open';
import { type PalimpsestDB } from '../../lib/store/schema';
import { exportFileName, exportHistory, exportText, serializeExport } from '../../lib/transfer/export';
import { ExportFileSchema, type ExportFile } from '../../lib/transfer/format';
import { clearAll } from '../../lib/store/prune';
import { countRecords, getArticle, getVersions, getVisits } from '../../lib/store/read';
import { recordSnapshot } from '../../lib/store/record';
import { STORES } from '../../lib/store/transaction';
import { canonicalContentCached, NormalizedTexts, parseImport } from '../../lib/transfer/parse';
import { importHistory } from '../../lib/transfer/merge';
import { canonicalContent, contentHash } from '../../lib/model/normalize';
import type { Snapshot } from '../../lib/model/snapshot';
import {
  ARTICLE_KEY,
  editParagraph,
  LIVE_ENTRIES,
  makeLiveSnapshot,
  makeSnapshot,
  PARAGRAPHS,
  paragraphs,
} from './helpers/snapshots';

const NOW = Date.UTC(2024, 5, 1, 12);
const T0 = Date.UTC(2024, 4, 14, 9, 30);
const MINUTE = 60_000;

const A = makeSnapshot();
const B = makeSnapshot({ body: editParagraph(3, (text) => text.replace('angrily', 'cautiously')) });
const C = makeSnapshot({ body: editParagraph(1, (text) => text.replace('14 of', '15 of')), url: ARTICLE_KEY });
const TEASER = makeSnapshot({ body: paragraphs(PARAGRAPHS.slice(0, 2)) });
const RETITLED = makeSnapshot({ ...B, headline: 'Harbour Bridge to close for a month', url: `${ARTICLE_KEY}?amp=1` });
const LIVE = makeLiveSnapshot();
const LIVE_MORE = makeLiveSnapshot(['23:55 The opposition leader has conceded her own seat.', ...LIVE_ENTRIES]);
const OTHER = makeSnapshot({ key: 'https://other.example/story', url: 'https://other.example/story', siteName: null });
const POOL: Snapshot[] = [A, B, C, TEASER, RETITLED, LIVE, LIVE_MORE, OTHER];

let db: PalimpsestDB;
let runs = 0;
beforeEach(async () => {
  db = await openHistoryDb('export-test', new IDBFactory());
});
afterEach(() => db.close());

async function record(target: PalimpsestDB, snapshots: readonly Snapshot[], from = 0): Promise<void> {
  for (const [i, snapshot] of snapshots.entries()) {
    await recordSnapshot(target, snapshot, { now: T0 + (from + i) * MINUTE, captureId: `capture-${++runs}` });
  }
}

async function dumpStores(target: PalimpsestDB) {
  const tx = target.transaction(STORES, 'readonly');
  const [articles, versions, visits] = await Promise.all([
    tx.objectStore('articles').getAll(),
    tx.objectStore('versions').getAll(),
    tx.objectStore('visits').getAll(),
  ]);
  await tx.done;
  return { articles, versions, visits };
}

/** Every record of every store, as one string: "unchanged" means byte for byte. */
async function dump(target: PalimpsestDB): Promise<string> {
  return JSON.stringify(await dumpStores(target));
}

async function parsed(file: ExportFile) {
  const result = await parseImport(serializeExport(file));
  if (!result.ok) throw new Error(`valid export rejected: ${result.error}`);
  return result.file;
}

const exportAll = (target: PalimpsestDB) => exportHistory(target, { now: NOW, version: '0.1.0' });

describe('exportHistory', () => {
  test('an export of recorded history is readable, complete and reads back', async () => {
    await record(db, [A, B, TEASER, A, LIVE, LIVE_MORE, OTHER]);
    const file = await exportAll(db);
    expect(file).toMatchObject({
      format: 'palimpsest-history',
      formatVersion: 2,
      exportedAt: '2024-06-01T12:00:00.000Z',
      generator: { name: 'Palimpsest', version: '0.1.0' },
    });
    const article = file.articles.find((a) => a.key === ARTICLE_KEY)!;
    expect(article).toMatchObject({ urls: [stripTracking(A.url)], headline: B.headline, firstSeen: '2024-05-14T09:30:00.000Z' });
    expect(article.versions.map((v) => [v.seq, v.partial])).toEqual([[1, false], [2, false], [3, true]]);
    expect(article.versions[0]).toMatchObject({ sha256: await contentHash(A), body: A.body, extractor: A.extractor });
    expect(article.visits).toEqual([
      { time: '2024-05-14T09:30:00.000Z', seq: 1, partial: false },
      { time: '2024-05-14T09:31:00.000Z', seq: 2, partial: false },
      { time: '2024-05-14T09:32:00.000Z', seq: 3, partial: true },
      { time: '2024-05-14T09:33:00.000Z', seq: 1, partial: false },
    ]);
    const text = serializeExport(file);
    expect(JSON.parse(text)).toEqual(file);
    // Compact but readable: one line per paragraph and per visit.
    expect(text).toContain(`{ "kind": "p", "text": ${JSON.stringify(PARAGRAPHS[0])} }`);
    expect(text).toContain('{ "time": "2024-05-14T09:30:00.000Z", "seq": 1, "partial": false }');
    expect(text.endsWith('}\n')).toBe(true);
    const back = await parseImport(text);
    expect(back).toEqual({ ok: true, file });
  });

  test('keys limits the export to those articles; progress is reported', async () => {
    await record(db, [A, OTHER, LIVE]);
    const progress: [number, number][] = [];
    const onProgress = (done: number, total: number) => progress.push([done, total]);
    const file = await exportHistory(db, { keys: [OTHER.key, 'https://nowhere.example/x', OTHER.key], onProgress });
    expect(file.articles.map((a) => a.key)).toEqual([OTHER.key]);
    expect(progress.at(-1)).toEqual([2, 2]);
    const everything = (await exportHistory(db)).articles.map((a) => a.key);
    expect(everything.sort()).toEqual([ARTICLE_KEY, LIVE.key, OTHER.key].sort());
  });

  test('exportText writes the same bytes as the whole file, in one piece per batch of articles (issue 17)', async () => {
    const text = async (options = {}) => {
      const pieces: string[] = [];
      for await (const piece of exportText(db, { now: NOW, version: '0.1.0', ...options })) pieces.push(piece);
      return pieces;
    };
    // Empty history: the header and the end.
    expect((await text()).join('')).toBe(serializeExport(await exportAll(db)));
    // 250 articles: three batches of at most 100, then the end.
    const many = Array.from({ length: 250 }, (_, i) =>
      makeSnapshot({ key: `https://many.example/${i}`, url: `https://many.example/${i}`, canonicalUrl: null }),
    );
    await record(db, [A, B, ...many]);
    const pieces = await text();
    expect(pieces.length).toBe(4);
    expect(pieces.join('')).toBe(serializeExport(await exportAll(db)));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(pieces.join('').length / 2);
    const one = await text({ keys: [ARTICLE_KEY] });
    expect(one.join('')).toBe(serializeExport(await exportHistory(db, { now: NOW, version: '0.1.0', keys: [ARTICLE_KEY] })));
  });

  test('exportFileName uses the local calendar date', () => {
    expect(exportFileName(new Date(2024, 4, 14, 23, 59))).toBe('palimpsest-history-2024-05-14.json');
    expect(exportFileName(new Date(2025, 0, 2, 0, 1).getTime())).toBe('palimpsest-history-2025-01-02.json');
  });
});

describe('importHistory', () => {
  test('versions new to a known article are renumbered after it, and its visits follow them', async () => {
    await record(db, [A, B, OTHER]);
    const source = await openHistoryDb('source', new IDBFactory());
    await record(source, [A, C, RETITLED], 10);
    const file = await parsed(await exportAll(source));
    source.close();

    const result = await importHistory(db, file);
    expect(result).toEqual({
      articles: 1,
      versions: 3,
      visits: 3,
      added: { articles: 0, versions: 2, visits: 3 },
      skipped: [],
    });
    const hashes = await Promise.all([A, B, C, RETITLED].map((s) => contentHash(s)));
    expect((await getVersions(db, ARTICLE_KEY)).map((v) => [v.seq, v.hash])).toEqual([
      [1, hashes[0]],
      [2, hashes[1]],
      [3, hashes[2]],
      [4, hashes[3]],
    ]);
    expect((await getVisits(db, ARTICLE_KEY)).map((v) => v.seq)).toEqual([1, 2, 1, 3, 4]);
    expect(await getArticle(db, ARTICLE_KEY)).toMatchObject({
      // A's URL is C's without its utm_source, which is not stored.
      urls: [C.url, RETITLED.url],
      headline: RETITLED.headline,
      firstSeen: T0,
      lastVisit: T0 + 12 * MINUTE,
      latestSeq: 4,
      versionCount: 4,
      // The reader's own baseline is kept: what they last saw in this browser.
      baseline: { seq: 2, visit: T0 + MINUTE },
    });
    // Version 1 was seen in both histories: one record spanning both.
    expect((await getVersions(db, ARTICLE_KEY))[0]).toMatchObject({ firstSeen: T0, lastSeen: T0 + 10 * MINUTE });
  });

  test('a failure part-way through rolls the whole import back', async () => {
    await record(db, [A]);
    const source = await openHistoryDb('source', new IDBFactory());
    await record(source, [B, OTHER, LIVE], 5);
    const file = await parsed(await exportAll(source));
    source.close();
    const before = await dump(db);
    const failing = importHistory(db, file, {
      onProgress: (done) => {
        if (done === 2) throw new Error('interrupted');
      },
    });
    await expect(failing).rejects.toThrow('interrupted');
    expect(await dump(db)).toBe(before);
  });

  test('a file with one bad field is rejected, naming the field, and the database is unchanged', async () => {
    await record(db, [A, B, OTHER]);
    const file = await exportAll(db);
    const before = await dump(db);
    const bad = structuredClone(file);
    // articles[0] is OTHER (keys sort), articles[1] the harbour bridge story with two versions.
    bad.articles[1]!.versions[1]!.url = 'javascript:alert(1)';
    expect(await parseImport(serializeExport(bad))).toEqual({
      ok: false,
      error: 'articles[1].versions[1].url: must be an http(s) URL',
    });
    const tampered = structuredClone(file);
    tampered.articles[1]!.versions[1]!.body[2]!.text += ' Or so the council claims.';
    // Format 2 carries the evidence chain, which the edit breaks first; a format 1 file has only the content hash.
    expect(await parseImport(serializeExport(tampered))).toEqual({
      ok: false,
      error: expect.stringMatching(/^articles\[1\] \(https:\/\/www\.example-news\.com\/world\/2024\/harbour-bridge-closure\): version 2 was altered/) as string,
    });
    const v1 = structuredClone(tampered) as ExportFile;
    v1.formatVersion = 1;
    for (const article of v1.articles) {
      delete article.head;
      for (const version of article.versions) delete version.chain;
    }
    expect(await parseImport(serializeExport(v1))).toEqual({
      ok: false,
      error: 'articles[1].versions[1].sha256 does not match its content',
    });
    expect(await dump(db)).toBe(before);
  });
});

describe('parseImport hash check', () => {
  test('the cached canonical form is canonicalContent, with furniture, repeats and texts seen before', () => {
    const seen = new NormalizedTexts();
    const furniture = { kind: 'p' as const, text: 'Advertisement' };
    const contents = [
      ...POOL,
      makeSnapshot({ body: [furniture, ...A.body, A.body[0]!, { kind: 'p', text: '  Updated 5 minutes ago ' }] }),
      makeSnapshot({ body: [], dek: null, byline: null }),
      makeSnapshot({ body: paragraphs(['same length A', 'same length B', 'same length A']) }),
    ];
    for (const content of [...contents, ...contents]) {
      expect(canonicalContentCached(content, seen)).toBe(canonicalContent(content));
    }
  });
});

describe('parseImport messages', () => {
  let file: ExportFile;
  beforeEach(async () => {
    await record(db, [A, B, OTHER]);
    file = await exportAll(db);
  });
  const errorOf = async (text: string) => {
    const result = await parseImport(text);
    return result.ok ? 'accepted' : result.error;
  };
  const edited = (edit: (copy: Record<string, unknown> & ExportFile) => void) => {
    const copy = structuredClone(file) as Record<string, unknown> & ExportFile;
    edit(copy);
    return JSON.stringify(copy);
  };

  test('name the problem and where it is', async () => {
    expect(await errorOf('{"format": palimpsest}')).toMatch(/^Not a JSON file: Unexpected token/);
    expect(await errorOf('[]')).toBe('Not a Palimpsest history file (it is not a JSON object)');
    expect(await errorOf(edited((f) => Reflect.deleteProperty(f, 'format')))).toBe(
      'Not a Palimpsest history file (format is missing)',
    );
    expect(await errorOf(edited((f) => (f.formatVersion = 3 as 1)))).toBe(
      'Unsupported format version 3 (this version of Palimpsest reads versions 1 and 2)',
    );
    expect(await errorOf(edited((f) => (f.articles[1]!.visits[0]!.seq = 7)))).toBe(
      'articles[1].visits[0].seq: this article has no version 7',
    );
    expect(await errorOf(edited((f) => f.articles.push(f.articles[0]!)))).toBe(
      'articles[2].key: the same article as articles[0] (each key may appear once)',
    );
    expect(await errorOf(edited((f) => (f.articles[1]!.versions[1]!.seq = 1)))).toBe(
      'articles[1].versions[1].seq: 1 is also the seq of versions[0]',
    );
    expect(await errorOf(edited((f) => (f.articles[0]!.headline = 5 as unknown as string)))).toBe(
      'articles[0].headline: must be a string (found 5)',
    );
    expect(await errorOf(edited((f) => (f.articles[0]!.versions[0]!.body[0]!.kind = 'div' as 'p')))).toBe(
      'articles[0].versions[0].body[0].kind: must be one of "p", "h", "li", "quote", "pre" (found "div")',
    );
    expect(await errorOf(edited((f) => Reflect.deleteProperty(f.articles[0]!, 'visits')))).toBe(
      'articles[0].visits is missing',
    );
    expect(await errorOf(edited((f) => (f.articles[0]!.lastVisit = '2024-02-30T00:00:00Z')))).toBe(
      'articles[0].lastVisit: must be a real date and time',
    );
    expect(await errorOf(serializeExport(file).replace('"format"', '"__proto__": {"polluted": 1}, "format"'))).toBe(
      '__proto__: unexpected field',
    );
    expect(await errorOf(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)).toMatch(/nested more than 10 levels/);
    expect((await parseImport(serializeExport(file), { maxChars: 1000 })).ok).toBe(false);
    expect(await errorOf('')).toBe('The file is empty');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('property: export and import', () => {
  const captures = fc.array(fc.integer({ min: 0, max: POOL.length - 1 }), { minLength: 1, maxLength: 10 });

  // What only a live capture can know: the badge state, and how the retry of a capture would be recognised.
  const comparable = (stores: Awaited<ReturnType<typeof dumpStores>>) => ({
    articles: stores.articles.map(({ lastOutcome: _outcome, ...article }) => article),
    versions: stores.versions,
    // Ids follow the order of writing, which for an import is article by article.
    visits: stores.visits
      .map(({ id: _id, captureId: _capture, outcome: _o, ...visit }) => visit)
      .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.time - y.time)),
  });

  test('export -> clear -> import -> export gives the same file, and re-importing changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(captures, async (picks) => {
        const run = await openHistoryDb('round-trip', new IDBFactory());
        try {
          await record(run, picks.map((i) => POOL[i]!));
          const original = await exportAll(run);
          const file = await parsed(original);
          const recorded = await dumpStores(run);
          const text = await dump(run);
          // Importing a database's own export into it is a no-op.
          expect((await importHistory(run, file)).added).toEqual({ articles: 0, versions: 0, visits: 0 });
          expect(await dump(run)).toBe(text);

          await clearAll(run);
          const result = await importHistory(run, file);
          expect(result.added).toEqual({ articles: result.articles, versions: result.versions, visits: result.visits });
          expect(await exportAll(run)).toEqual(original);
          // Even the records that are not exported (baseline, capture counts) come back as recordSnapshot left them.
          expect(comparable(await dumpStores(run))).toEqual(comparable(recorded));

          const counts = await countRecords(run);
          const imported = await dump(run);
          expect((await importHistory(run, file)).added).toEqual({ articles: 0, versions: 0, visits: 0 });
          expect(await countRecords(run)).toEqual(counts);
          expect(await dump(run)).toBe(imported);
        } finally {
          run.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  test('importing into a database that has part of the history merges without duplicates', async () => {
    const split = captures.chain((picks) => fc.tuple(fc.constant(picks), fc.integer({ min: 0, max: picks.length })));
    await fc.assert(
      fc.asyncProperty(split, async ([picks, cut]) => {
        const full = await openHistoryDb('full', new IDBFactory());
        const part = await openHistoryDb('part', new IDBFactory());
        try {
          const snapshots = picks.map((i) => POOL[i]!);
          await record(full, snapshots);
          await record(part, snapshots.slice(0, cut));
          const original = await exportAll(full);
          await importHistory(part, await parsed(original));
          expect(await exportAll(part)).toEqual(original);
          expect(await countRecords(part)).toEqual(await countRecords(full));
        } finally {
          full.close();
          part.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('docs/export-format.schema.json', () => {
  const jsonSchema = JSON.parse(
    readFileSync(new URL('../../docs/export-format.schema.json', import.meta.url), 'utf8'),
  ) as JsonNode;

  test('a real export is valid under the JSON Schema', async () => {
    await record(db, [A, B, TEASER, LIVE, LIVE_MORE, OTHER]);
    const file = JSON.parse(serializeExport(await exportAll(db))) as unknown;
    expect(validate(jsonSchema, file, jsonSchema, '')).toEqual([]);
    const bad = structuredClone(file) as ExportFile;
    bad.articles[0]!.versions[0]!.url = 'javascript:alert(1)';
    bad.articles[0]!.versions[0]!.sha256 = 'ABC';
    (bad.articles[1] as unknown as Record<string, unknown>).extra = true;
    expect(validate(jsonSchema, bad, jsonSchema, '')).toEqual([
      'articles[0].versions[0].sha256: pattern',
      'articles[0].versions[0].url: pattern',
      'articles[1]: unexpected extra',
    ]);
  });

  test('the example in docs/export-format.md is a valid file', async () => {
    const markdown = readFileSync(new URL('../../docs/export-format.md', import.meta.url), 'utf8');
    const example = /## Example[\s\S]*?```json\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
    const result = await parseImport(example);
    expect(result).toMatchObject({ ok: true });
    expect(validate(jsonSchema, JSON.parse(example), jsonSchema, '')).toEqual([]);
  });

  test('lists the same fields, types and limits as the valibot schema', () => {
    expect(compare(ExportFileSchema as unknown as Valibot, jsonSchema, jsonSchema, '')).toEqual([]);
  });
});

// A tiny JSON Schema walker: just the keywords docs/export-format.schema.json uses, so no package is needed.
type JsonNode = Record<string, unknown>;

function resolve(node: JsonNode, root: JsonNode): JsonNode {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const name = ref.replace('#/$defs/', '');
  return resolve((root.$defs as Record<string, JsonNode>)[name]!, root);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function validate(schema: JsonNode, value: unknown, root: JsonNode, path: string): string[] {
  const node = resolve(schema, root);
  const errors: string[] = [];
  const fail = (what: string) => errors.push(`${path}: ${what}`);
  const types = node.type === undefined ? null : ([] as unknown[]).concat(node.type);
  const type = typeOf(value);
  if (types && !types.includes(type) && !(type === 'integer' && types.includes('number'))) return [`${path}: type`];
  if ('const' in node && node.const !== value) fail('const');
  if (Array.isArray(node.enum) && !node.enum.includes(value)) fail('enum');
  if (typeof value === 'string') {
    if (typeof node.pattern === 'string' && !new RegExp(node.pattern, 'u').test(value)) fail('pattern');
    if (typeof node.maxLength === 'number' && [...value].length > node.maxLength) fail('maxLength');
    if (typeof node.minLength === 'number' && [...value].length < node.minLength) fail('minLength');
  }
  if (typeof value === 'number') {
    if (typeof node.minimum === 'number' && value < node.minimum) fail('minimum');
    if (typeof node.maximum === 'number' && value > node.maximum) fail('maximum');
  }
  if (Array.isArray(value)) {
    if (typeof node.maxItems === 'number' && value.length > node.maxItems) fail('maxItems');
    const items = node.items as JsonNode | undefined;
    if (items) value.forEach((item, i) => errors.push(...validate(items, item, root, `${path}[${i}]`)));
  } else if (value !== null && typeof value === 'object') {
    const properties = (node.properties ?? {}) as Record<string, JsonNode>;
    const record = value as Record<string, unknown>;
    for (const key of (node.required ?? []) as string[]) if (!(key in record)) fail(`missing ${key}`);
    for (const [key, item] of Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const sub = properties[key];
      const where = path ? `${path}.${key}` : key;
      if (sub) errors.push(...validate(sub, item, root, where));
      else if (node.additionalProperties === false) fail(`unexpected ${key}`);
    }
  }
  return errors;
}

interface Valibot {
  type: string;
  entries?: Record<string, Valibot>;
  item?: Valibot;
  wrapped?: Valibot;
  literal?: unknown;
  options?: unknown[];
  pipe?: { type: string; requirement?: unknown }[];
}

/** Walks the valibot schema and the JSON Schema side by side; returns every disagreement. */
function compare(schema: Valibot, json: JsonNode, root: JsonNode, path: string): string[] {
  const node = resolve(json, root);
  const types = node.type === undefined ? [] : ([] as unknown[]).concat(node.type);
  const limit = (action: string) => schema.pipe?.find((a) => a.type === action)?.requirement;
  const errors: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    errors.push(`${path} ${what}: valibot ${String(a)}, JSON ${String(b)}`);
  };
  switch (schema.type) {
    case 'strict_object': {
      const keys = Object.keys(schema.entries!).sort();
      same('type', 'object', node.type);
      same('additionalProperties', false, node.additionalProperties);
      same('properties', keys, Object.keys((node.properties ?? {}) as object).sort());
      const required = keys.filter((key) => schema.entries![key]!.type !== 'optional');
      same('required', required, [...((node.required ?? []) as string[])].sort());
      for (const key of keys) {
        const sub = (node.properties as Record<string, JsonNode> | undefined)?.[key];
        if (sub) errors.push(...compare(schema.entries![key]!, sub, root, `${path}.${key}`));
      }
      break;
    }
    case 'array':
      same('type', ['array'], types);
      same('maxItems', limit('max_length'), node.maxItems);
      errors.push(...compare(schema.item!, node.items as JsonNode, root, `${path}[]`));
      break;
    case 'optional':
      errors.push(...compare(schema.wrapped!, node, root, path));
      break;
    case 'nullable':
      same('null', true, types.includes('null'));
      errors.push(...compare(schema.wrapped!, { ...node, type: types.filter((t) => t !== 'null') }, root, path));
      break;
    case 'string':
      same('type', ['string'], types);
      same('maxLength', limit('max_length'), node.maxLength);
      same('minLength', limit('min_length'), node.minLength);
      break;
    case 'number':
      same('type', [schema.pipe?.some((a) => a.type === 'integer') ? 'integer' : 'number'], types);
      same('minimum', limit('min_value'), node.minimum);
      same('maximum', limit('max_value'), node.maximum);
      break;
    case 'boolean':
      same('type', ['boolean'], types);
      break;
    case 'literal':
      same('const', schema.literal, node.const);
      break;
    case 'picklist':
      same('enum', schema.options, node.enum);
      break;
    default:
      errors.push(`${path}: unexpected valibot type ${schema.type}`);
  }
  return errors;
}
