/**
 * What a trusted timestamp covers (issue 18, docs/evidence.md). A leaf is one article's chain head, bound to its key;
 * a stamp covers a set of leaves, and what is sent to the timestamping service is the SHA-256 of their canonical
 * (RFC 8785) form, nothing else. The verifier recomputes both from an exported file. Pure and synchronous, as chain.ts.
 */
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256Hex } from './chain';

/** Identifies this serialisation of a stamp's leaves; a change gets a new number and keeps verifying old stamps. */
export const STAMP_VERSION = 1;

/** One article's chain head as a stamp covers it: SHA-256 (hex) of the canonical [key, head]. */
export function leafOf(key: string, head: string): string {
  return sha256Hex(canonicalize([key.isWellFormed() ? key : key.toWellFormed(), head]) as string);
}

/** The canonical document a stamp hashes: its leaves sorted and each once. */
export function stampDocument(leaves: readonly string[]): string {
  const sorted = [...new Set(leaves)].sort();
  return canonicalize({ stamp: STAMP_VERSION, leaves: sorted }) as string;
}

/** The 32-byte SHA-256 digest a stamp's TimeStampReq carries (its message imprint). */
export function stampDigest(leaves: readonly string[]): Uint8Array {
  return sha256(utf8ToBytes(stampDocument(leaves)));
}

/** stampDigest in hex, as sha256Hex writes hashes. */
export function stampDigestHex(leaves: readonly string[]): string {
  return bytesToHex(stampDigest(leaves));
}
