/**
 * Hostile and malformed import files: whatever is wrong with a file (truncated, mistyped, oversized, nested 10,000
 * deep, "__proto__" keys, duplicates, foreign format, javascript: URLs, tampered content), parseImport rejects it with
 * a message, the database is untouched and no prototype is polluted. One database and one valid export are built
 * once and every case mutates a copy, so 1,000 runs stay quick.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openHistoryDb } from '../../lib/store/open';
import { type PalimpsestDB } from '../../lib/store/schema';
import { exportHistory, serializeExport } from '../../lib/transfer/export';
import type { ExportFile } from '../../lib/transfer/format';
import { recordSnapshot } from '../../lib/store/record';
import { STORES } from '../../lib/store/transaction';
import { importHistory } from '../../lib/transfer/merge';
import { parseImport } from '../../lib/transfer/parse';
import { CAPS } from '../../lib/model/limits';
import {
  editParagraph,
  LIVE_ENTRIES,
  makeLiveSnapshot,
  makeSnapshot,
  PARAGRAPHS,
  paragraphs,
} from './helpers/snapshots';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

let db: PalimpsestDB;
let base: ExportFile;
let baseText: string;
let before: string;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

async function dump(): Promise<string> {
  const tx = db.transaction(STORES, 'readonly');
  const all = await Promise.all(STORES.map((store) => tx.objectStore(store).getAll()));
  await tx.done;
  return JSON.stringify(all);
}

beforeAll(async () => {
  db = await openHistoryDb('fuzz', new IDBFactory());
  const captures = [
    makeSnapshot(),
    makeSnapshot({ body: editParagraph(3, (text) => text.replace('angrily', 'cautiously')) }),
    makeSnapshot({ body: paragraphs(PARAGRAPHS.slice(0, 2)) }),
    makeLiveSnapshot(),
    makeLiveSnapshot(['23:55 The opposition leader has conceded her own seat.', ...LIVE_ENTRIES]),
    makeSnapshot({ key: 'https://other.example/story', url: 'https://other.example/story', dek: null }),
  ];
  for (const [i, snapshot] of captures.entries()) {
    await recordSnapshot(db, snapshot, { now: Date.UTC(2024, 4, 14) + i * 60_000, captureId: `fuzz-${i}` });
  }
  base = await exportHistory(db, { now: Date.UTC(2024, 5, 1), version: '0.1.0' });
  baseText = serializeExport(base);
  before = await dump();
  expect((await parseImport(baseText)).ok).toBe(true);
});
afterAll(() => db.close());

const clone = (): { [key: string]: Json } => JSON.parse(baseText) as { [key: string]: Json };

/** Every path in the base file (except the root), with the value found there. */
function pathsOf(value: Json, path: Path = [], out: [Path, Json][] = []): [Path, Json][] {
  if (path.length > 0) out.push([path, value]);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...path, i], out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], out);
  }
  return out;
}

function at(root: Json, path: Path): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, root);
}

/** Sets root[path] as an own, enumerable property, even for "__proto__" (plain assignment would set the prototype). */
function put(root: Json, path: Path, value: Json): void {
  const parent = at(root, path.slice(0, -1)) as Record<string | number, Json>;
  Object.defineProperty(parent, path.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
}

const typeOf = (value: Json) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
// Strings may legitimately be null (dek, byline…) and null may be a string, so those swaps are not "wrong".
const WRONG: Json[] = [42, 1.5, -1, true, false, null, 'x', '', [], [1], {}, { kind: 'p' }];

interface Case {
  text: string;
  /** Part of the expected message, when the mutation determines it. */
  expect?: RegExp;
}

function caseOf(edit: (file: { [key: string]: Json }) => void, expected?: RegExp): Case {
  const file = clone();
  edit(file);
  return { text: JSON.stringify(file), expect: expected };
}

const allPaths = () => pathsOf(clone());
const objectPaths = () => [[] as Path, ...allPaths().filter(([, v]) => typeOf(v) === 'object').map(([p]) => p)];
const pathsNamed = (name: string) => allPaths().filter(([p]) => p.at(-1) === name).map(([p]) => p);
const articlesWith = (min: number) =>
  base.articles.map((a, i) => [a, i] as const).filter(([a]) => a.versions.length >= min).map(([, i]) => i);

const cases: fc.Arbitrary<Case> = fc.oneof(
  // Truncated at any point before the closing brace.
  fc.nat().map((n) => ({ text: baseText.slice(0, n % (baseText.length - 1)) })),
  // A value of the wrong type anywhere.
  fc.tuple(fc.nat(), fc.constantFrom(...WRONG)).map(([n, wrong]) => {
    const paths = allPaths();
    const [path, original] = paths[n % paths.length]!;
    const nullable = (a: Json, b: Json) => typeOf(a) === 'null' || typeOf(b) === 'null';
    const stringish = typeOf(original) === 'string' || typeOf(original) === 'null';
    const value = typeOf(wrong) === typeOf(original) || (stringish && nullable(original, wrong)) ? [[wrong]] : wrong;
    return caseOf((file) => put(file, path, value));
  }),
  // Strings beyond their caps.
  fc.tuple(
    fc.constantFrom<[string, number]>(
      ['headline', CAPS.shortText],
      ['byline', CAPS.shortText],
      ['key', CAPS.key],
      ['url', CAPS.url],
      ['text', CAPS.blockText],
    ),
    fc.nat(),
  ).map(([[name, cap], n]) => {
    const paths = pathsNamed(name);
    const huge = `https://example.com/${'x'.repeat(cap)}`;
    return caseOf((file) => put(file, paths[n % paths.length]!, huge), /at most|Invalid length/);
  }),
  // A body too long in total, though every block is within its own cap.
  fc.constant(null).map(() =>
    caseOf((file) => {
      const block = { kind: 'p', text: 'y'.repeat(CAPS.blockText) };
      put(file, ['articles', 0, 'versions', 0, 'body'], Array.from({ length: 21 }, () => block));
    }, /in total/),
  ),
  // Nested 10,000 levels deep, alone or in place of any value.
  fc.tuple(fc.integer({ min: 11, max: 10_000 }), fc.nat(), fc.boolean()).map(([depth, n, alone]) => {
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    if (alone) return { text: nested, expect: /nested more than/ };
    const paths = allPaths();
    const { text } = caseOf((file) => put(file, paths[n % paths.length]![0], '@@NESTED@@'));
    return { text: text.replace('"@@NESTED@@"', nested), expect: /nested more than/ };
  }),
  // Prototype keys in any object.
  fc.tuple(
    fc.nat(),
    fc.constantFrom('__proto__', 'constructor', 'prototype'),
    fc.constantFrom<Json>({ polluted: true }, { prototype: { polluted: true } }, 'polluted'),
  ).map(([n, key, payload]) => {
    const paths = objectPaths();
    return caseOf((file) => put(file, [...paths[n % paths.length]!, key], payload), /unexpected field/);
  }),
  // Duplicates: an article twice, a seq twice, one content twice, a visit of a version that is not there.
  fc.tuple(fc.constantFrom('article', 'seq', 'sha', 'visit'), fc.nat()).map(([kind, n]) => {
    const withTwo = articlesWith(2);
    const i = kind === 'article' || kind === 'visit' ? n % base.articles.length : withTwo[n % withTwo.length]!;
    return caseOf((file) => {
      const articles = file.articles as { [key: string]: Json }[];
      const versions = articles[i]!.versions as { [key: string]: Json }[];
      if (kind === 'article') articles.push(articles[i]!);
      if (kind === 'seq') versions[1]!.seq = versions[0]!.seq!;
      if (kind === 'sha') versions.push({ ...versions[0]!, seq: 999 });
      const visits = articles[i]!.visits as { [key: string]: Json }[];
      if (kind === 'visit') visits.push({ time: base.exportedAt, seq: 77, partial: false });
    }, kind === 'visit' ? /no version 77/ : /same|also/);
  }),
  // Someone else's JSON, or a version this Palimpsest cannot read.
  fc.oneof(
    fc.constantFrom<Json>(null, 'palimpsest', 'palimpsest-history-v2', 1, ['palimpsest-history']).map((format) =>
      caseOf((file) => put(file, ['format'], format), /Not a Palimpsest history file/)),
    fc.oneof(fc.integer().filter((n) => n !== 1), fc.constantFrom<Json>('1', null, 1.5, [1], true)).map((version) =>
      caseOf((file) => put(file, ['formatVersion'], version), /Unsupported format version/)),
    fc.constantFrom('format', 'formatVersion').map((key) =>
      caseOf((file) => Reflect.deleteProperty(file, key), /is missing/)),
    fc.constantFrom('null', '[]', '"palimpsest-history"', '42', '{}', '   ').map((text) => ({ text })),
  ),
  // URLs that are not http(s), in any URL field.
  fc.tuple(
    fc.nat(),
    fc.constantFrom('javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd',
      'ftp://example.com/x', 'http//example.com', ' https://example.com', 'https://', 'chrome://settings', ''),
  ).map(([n, url]) => {
    const paths = [...pathsNamed('url'), ...allPaths().filter(([p]) => p.at(-2) === 'urls').map(([p]) => p)];
    return caseOf((file) => put(file, paths[n % paths.length]!, url), /http\(s\) URL/);
  }),
  // Tampered content or hash.
  fc.tuple(fc.nat(), fc.constantFrom('hash', 'headline', 'body', 'byline')).map(([n, what]) => {
    const versions = pathsNamed('sha256').map((p) => p.slice(0, -1));
    const path = versions[n % versions.length]!;
    return caseOf((file) => {
      const version = at(file, path) as { [key: string]: Json };
      const sha = version.sha256 as string;
      if (what === 'hash') version.sha256 = `${sha.slice(0, 10)}${sha[10] === '0' ? '1' : '0'}${sha.slice(11)}`;
      if (what === 'headline') version.headline = `${version.headline as string} (corrected)`;
      if (what === 'byline') version.byline = 'By Someone Else';
      if (what === 'body') (version.body as { text: string }[])[0]!.text += ' Not.';
    }, what === 'hash' ? /sha256 does not match its content/ : /was altered: its content does not match its chain hash/);
  }),
);

test('every malformed or hostile file is rejected and changes nothing', async () => {
  await fc.assert(
    fc.asyncProperty(cases, async ({ text, expect: expected }) => {
      const result = await parseImport(text);
      // Never expected: but if a bad file were accepted, the import must still be checked for harm.
      if (result.ok) await importHistory(db, result.file);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.length).toBeGreaterThan(0);
        expect(result.error.length).toBeLessThan(400);
        if (expected) expect(result.error).toMatch(expected);
      }
      expect(await dump()).toBe(before);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }),
    { numRuns: 1000 },
  );
});
