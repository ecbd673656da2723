/**
 * `npm run score:extraction`: how cleanly capture keeps the story and only the story.
 *
 * 1. The extraction corpus (../shared/fixtures/extraction, README there): 975 real pages with passages their main text
 *    must and must not contain. Capture runs as the content script runs it (recognizeArticle, then extractArticle;
 *    text = headline + body blocks joined by newlines) in jsdom, in child processes of ~100 pages (jsdom keeps
 *    memory). Prints the passage metric (P, R, F) without the recognition gate and with it (a refused page counts
 *    as nothing extracted).
 * 2. Generated short-story pages with known true text (tests/helpers/story-pages.ts): word 4-gram shingles per
 *    page, P/R/F averaged over pages.
 *
 * Flags: --limit N (first N corpus pages), --stories N (generated pages, default 300), --list-worst [N] (the pages
 * with the most misses and false hits, to study), --jobs N (parallel children, default: CPU count), --lib DIR (score
 * another copy of lib/, e.g. an older commit's from `git archive`, for before/after figures).
 */
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { extractArticle as ExtractArticle } from '../lib/capture/keyed';
import type { recognizeArticle as RecognizeArticle } from '../lib/capture/recognize';
import type { Snapshot } from '../lib/model/snapshot';
import { generateStoryPages } from '../tests/helpers/story-pages';

const CORPUS = path.resolve(import.meta.dirname, '../../shared/fixtures/extraction');
const CHUNK = 100;

interface Expectation {
  url: string;
  file: string;
  with: string[];
  without: string[];
}

/** One corpus page's outcome: passage counts for the ungated text, and whether the gate let it through. */
interface PageScore {
  file: string;
  url: string;
  recognised: boolean;
  reason: string;
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  missed: string[];
  falseHits: string[];
  ms: number;
}

interface StoryScore {
  id: number;
  shape: string;
  p: number;
  r: number;
}

type WorkerMessage = { pages: PageScore[] } | { stories: StoryScore[] };

// The capture code under test: this checkout's lib/, or the copy --lib names (passed to the children by env).
const LIB = path.resolve(flag('--lib') || process.env['EXTRACTION_SCORE_LIB'] || path.join(import.meta.dirname, '../lib'));
let extractArticle: typeof ExtractArticle;
let recognizeArticle: typeof RecognizeArticle;
async function loadLib(): Promise<void> {
  // lib/capture/ since the lib/ reorganisation; older copies have the files in lib/ itself.
  const dir = existsSync(path.join(LIB, 'capture/extract.ts')) ? path.join(LIB, 'capture') : LIB;
  // lib/capture/keyed.ts since the Public Suffix List left the content script; before that, extract.ts had it.
  const keyed = path.join(dir, 'keyed.ts');
  ({ extractArticle } = await import(existsSync(keyed) ? keyed : path.join(dir, 'extract.ts')));
  ({ recognizeArticle } = await import(path.join(dir, 'recognize.ts')));
}

const quiet = new VirtualConsole();
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The text the metric reads: headline and body blocks, one per line, exactly what a snapshot stores. */
export function snapshotText(snapshot: Snapshot | null): string {
  if (snapshot === null) return '';
  return [snapshot.headline, ...snapshot.body.map((b) => b.text)].join('\n');
}

/** Recognition and extraction as entrypoints/content.ts runs them. */
function capture(doc: Document, url: string): { snapshot: Snapshot | null; recognised: boolean; reason: string } {
  const recognition = recognizeArticle(doc, url);
  const snapshot = extractArticle(doc, url, { liveBlog: recognition.liveBlog });
  return { snapshot, recognised: recognition.article, reason: recognition.reason };
}

function scorePage(e: Expectation): PageScore {
  const started = performance.now();
  // The crawl kept no HTTP headers: UTF-8 when the bytes are valid UTF-8, else the page's declared charset (jsdom
  // sniffs it from the bytes as a browser would).
  const bytes = gunzipSync(readFileSync(path.join(CORPUS, e.file)));
  let html: string | Buffer;
  try {
    html = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    html = bytes;
  }
  let text = '';
  let recognised = false;
  let reason = '';
  try {
    const dom = new JSDOM(html, { url: e.url, virtualConsole: quiet, contentType: 'text/html' });
    const result = capture(dom.window.document, e.url);
    text = squash(snapshotText(result.snapshot));
    recognised = result.recognised;
    reason = result.reason;
    dom.window.close();
  } catch (error) {
    reason = `error: ${String(error)}`;
  }
  const score: PageScore = {
    file: e.file, url: e.url, recognised, reason, tp: 0, fn: 0, fp: 0, tn: 0, missed: [], falseHits: [], ms: 0,
  };
  for (const passage of e.with) {
    if (text.includes(squash(passage))) score.tp++;
    else {
      score.fn++;
      score.missed.push(passage);
    }
  }
  for (const passage of e.without) {
    if (text.includes(squash(passage))) {
      score.fp++;
      score.falseHits.push(passage);
    } else score.tn++;
  }
  score.ms = performance.now() - started;
  return score;
}

// Word 4-grams; a text shorter than four words is one shingle of all its words.
const WORD = /[\p{L}\p{N}]+/gu;
export function shingles(text: string): Map<string, number> {
  const tokens = text.toLowerCase().match(WORD) ?? [];
  // Chinese has no spaces: each character is a word.
  const words = tokens.flatMap((t) => (/\p{Script=Han}/u.test(t) ? Array.from(t) : [t]));
  const out = new Map<string, number>();
  const n = Math.min(4, words.length);
  for (let i = 0; n > 0 && i + n <= words.length; i++) {
    const key = words.slice(i, i + n).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export function shinglePR(got: string, truth: string): { p: number; r: number } {
  const g = shingles(got);
  const t = shingles(truth);
  let common = 0;
  let gotTotal = 0;
  let truthTotal = 0;
  for (const [k, n] of g) {
    gotTotal += n;
    common += Math.min(n, t.get(k) ?? 0);
  }
  for (const n of t.values()) truthTotal += n;
  return { p: gotTotal === 0 ? 0 : common / gotTotal, r: truthTotal === 0 ? 1 : common / truthTotal };
}

function scoreStories(from: number, to: number): StoryScore[] {
  return generateStoryPages(to, 1)
    .slice(from)
    .map((page, i) => {
      const dom = new JSDOM(page.html, { url: page.url, virtualConsole: quiet });
      const { snapshot } = capture(dom.window.document, page.url);
      dom.window.close();
      const truth = [page.truth.headline, ...page.truth.paragraphs].join('\n');
      return { id: from + i, shape: page.label, ...shinglePR(snapshotText(snapshot), truth) };
    });
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

const fmt = (x: number): string => x.toFixed(3);

function runChild(args: string[]): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, EXTRACTION_SCORE_LIB: LIB };
    const child = fork(import.meta.filename, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
    let result: WorkerMessage | null = null;
    child.on('message', (m) => (result = m as WorkerMessage));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`worker ${args.join(' ')} exited ${code}`))));
  });
}

async function pool<T>(tasks: (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, lane));
  return out;
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  return value !== undefined && !value.startsWith('--') ? value : '';
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`Scoring ${path.relative(process.cwd(), LIB) || '.'}`);
  const all: Expectation[] = JSON.parse(readFileSync(path.join(CORPUS, 'expectations.json'), 'utf8'));
  const limit = Number(flag('--limit') || all.length);
  const storyCount = Number(flag('--stories') || 300);
  const jobs = Number(flag('--jobs') || os.cpus().length);
  const worst = flag('--list-worst');
  const count = Math.min(limit, all.length);

  const tasks: (() => Promise<WorkerMessage>)[] = [];
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK);
    tasks.push(() => runChild(['--worker-corpus', String(from), String(to)]));
  }
  const storyChunk = 150;
  for (let from = 0; from < storyCount; from += storyChunk) {
    const to = Math.min(storyCount, from + storyChunk);
    tasks.push(() => runChild(['--worker-stories', String(from), String(to)]));
  }
  const results = await pool(tasks, jobs);
  const pages = results.flatMap((r) => ('pages' in r ? r.pages : []));
  const stories = results.flatMap((r) => ('stories' in r ? r.stories : []));

  const sum = (rows: PageScore[], key: 'tp' | 'fn' | 'fp' | 'tn') => rows.reduce((s, r) => s + r[key], 0);
  const metric = (label: string, tp: number, fn: number, fp: number) => {
    const p = tp / (tp + fp);
    const r = tp / (tp + fn);
    console.log(`${label.padEnd(44)} P ${fmt(p)}  R ${fmt(r)}  F ${fmt(f1(p, r))}   (TP ${tp} FN ${fn} FP ${fp})`);
  };
  const recognised = pages.filter((p) => p.recognised);
  const withs = sum(pages, 'tp') + sum(pages, 'fn');
  console.log(`Extraction corpus: ${pages.length} pages, ${withs} 'with' passages, ${sum(pages, 'fp') + sum(pages, 'tn')} 'without'`);
  metric('no recognition gate', sum(pages, 'tp'), sum(pages, 'fn'), sum(pages, 'fp'));
  metric(
    `with gate (${recognised.length}/${pages.length} recognised)`,
    sum(recognised, 'tp'),
    withs - sum(recognised, 'tp'),
    sum(recognised, 'fp'),
  );
  const empty = pages.filter((p) => p.tp === 0 && p.fp === 0 && p.fn > 0).length;
  const ms = pages.map((p) => p.ms).sort((a, b) => a - b);
  console.log(`pages with no 'with' passage found: ${empty}; per page (parse + capture) median ${ms[ms.length >> 1]?.toFixed(0)} ms`);

  if (stories.length > 0) {
    const p = stories.reduce((s, x) => s + x.p, 0) / stories.length;
    const r = stories.reduce((s, x) => s + x.r, 0) / stories.length;
    const exact = stories.filter((s) => s.p === 1 && s.r === 1).length;
    console.log(
      `Generated stories: ${stories.length} pages, word 4-gram shingles per page, averaged: P ${fmt(p)}  R ${fmt(r)}  F ${fmt(f1(p, r))}  (${exact} exact)`,
    );
    const byShape = new Map<string, StoryScore[]>();
    for (const s of stories) byShape.set(s.shape, [...(byShape.get(s.shape) ?? []), s]);
    const imperfect = [...byShape].filter(([, rows]) => rows.some((s) => s.p < 1 || s.r < 1));
    for (const [shape, rows] of imperfect) {
      const sp = rows.reduce((s, x) => s + x.p, 0) / rows.length;
      const sr = rows.reduce((s, x) => s + x.r, 0) / rows.length;
      console.log(`  ${shape.padEnd(40)} ${rows.length} pages  P ${fmt(sp)}  R ${fmt(sr)}`);
    }
  }

  if (worst !== undefined) {
    const n = Number(worst || 25);
    const bad = [...pages].sort((a, b) => b.fn + b.fp - (a.fn + a.fp)).slice(0, n);
    for (const p of bad) {
      if (p.fn + p.fp === 0) break;
      console.log(`\n${p.file} ${p.url}  FN ${p.fn} FP ${p.fp} TP ${p.tp}  [${p.recognised ? 'recognised' : 'refused'}: ${p.reason}]`);
      for (const m of p.missed) console.log(`  missed: ${m.slice(0, 120)}`);
      for (const m of p.falseHits) console.log(`  kept:   ${m.slice(0, 120)}`);
    }
  }
  console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[2] === '--worker-corpus') {
  await loadLib();
  const all: Expectation[] = JSON.parse(readFileSync(path.join(CORPUS, 'expectations.json'), 'utf8'));
  const pages = all.slice(Number(process.argv[3]), Number(process.argv[4])).map(scorePage);
  process.send!({ pages } satisfies WorkerMessage, () => process.exit(0));
} else if (process.argv[2] === '--worker-stories') {
  await loadLib();
  const stories = scoreStories(Number(process.argv[3]), Number(process.argv[4]));
  process.send!({ stories } satisfies WorkerMessage, () => process.exit(0));
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
