/**
 * The standalone verifier of a signed Palimpsest export (issue 18, docs/evidence.md): `npm run verify -- FILE`.
 * Node only, no network, no browser. Prints `verified: …` and exits 0 for an intact file; for an altered one prints
 * `NOT VERIFIED: …` naming the first broken article and version and what is wrong, and exits 1. Exit 2: no file.
 */
import { readFileSync } from 'node:fs';
import { verifyFile } from '../lib/evidence/verify';
import { groupedFingerprint } from '../lib/store/keys';

async function main(): Promise<number> {
  const path = process.argv[2];
  if (!path || process.argv.length > 3) {
    console.error('usage: npm run verify -- FILE');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    console.error(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const result = await verifyFile(text);
  if (!result.ok) {
    const where = [result.article && `article ${JSON.stringify(result.article)}`, result.seq && `version ${result.seq}`]
      .filter(Boolean)
      .join(', ');
    console.log(`NOT VERIFIED: ${where ? `${where}: ` : ''}${result.problem}`);
    return 1;
  }
  console.log(
    `verified: ${result.articles} article${result.articles === 1 ? '' : 's'}, ${result.versions} version${result.versions === 1 ? '' : 's'}, ` +
      `signed by key ${result.fingerprint}`,
  );
  console.log(`  key fingerprint (grouped): ${groupedFingerprint(result.fingerprint)}`);
  console.log(`  exported at ${result.exportedAt} (by the exporting computer's clock)`);
  if (result.removed > 0) console.log(`  ${result.removed} version(s) present only as chain links (removed by retention, or damaged)`);
  if (result.chainedLater > 0) {
    console.log(`  ${result.chainedLater} version(s) were linked into the chain after capture (see chainedAt in the file)`);
  }
  for (const stamp of result.timestamps) {
    console.log(
      stamp.ok
        ? `  timestamp of ${stamp.covers}: ${stamp.genTime} by ${stamp.tsa}`
        : `  timestamp of ${stamp.covers}: NOT valid: ${stamp.problem}`,
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
