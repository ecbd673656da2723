/**
 * The history generator (issue 17): what `npm run history:generate` writes is a valid export that imports like any
 * real one, holds what its line says, and stops at the size asked for.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { expect, test } from 'vitest';
import { generateHistory } from '../../bench/history-generate';
import { openHistoryDb } from '../../lib/store/open';
import { countRecords } from '../../lib/store/read';
import { importHistory } from '../../lib/transfer/merge';
import { parseImport } from '../../lib/transfer/parse';

const dir = mkdtempSync(path.join(tmpdir(), 'palimpsest-generate-'));

test('a generated history of 400 articles passes every import check and imports whole', async () => {
  const out = path.join(dir, 'forty.json');
  const made = await generateHistory({ out, articles: 400, seed: 7 });
  expect(made.articles).toBe(400);
  expect(made.bytes).toBe(statSync(out).size);
  const parsed = await parseImport(readFileSync(out, 'utf8'), { now: Date.UTC(2026, 0, 1) });
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.file.articles).toHaveLength(400);
  expect(parsed.file.articles.reduce((n, a) => n + a.versions.length, 0)).toBe(made.versions);
  // Edited articles: more versions than articles, and some headlines changed between versions.
  expect(made.versions).toBeGreaterThan(made.articles);
  expect(parsed.file.articles.some((a) => new Set(a.versions.map((v) => v.headline)).size > 1)).toBe(true);
  const db = await openHistoryDb('generated', new IDBFactory());
  await importHistory(db, parsed.file);
  expect(await countRecords(db)).toMatchObject({ articles: 400, versions: made.versions });
  db.close();
}, 60_000);

test('--mb stops at the size asked for; the same seed makes the same file', async () => {
  const [a, b] = [path.join(dir, 'a.json'), path.join(dir, 'b.json')];
  const made = await generateHistory({ out: a, bytes: 300_000, seed: 3 });
  expect(made.bytes).toBeGreaterThanOrEqual(300_000);
  expect(made.bytes).toBeLessThan(400_000);
  await generateHistory({ out: b, bytes: 300_000, seed: 3 });
  expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
}, 60_000);
