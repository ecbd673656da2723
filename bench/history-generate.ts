/**
 * Writes a realistic Palimpsest history as a valid export file, for the tests and the bench (issue 17):
 *
 *   npm run --silent history:generate -- --mb 160 --out FILE      (about 160 MB)
 *   npm run --silent history:generate -- --articles 10000 --out FILE
 *
 * and prints one line: articles=N versions=M bytes=B. Text is drawn from the real pages in ../shared/fixtures (each
 * article a run of their paragraphs), 200 sites, one to five versions per article made by the edits newsrooms make
 * (a sentence added, a figure corrected, the headline sharpened, a paragraph cut or a typo fixed), a visit per version
 * and some revisits. Every version carries its real content hash, so the file imports like any real export. The file
 * is written as it is made (one article at a time), so memory stays flat whatever its size. Seeded: --seed N.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { contentHash } from '../lib/model/normalize';
import type { Block } from '../lib/model/snapshot';
import { chainHash } from '../lib/model/chain';
import { factsOf } from '../lib/transfer/chain-check';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, GENERATOR_NAME, type ExportArticle } from '../lib/transfer/format';
import { rng } from '../tests/helpers/random';
import { applyEdit, loadFixtures, type EditName } from './edits';

const DAY = 86_400_000;
const T0 = Date.UTC(2023, 0, 1);
const EDITS: EditName[] = ['sentence inserted', 'number changed', 'headline changed', 'tiny'];

export interface GenerateOptions {
  out: string;
  /** Stop once the file is this many bytes (or more). */
  bytes?: number;
  /** Stop after this many articles. */
  articles?: number;
  seed?: number;
}

export interface Generated {
  articles: number;
  versions: number;
  bytes: number;
}

/** Article n of the history: its versions, each an edit of the one before, and its visits. */
async function article(n: number, pool: readonly string[], random: () => number): Promise<ExportArticle> {
  const site = n % 200;
  const url = `https://news${site}.example/${2023 + (n % 3)}/story-${n}`;
  const start = Math.floor(random() * pool.length);
  let content = {
    headline: `${pool[start]!.split(/\s+/).slice(0, 8).join(' ').replace(/[.,;:]$/, '')} (${n})`,
    dek: random() < 0.5 ? pool[(start + 1) % pool.length]!.split(/(?<=[.!?])\s/)[0]! : null,
    byline: random() < 0.8 ? `By Reporter ${n % 97}` : null,
    body: Array.from({ length: 4 + Math.floor(random() * 20) }, (_, i): Block => ({ kind: 'p', text: pool[(start + i) % pool.length]! })),
  };
  const count = 1 + Math.floor(random() ** 2 * 5);
  const first = T0 + n * 37 * 60_000;
  const versions: ExportArticle['versions'] = [];
  const visits: ExportArticle['visits'] = [];
  for (let seq = 1; seq <= count; seq++) {
    if (seq > 1) {
      const edit = random() < 0.15 ? 'cut' : EDITS[Math.floor(random() * EDITS.length)]!;
      content =
        edit === 'cut' && content.body.length > 2
          ? { ...content, body: content.body.filter((_, i) => i !== content.body.length - 2) }
          : { ...content, ...applyEdit(content, edit === 'cut' ? 'tiny' : edit, n * 10 + seq) };
    }
    let sha256 = await contentHash(content);
    if (sha256 === versions.at(-1)?.sha256) {
      // The edit found nothing to change (no figure to correct, say): the newsroom added a line instead.
      const body = content.body.map((b, i) => (i === content.body.length - 1 ? { ...b, text: `${b.text} This story was updated (${seq}).` } : b));
      content = { ...content, body };
      sha256 = await contentHash(content);
    }
    const time = new Date(first + (seq - 1) * (DAY / 4)).toISOString();
    versions.push({
      seq,
      sha256,
      firstSeen: time,
      lastSeen: time,
      url,
      headline: content.headline,
      dek: content.dek,
      byline: content.byline,
      publishedTime: new Date(first).toISOString(),
      modifiedTime: seq > 1 ? time : null,
      lang: 'en',
      partial: false,
      extractor: { name: '@mozilla/readability', version: '0.6.0', rules: 2 },
      body: content.body,
    });
    visits.push({ time, seq, partial: false });
    if (random() < 0.3) visits.push({ time: new Date(first + (seq - 1) * (DAY / 4) + 3_600_000).toISOString(), seq, partial: false });
  }
  // Linked as recording links them (lib/model/chain.ts), so the file passes format 2's chain check.
  const key = url.replace(/^https:\/\//, '');
  let prev: string | null = null;
  for (const version of versions) {
    version.chain = { prev, hash: chainHash(factsOf(key, version), prev) };
    prev = version.chain.hash;
  }
  return {
    key,
    urls: [url],
    siteName: `News ${site}`,
    headline: content.headline,
    liveBlog: false,
    firstSeen: versions[0]!.firstSeen,
    lastVisit: visits.at(-1)!.time,
    versions,
    visits,
    head: prev!,
  };
}

/** Writes the file; resolves to what it holds. */
export async function generateHistory(options: GenerateOptions): Promise<Generated> {
  if (options.bytes === undefined && options.articles === undefined) throw new Error('say how large: --mb N or --articles N');
  const random = rng(options.seed ?? 1);
  const pool = loadFixtures().flatMap((f) => f.article.body.map((b) => b.text).filter((t) => t.length > 80 && t.length < 1200));
  const out = createWriteStream(options.out);
  const put = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const header = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: new Date(T0 + 400 * DAY).toISOString(),
    generator: { name: GENERATOR_NAME, version: 'generated' },
  };
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    await put(text);
  };
  await write(`${JSON.stringify(header).slice(0, -1)},"articles":[\n`);
  let articles = 0;
  let versions = 0;
  while ((options.articles === undefined || articles < options.articles) && (options.bytes === undefined || bytes < options.bytes)) {
    const next = await article(articles, pool, random);
    await write(`${articles === 0 ? '' : ',\n'}${JSON.stringify(next)}`);
    articles++;
    versions += next.versions.length;
  }
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
  return { articles, versions, bytes };
}

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[1]?.endsWith('history-generate.ts')) {
  const mb = flag('--mb');
  const count = flag('--articles');
  const out = flag('--out');
  if (!out || (!mb && !count)) {
    console.error('usage: npm run --silent history:generate -- (--mb N | --articles N) --out FILE [--seed N]');
    process.exit(2);
  }
  const made = await generateHistory({
    out,
    bytes: mb ? Number(mb) * 1024 * 1024 : undefined,
    articles: count ? Number(count) : undefined,
    seed: Number(flag('--seed') ?? 1),
  });
  console.log(`articles=${made.articles} versions=${made.versions} bytes=${made.bytes}`);
}
