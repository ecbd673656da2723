/**
 * Signing an export with the installation's key (lib/store/keys.ts): the hooks lib/transfer/export.ts calls for each
 * article and, at the end, for the file. Runs where the export runs (the history page or the popup), which share the
 * extension's database and so its key.
 */
import type { PalimpsestDB } from '../store/schema';
import { ensureSigningKey, readSigningKey, SIGNING_ALGORITHM, toBase64 } from '../store/keys';
import type { ExportSigning } from '../transfer/export';
import { articleStatement, ECDSA, fileStatement, utf8 } from './statement';

/**
 * The export's signing hooks. `ensure` makes the key when there is none yet: the background passes ensureSigningKey
 * itself, a page asks the background (the only writer of the database) and then reads the key it made.
 */
export async function signingFor(
  db: PalimpsestDB,
  ensure: (db: PalimpsestDB) => Promise<unknown> = ensureSigningKey,
): Promise<ExportSigning> {
  const key = (await readSigningKey(db)) ?? (await ensure(db), await readSigningKey(db));
  if (!key) throw new Error('The signing key could not be made');
  const sign = async (statement: string) =>
    toBase64(new Uint8Array(await crypto.subtle.sign(ECDSA, key.privateKey, utf8(statement))));
  return {
    signer: { algorithm: SIGNING_ALGORITHM, publicKey: key.publicKey, fingerprint: key.fingerprint },
    signArticle: (article) => sign(articleStatement(article, key.fingerprint)),
    signFile: async (header, heads) => ({ signature: await sign(fileStatement(header, heads, key.fingerprint)) }),
  };
}
