/**
 * Signing an export with the installation's key (lib/store/keys.ts): the hooks lib/transfer/export.ts calls for each
 * article and, at the end, for the file. Runs where the export runs (the history page or the popup), which share the
 * extension's database and so its key. With a timestamping service set, the file statement's hash is also stamped
 * (the only thing sent), and each article carries the stamps kept while capturing that cover one of its chain hashes.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { PalimpsestDB, StampRecord } from '../store/schema';
import { ensureSigningKey, readSigningKey, SIGNING_ALGORITHM, toBase64 } from '../store/keys';
import { allStamps } from '../store/stamps';
import { leafOf } from '../model/stamp';
import type { ExportSigning } from '../transfer/export';
import type { ExportArticle, ExportStamp } from '../transfer/format';
import { articleStatement, ECDSA, fileStatement, utf8 } from './statement';
import { requestToken as defaultRequestToken } from './timestamp-request';

export interface SigningOptions {
  /** The reader's timestamping service (lib/platform/settings.ts tsaUrl); null or absent: nothing is sent. */
  tsaUrl?: string | null;
  /** How a token is asked for; the real request (lib/evidence/timestamp-request.ts) unless a test gives another. */
  requestToken?: (tsaUrl: string, digest: Uint8Array) => Promise<Uint8Array>;
  /** Told when the export's timestamp could not be had: the export goes on without it. */
  onStampFailed?: (error: unknown) => void;
}

/**
 * The export's signing hooks. `ensure` makes the key when there is none yet: the background passes ensureSigningKey
 * itself, a page asks the background (the only writer of the database) and then reads the key it made.
 */
export async function signingFor(
  db: PalimpsestDB,
  ensure: (db: PalimpsestDB) => Promise<unknown> = ensureSigningKey,
  options: SigningOptions = {},
): Promise<ExportSigning> {
  const key = (await readSigningKey(db)) ?? (await ensure(db), await readSigningKey(db));
  if (!key) throw new Error('The signing key could not be made');
  const sign = async (statement: string) =>
    toBase64(new Uint8Array(await crypto.subtle.sign(ECDSA, key.privateKey, utf8(statement))));
  const byLeaf = stampsByLeaf(await allStamps(db));
  return {
    signer: { algorithm: SIGNING_ALGORITHM, publicKey: key.publicKey, fingerprint: key.fingerprint },
    signArticle: (article) => sign(articleStatement(article, key.fingerprint)),
    stampsOf: (article) => stampsOf(article, byLeaf),
    signFile: async (header, heads) => {
      const statement = fileStatement(header, heads, key.fingerprint);
      const signature = await sign(statement);
      if (!options.tsaUrl) return { signature };
      try {
        const token = await (options.requestToken ?? defaultRequestToken)(options.tsaUrl, sha256(utf8(statement)));
        return { signature, timestamps: [{ token: toBase64(token) }] };
      } catch (error) {
        options.onStampFailed?.(error);
        return { signature };
      }
    },
  };
}

function stampsByLeaf(stamps: readonly StampRecord[]): Map<string, StampRecord[]> {
  const byLeaf = new Map<string, StampRecord[]>();
  for (const stamp of stamps) {
    for (const leaf of stamp.leaves) byLeaf.set(leaf, [...(byLeaf.get(leaf) ?? []), stamp]);
  }
  return byLeaf;
}

/** The stamps that cover one of the article's chain hashes, oldest first, each once. */
function stampsOf(article: ExportArticle, byLeaf: ReadonlyMap<string, StampRecord[]>): ExportStamp[] {
  const hashes = [...article.versions.map((v) => v.chain?.hash), ...(article.removed ?? []).map((r) => r.hash)];
  const found = new Map<number | undefined, StampRecord>();
  for (const hash of hashes) {
    if (!hash) continue;
    for (const stamp of byLeaf.get(leafOf(article.key, hash)) ?? []) found.set(stamp.id ?? found.size, stamp);
  }
  return [...found.values()]
    .sort((a, b) => a.time - b.time)
    .map((stamp) => ({ leaves: [...stamp.leaves], token: stamp.token }));
}
