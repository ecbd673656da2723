/**
 * What a signed export's signatures cover (docs/evidence.md): an article statement per article and one file
 * statement, each the canonical JSON (RFC 8785) of a few named facts, signed as UTF-8 with ECDSA P-256 and SHA-256.
 * The article's chain head commits to every version before it (lib/model/chain.ts), so signing the head signs them
 * all; an article can be cut out of a file and still be checked alone.
 */
import canonicalize from 'canonicalize';
import type { ExportArticle, ExportFile } from '../transfer/format';

export type StatementHeader = Pick<ExportFile, 'format' | 'formatVersion' | 'exportedAt' | 'generator'>;

/** An article's statement: its key, its chain head, and which versions are in the chain only as links, and why. */
export function articleStatement(article: ExportArticle, fingerprint: string): string {
  return canonicalize({
    statement: 'palimpsest-article/1',
    key: article.key,
    head: article.head ?? null,
    removed: (article.removed ?? []).map((link) => [link.seq, link.reason]),
    signer: fingerprint,
  }) as string;
}

/** The file's statement: its header and every article's key and head, in the file's order. */
export function fileStatement(
  header: StatementHeader,
  heads: readonly (readonly [string, string])[],
  fingerprint: string,
): string {
  return canonicalize({
    statement: 'palimpsest-export/1',
    format: header.format,
    formatVersion: header.formatVersion,
    exportedAt: header.exportedAt,
    generator: { name: header.generator.name, version: header.generator.version },
    signer: fingerprint,
    articles: heads.map(([key, head]) => [key, head]),
  }) as string;
}

export const ECDSA: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
export const P256: EcKeyImportParams = { name: 'ECDSA', namedCurve: 'P-256' };
export const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);
