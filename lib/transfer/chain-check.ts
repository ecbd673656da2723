/**
 * Checking one article's evidence chain in an export file (format 2, docs/evidence.md): every version's chain hash
 * recomputed from its facts and its predecessor's, every link joined to the one before it in seq order (removed
 * versions count by their link), and the last one equal to the article's head. Pure and synchronous: the import
 * check and the standalone verifier (lib/evidence/verify.ts) run the same code.
 */
import { chainDocument, type ChainedFacts } from '../model/chain';
import type { ExportArticle, ExportVersion } from './format';

export interface ChainProblem {
  /** The first version (or removed link) at which the chain breaks; null when the article as a whole is at fault. */
  seq: number | null;
  problem: string;
}

/** A file version's facts as the chain hash covers them. */
export function factsOf(key: string, version: ExportVersion): ChainedFacts {
  return {
    key,
    seq: version.seq,
    firstSeen: Date.parse(version.firstSeen),
    url: version.url,
    headline: version.headline,
    dek: version.dek,
    byline: version.byline,
    publishedTime: version.publishedTime,
    modifiedTime: version.modifiedTime,
    lang: version.lang,
    ...(version.metaHeadlines ? { metaHeadlines: version.metaHeadlines } : {}),
    body: version.body,
    extractor: version.extractor,
    ...(version.truncated ? { truncated: true as const } : {}),
  };
}

type Item = { seq: number; version: ExportVersion } | { seq: number; removed: NonNullable<ExportArticle['removed']>[number] };

/**
 * The first place the article's chain is broken, or null when it is whole. The links are walked in seq order; every
 * version's hash is recomputed from its facts and the `prev` it claims, which the walk checks is its predecessor's
 * hash, so the hashes are independent and are computed together, natively (crypto.subtle), before the walk.
 */
export async function checkArticleChain(article: ExportArticle): Promise<ChainProblem | null> {
  const items: Item[] = [
    ...article.versions.map((version) => ({ seq: version.seq, version })),
    ...(article.removed ?? []).map((removed) => ({ seq: removed.seq, removed })),
  ];
  items.sort((a, b) => a.seq - b.seq);
  const linked = article.versions.filter((version) => version.chain);
  const hashes = await sha256HexAll(linked.map((version) => chainDocument(factsOf(article.key, version), version.chain!.prev)));
  const recomputed = new Map(linked.map((version, i) => [version, hashes[i]!]));
  let prev: string | null = null;
  let last: Item | null = null;
  for (const item of items) {
    if (last && last.seq === item.seq) return { seq: item.seq, problem: `version ${item.seq} appears twice` };
    if ('removed' in item) {
      if (item.removed.prev !== prev) return { seq: item.seq, problem: broken(item.seq, 'removed version') };
      prev = item.removed.hash;
    } else {
      const { chain } = item.version;
      if (!chain) return { seq: item.seq, problem: `version ${item.seq} has no chain link` };
      if (chain.prev !== prev) return { seq: item.seq, problem: broken(item.seq, 'version') };
      if (recomputed.get(item.version) !== chain.hash) {
        return {
          seq: item.seq,
          problem: `version ${item.seq} was altered: its content does not match its chain hash ${short(chain.hash)}`,
        };
      }
      prev = chain.hash;
    }
    last = item;
  }
  if (!article.head) return { seq: null, problem: 'the article has no chain head' };
  if (prev !== article.head) {
    return {
      seq: last?.seq ?? null,
      problem: `the chain ends at ${prev === null ? 'nothing' : short(prev)}, not at the article's head ${short(article.head)}: a version was removed or added at the end`,
    };
  }
  return null;
}

/** SHA-256 (hex) of each text, with the platform's native digest. */
async function sha256HexAll(texts: readonly string[]): Promise<string[]> {
  const encoder = new TextEncoder();
  const digests = await Promise.all(texts.map((text) => crypto.subtle.digest('SHA-256', encoder.encode(text))));
  return digests.map((digest) => Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''));
}

function broken(seq: number, what: string): string {
  return `the chain is broken at ${what} ${seq}: it does not follow the version before it (one was removed, inserted or reordered)`;
}

function short(hash: string): string {
  return hash.slice(0, 12);
}
