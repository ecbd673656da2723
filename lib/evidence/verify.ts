/**
 * Verifying a signed export (docs/evidence.md), with nothing but the file: the format and every record checked as an
 * import checks them, then, article by article, the evidence chain, each version's content hash and the article's
 * signature, then the file's signature over every article's head, then any trusted timestamps. The first problem
 * found is named with its article and version. The same function runs in the extension's verify page and in
 * `npm run verify` (Node, no network).
 */
import { fingerprintOf, fromBase64 } from '../store/keys';
import { checkArticleChain } from '../transfer/chain-check';
import type { ExportArticle, ExportFile } from '../transfer/format';
import { firstBadContentHash, parseImport } from '../transfer/parse';
import { articleStatement, ECDSA, fileStatement, P256, utf8 } from './statement';
import { tokenFromBase64, verifyStamp, verifyToken, type TokenCheck } from './timestamp';
import { leafOf } from '../model/stamp';
import { sha256 } from '@noble/hashes/sha2.js';

export interface VerifiedStamp {
  /** What the token stamps: 'file', or an article's key. */
  covers: string;
  ok: boolean;
  genTime?: string;
  tsa?: string;
  problem?: string;
}

export type VerifyResult =
  | {
      ok: true;
      articles: number;
      versions: number;
      /** Versions present only as links: removed by retention, or damaged in the exporting browser. */
      removed: number;
      /** Versions linked into the chain after their capture (a migration, an import): when, the file says. */
      chainedLater: number;
      fingerprint: string;
      exportedAt: string;
      timestamps: VerifiedStamp[];
    }
  | { ok: false; article?: string; seq?: number; problem: string };

export interface VerifyOptions {
  now?: number;
}

export async function verifyFile(text: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const parsed = await parseImport(text, { now: options.now, integrity: false });
  if (!parsed.ok) return { ok: false, ...placeOf(text, parsed.error), problem: parsed.error };
  const file: ExportFile = parsed.file;
  if (file.formatVersion < 2) {
    return { ok: false, problem: 'This file is format 1, written before Palimpsest signed its exports: it carries no chain or signature to verify.' };
  }
  if (!file.signer || !file.signature) return { ok: false, problem: 'The file is not signed.' };
  const spki = fromBase64(file.signer.publicKey);
  if (fingerprintOf(spki) !== file.signer.fingerprint) {
    return { ok: false, problem: "The signer's fingerprint is not the fingerprint of the public key in the file." };
  }
  let publicKey: CryptoKey;
  try {
    publicKey = await crypto.subtle.importKey('spki', spki as Uint8Array<ArrayBuffer>, P256, false, ['verify']);
  } catch {
    return { ok: false, problem: 'The public key in the file is not an ECDSA P-256 key.' };
  }
  const verify = (signature: string, statement: string) =>
    crypto.subtle
      .verify(ECDSA, publicKey, fromBase64(signature) as Uint8Array<ArrayBuffer>, utf8(statement))
      .catch(() => false);
  const fingerprint = file.signer.fingerprint;
  let versions = 0;
  let removed = 0;
  let chainedLater = 0;
  for (const article of file.articles) {
    const broken = await checkArticle(article, fingerprint, verify);
    if (broken) return { ok: false, article: article.key, ...broken };
    versions += article.versions.length;
    removed += article.removed?.length ?? 0;
    chainedLater += article.versions.filter((version) => version.chain?.chainedAt).length;
  }
  const heads = file.articles.map((article) => [article.key, article.head!] as const);
  const statement = fileStatement(file, heads, fingerprint);
  if (!(await verify(file.signature, statement))) {
    return {
      ok: false,
      problem: "The file's signature does not match: an article was added, removed or reordered, or the file's header changed.",
    };
  }
  const timestamps: VerifiedStamp[] = [];
  for (const [i, { token }] of (file.timestamps ?? []).entries()) {
    const check = await checkToken(token, sha256(utf8(statement)));
    if (!check.ok) return { ok: false, problem: `The file's timestamp ${i + 1} does not verify: ${check.problem}` };
    timestamps.push({ covers: 'file', ok: true, genTime: check.genTime.toISOString(), tsa: check.tsa });
  }
  for (const article of file.articles) {
    const stamped = await checkStamps(article);
    if ('problem' in stamped) return { ok: false, article: article.key, problem: stamped.problem };
    timestamps.push(...stamped.verified);
  }
  return {
    ok: true,
    articles: file.articles.length,
    versions,
    removed,
    chainedLater,
    fingerprint,
    exportedAt: file.exportedAt,
    timestamps,
  };
}

async function checkToken(token: string, digest: Uint8Array): Promise<TokenCheck> {
  try {
    return await verifyToken(tokenFromBase64(token), digest);
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * An article's stamps: each must hold the leaf of one of the article's own chain hashes (lib/model/stamp.ts), and its
 * token must stamp exactly its leaves. The other leaves are other articles', as opaque hashes.
 */
async function checkStamps(article: ExportArticle): Promise<{ verified: VerifiedStamp[] } | { problem: string }> {
  const own = new Set(
    [...article.versions.map((v) => v.chain?.hash), ...(article.removed ?? []).map((r) => r.hash)]
      .filter((hash): hash is string => Boolean(hash))
      .map((hash) => leafOf(article.key, hash)),
  );
  const verified: VerifiedStamp[] = [];
  for (const [i, stamp] of (article.stamps ?? []).entries()) {
    if (!stamp.leaves.some((leaf) => own.has(leaf))) {
      return { problem: `timestamp ${i + 1} does not cover any version of this article` };
    }
    const check = await verifyStamp(stamp);
    if (!check.ok) return { problem: `timestamp ${i + 1} does not verify: ${check.problem}` };
    verified.push({ covers: article.key, ok: true, genTime: check.genTime.toISOString(), tsa: check.tsa });
  }
  return { verified };
}

/**
 * The article and version a format error names by position ("articles[2].versions[1]…", "articles[2].visits[0].seq:
 * this article has no version 3": a version removed from the file), so the verdict names them as the checks below do.
 */
function placeOf(text: string, error: string): { article?: string; seq?: number } {
  const at = /^articles\[(\d+)\](?:\.versions\[(\d+)\])?/.exec(error);
  if (!at) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
  const article = (data as { articles?: { key?: unknown; versions?: { seq?: unknown }[] }[] }).articles?.[Number(at[1])];
  if (!article || typeof article.key !== 'string') return {};
  const missing = /has no version (\d+)/.exec(error);
  const seq = at[2] === undefined ? (missing ? Number(missing[1]) : undefined) : article.versions?.[Number(at[2])]?.seq;
  return { article: article.key, ...(typeof seq === 'number' ? { seq } : {}) };
}

async function checkArticle(
  article: ExportArticle,
  fingerprint: string,
  verify: (signature: string, statement: string) => Promise<boolean>,
): Promise<{ seq?: number; problem: string } | null> {
  const chain = await checkArticleChain(article);
  if (chain) return { ...(chain.seq === null ? {} : { seq: chain.seq }), problem: chain.problem };
  const bad = await firstBadContentHash(article);
  if (bad !== null) return { seq: bad, problem: `version ${bad}'s sha256 does not match its text` };
  if (!article.signature) return { problem: 'the article is not signed' };
  if (!(await verify(article.signature, articleStatement(article, fingerprint)))) return { problem: "the article's signature does not match its chain head (it was not signed by this key, or was changed)" };
  return null;
}
