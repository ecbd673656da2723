/**
 * Item 3: size of the built content script, and which dependencies make it up. The breakdown bundles
 * entrypoints/content.ts itself with esbuild (minified, metafile on): WXT's defineContentScript and browser are
 * globals there, so the difference from the real file is WXT's content-script runtime.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { kb, mdTable, type Part } from './util';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONTENT = path.join(ROOT, '.output/chrome-mv3/content-scripts/content.js');

/** Why each dependency is in the content script. */
const WHY: Record<string, string> = {
  '@mozilla/readability': 'Extraction (Readability) and the isProbablyReaderable gate: the core of capture.',
  'normalize-url': 'Article identity: the same article through different URLs gets one key (lib/model/url.ts).',
  'wxt (storage, browser)': "Reading the reader's settings (paused, excluded sites) through WXT's storage wrapper (superlock is its lock).",
  'lib/ (own code)': 'Recognition, metadata, block conversion, normalisation, settle detection.',
  'WXT content-script runtime': 'ctx (invalidation on extension update), wxt:locationchange for SPA navigation.',
};

function group(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (!m) return input.startsWith('lib/') || input.startsWith('entrypoints/') ? 'lib/ (own code)' : input;
  const pkg = m[1]!;
  return ['wxt', 'webextension-polyfill', 'superlock'].includes(pkg) || pkg.startsWith('@wxt-dev/')
    ? 'wxt (storage, browser)'
    : pkg;
}

export async function benchSize(log: (s: string) => void): Promise<Part> {
  if (!existsSync(CONTENT)) {
    log('  building the extension (npx wxt build)…');
    execSync('npx wxt build', { cwd: ROOT, stdio: 'ignore' });
  }
  const built = readFileSync(CONTENT);
  const gz = gzipSync(built, { level: 9 }).length;

  const result = await build({
    entryPoints: [path.join(ROOT, 'entrypoints/content.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
    metafile: true,
    alias: { '@': ROOT },
    absWorkingDir: ROOT,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const byGroup = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const g = group(input);
    byGroup.set(g, (byGroup.get(g) ?? 0) + bytesInOutput);
  }
  const ours = output.bytes;
  byGroup.set('WXT content-script runtime', Math.max(0, built.length - ours));
  const rows = [...byGroup].sort((a, b) => b[1] - a[1]).map(([g, bytes]) => [g, kb(bytes), `${((100 * bytes) / built.length).toFixed(0)}%`, WHY[g] ?? '']);
  return {
    rows: [
      {
        area: 'Content script',
        name: 'content.js size (gzip)',
        value: `${kb(built.length)} (${kb(gz)})`,
        budget: 'reported',
        pass: true,
        note: `built ${statSync(CONTENT).mtime.toISOString()}`,
      },
    ],
    detail:
      '### Content script size\n\n`.output/chrome-mv3/content-scripts/content.js`: ' +
      `${built.length} bytes, ${gz} bytes gzipped (level 9). Breakdown from an esbuild bundle of ` +
      'entrypoints/content.ts (minified; bytes of each input in the output); "WXT content-script runtime" is the ' +
      "difference between WXT's file and that bundle.\n\n" +
      mdTable(['Dependency', 'bytes', 'share', 'why it is there'], rows),
  };
}
