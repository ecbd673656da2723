/**
 * Import and export of a large history through the history page in real headless Chromium with the built extension
 * (issue 17): generates a history of --mb N megabytes (history:generate), imports it through the page's file input as
 * a reader would, exports it again with Export all, and prints the times, throughput and the number of articles.
 *
 *   npm run build && npx tsx bench/transfer.ts --mb 80
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchWithExtension } from '../tests/e2e/chromium';
import { generateHistory } from './history-generate';

const at = process.argv.indexOf('--mb');
const mb = Number(at >= 0 ? process.argv[at + 1] : 20);
const dir = mkdtempSync(path.join(tmpdir(), 'palimpsest-transfer-'));
const file = path.join(dir, 'history.json');
const made = await generateHistory({ out: file, bytes: mb * 1024 * 1024 });
const browser = await launchWithExtension();
try {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/articles.html`);
  await page.locator('#export-all').waitFor();
  const t0 = performance.now();
  await page.setInputFiles('input[type=file]', file);
  await page.waitForFunction(() => /^(Imported|Import failed)/.test(document.querySelector('p.page-status')?.textContent ?? ''), null, {
    timeout: 1_800_000,
    polling: 200,
  });
  const imported = (performance.now() - t0) / 1000;
  const status = await page.locator('p.page-status').textContent();
  const t1 = performance.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 1_800_000 }), page.click('#export-all')]);
  const exportedPath = path.join(dir, 'export.json');
  await download.saveAs(exportedPath);
  const exported = (performance.now() - t1) / 1000;
  const mib = (bytes: number) => bytes / (1024 * 1024);
  console.log(`file: ${made.articles} articles, ${made.versions} versions, ${mib(made.bytes).toFixed(1)} MiB`);
  console.log(`import: ${imported.toFixed(1)} s (${(mib(made.bytes) / imported).toFixed(1)} MiB/s) — ${status}`);
  console.log(`export: ${exported.toFixed(1)} s (${(mib(statSync(exportedPath).size) / exported).toFixed(1)} MiB/s), ${mib(statSync(exportedPath).size).toFixed(1)} MiB`);
} finally {
  await browser.close();
}
