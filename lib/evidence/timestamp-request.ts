/**
 * Asking a timestamping service for a token (RFC 3161 over HTTP, RFC 3161 §3.4): one POST of the DER request, which
 * holds a SHA-256 digest and a random nonce and nothing else, without cookies or credentials; a timeout and a size
 * cap on the answer. The token is returned only once it answers this request and verifies (timestamp.ts).
 */
import { tsaUrlFromInput } from '../model/url';
import { makeRequest, newNonce, readResponse, TimestampError, verifyToken } from './timestamp';

/** How long a service may take to answer. */
export const TSA_TIMEOUT_MS = 30_000;
/** A token is a few kilobytes (a signature and a certificate or two); anything far larger is not an answer to keep. */
export const MAX_TSA_RESPONSE_BYTES = 256 * 1024;

export interface RequestOptions {
  timeoutMs?: number;
  maxBytes?: number;
}

/**
 * Sends `digest` (SHA-256, 32 bytes) to the service at `tsaUrl` and resolves with the DER TimeStampToken
 * (ContentInfo) it answered. Rejects with a TimestampError (refused, malformed, not this request's, not verifying,
 * too large, too slow) or the fetch error; `signal` aborts it.
 */
export async function requestToken(
  tsaUrl: string,
  digest: Uint8Array,
  signal?: AbortSignal,
  options: RequestOptions = {},
): Promise<Uint8Array> {
  const url = tsaUrlFromInput(tsaUrl);
  if (!url) throw new TimestampError('The timestamping service must have an https:// address');
  const nonce = newNonce();
  const body = makeRequest(digest, nonce);
  const timeout = AbortSignal.timeout(options.timeoutMs ?? TSA_TIMEOUT_MS);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/timestamp-query' },
    body: new Uint8Array(body),
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
    redirect: 'error',
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  }).catch((error: unknown) => {
    if (timeout.aborted && !signal?.aborted) throw new TimestampError('The timestamping service did not answer in time');
    throw error;
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new TimestampError(`The timestamping service answered HTTP ${response.status}`);
  }
  const der = await readCapped(response, options.maxBytes ?? MAX_TSA_RESPONSE_BYTES);
  const token = readResponse(der, digest, nonce);
  const check = await verifyToken(token, digest);
  if (!check.ok) throw new TimestampError(`The timestamping service's token does not verify: ${check.problem}`);
  return token;
}

/** The response body, refused as soon as it passes `maxBytes` (a declared Content-Length is checked first). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new TimestampError(`The timestamping service's answer is larger than ${maxBytes} bytes`);
  const declared = Number(response.headers.get('Content-Length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const der = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    der.set(chunk, at);
    at += chunk.length;
  }
  return der;
}
