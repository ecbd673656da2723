/**
 * The installation's signing key (issue 18, docs/evidence.md): an ECDSA P-256 key pair made with WebCrypto on first
 * run. The private key is non-extractable and lives only in this database (IndexedDB stores CryptoKey objects as
 * they are), so exports can be signed here and nowhere else; the public key and its fingerprint go into every signed
 * export and onto the options page, for the reader to publish.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { PalimpsestDB, SigningKeyRecord } from './schema';

export const SIGNING_ALGORITHM = 'ECDSA-P256-SHA256';
const KEY_PARAMS: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** SHA-256 (hex) of a DER public key. */
export function fingerprintOf(spki: Uint8Array): string {
  return bytesToHex(sha256(spki));
}

/** The fingerprint as people read it aloud or compare it: groups of four hex digits. */
export function groupedFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
}

export async function readSigningKey(db: PalimpsestDB): Promise<SigningKeyRecord | null> {
  return ((await db.get('meta', 'signingKey')) as SigningKeyRecord | undefined) ?? null;
}

/**
 * The key, made if there is none yet. Two callers racing (the background starting, an export) both make a pair, but
 * only the first is stored: the write is add(), which fails for the second, who then reads the first's.
 */
export async function ensureSigningKey(db: PalimpsestDB, now: number = Date.now()): Promise<SigningKeyRecord> {
  const known = await readSigningKey(db);
  if (known) return known;
  const pair = await crypto.subtle.generateKey(KEY_PARAMS, false, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const record: SigningKeyRecord = {
    privateKey: pair.privateKey,
    publicKey: toBase64(spki),
    fingerprint: fingerprintOf(spki),
    createdAt: now,
  };
  try {
    await db.add('meta', record, 'signingKey');
    return record;
  } catch {
    const stored = await readSigningKey(db);
    if (stored) return stored;
    throw new Error('The signing key could not be stored');
  }
}
