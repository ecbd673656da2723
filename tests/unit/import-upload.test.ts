/**
 * An import file travels to the background in chunks (issue 17): Chrome refuses a runtime message over 64 MiB. The
 * page regroups the decoded file into chunks of at most CAPS.importChunk characters without splitting a surrogate
 * pair; the background joins them in order, refuses an upload past the import cap, and forgets uploads that are
 * taken, cancelled, abandoned or crowded out.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CAPS } from '../../lib/model/limits';
import { parseMessage } from '../../lib/protocol/schema';
import { ImportUploads } from '../../lib/service/import-upload';
import { chunked, importFile } from '../../lib/view/transfer-actions';

async function* from(pieces: readonly string[]) {
  yield* pieces;
}
const collect = async (chunks: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
};

describe('the page cuts the file into chunks', () => {
  test('joined, the chunks are the text; each is at most the cap and ends on a whole character', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 30 }), fc.integer({ min: 2, max: 17 }), async (pieces, max) => {
        const chunks = await collect(chunked(from(pieces), max));
        expect(chunks.join('')).toBe(pieces.join(''));
        expect(chunks.length).toBeGreaterThan(0);
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(max);
          const last = chunk.charCodeAt(chunk.length - 1);
          expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
        }
      }),
    );
  });

  test('an empty file is one empty chunk; a chunk never exceeds what the message schema takes', async () => {
    expect(await collect(chunked(from([]), 8))).toEqual(['']);
    const big = 'x'.repeat(CAPS.importChunk * 2 + 5);
    const chunks = await collect(chunked(from([big.slice(0, 1000), big.slice(1000)]), CAPS.importChunk));
    expect(chunks.map((c) => c.length)).toEqual([CAPS.importChunk, CAPS.importChunk, 5]);
    const message = { type: 'import-chunk', upload: '0b7c3c1e-8d7e-4f6a-9a51-1f2e3d4c5b6a', index: 0, text: chunks[0] };
    expect(parseMessage(message).ok).toBe(true);
    expect(parseMessage({ ...message, text: `${chunks[0]}x` }).ok).toBe(false);
    expect(parseMessage({ ...message, upload: 'short' }).ok).toBe(false);
  });
});

describe('the background joins the chunks', () => {
  const ID = 'upload-0001';
  test('in index order, whatever order they came in', () => {
    const uploads = new ImportUploads();
    uploads.add(ID, 1, 'world', 0);
    uploads.add(ID, 0, 'hello ', 1);
    expect(uploads.take(ID, 2, 2)).toEqual({ ok: true, text: 'hello world' });
    // Taken once: a second import of the same upload finds nothing.
    expect(uploads.take(ID, 2, 3)).toMatchObject({ ok: false });
  });

  test('a missing chunk, or a count that does not match, imports nothing', () => {
    const uploads = new ImportUploads();
    uploads.add(ID, 0, 'a', 0);
    uploads.add(ID, 2, 'c', 0);
    expect(uploads.take(ID, 3, 1)).toEqual({ ok: false, message: 'Part of the file did not arrive: import it again' });
    uploads.add(ID, 0, 'a', 2);
    expect(uploads.take(ID, 2, 3)).toMatchObject({ ok: false });
  });

  test('an upload past the import cap is refused and dropped', () => {
    const uploads = new ImportUploads();
    const chunk = 'x'.repeat(CAPS.importChunk);
    const count = CAPS.importBytes / CAPS.importChunk;
    for (let i = 0; i < count; i++) expect(uploads.add(ID, i, chunk, 0)).toEqual({ ok: true });
    expect(uploads.add(ID, count, 'x', 0)).toEqual({ ok: false, message: expect.stringMatching(/^File too large/) });
    expect(uploads.take(ID, count + 1, 0)).toMatchObject({ ok: false });
  });

  test('cancelled, idle for five minutes, or the oldest of three: forgotten', () => {
    const uploads = new ImportUploads();
    uploads.add('cancelled-1', 0, 'a', 0);
    uploads.cancel('cancelled-1');
    expect(uploads.take('cancelled-1', 1, 0)).toMatchObject({ ok: false });
    uploads.add('idle-0001', 0, 'a', 0);
    expect(uploads.take('idle-0001', 1, 5 * 60_000 + 1)).toMatchObject({ ok: false });
    uploads.add('first-001', 0, 'a', 0);
    uploads.add('second-01', 0, 'b', 1);
    uploads.add('third-001', 0, 'c', 2);
    expect(uploads.take('first-001', 1, 3)).toMatchObject({ ok: false });
    expect(uploads.take('second-01', 1, 3)).toEqual({ ok: true, text: 'b' });
    expect(uploads.take('third-001', 1, 3)).toEqual({ ok: true, text: 'c' });
  });
});

describe('the history page sends the file', () => {
  const sent: { type: string; index?: number; text?: string }[] = [];
  let abortAfter = Infinity;
  const abort = new AbortController();
  beforeEach(() => {
    fakeBrowser.reset();
    sent.length = 0;
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      const m = message as (typeof sent)[number];
      sent.push({ type: m.type, index: m.index, text: m.text === undefined ? undefined : String(m.text.length) });
      if (m.type === 'import-chunk' && (m.index ?? 0) + 1 >= abortAfter) abort.abort();
      return Promise.resolve(m.type === 'import-history' ? { ok: true, added: { articles: 0, versions: 0, visits: 0 }, articles: 0, versions: 0, visits: 0, skipped: [] } : { ok: true });
    });
  });

  test('in chunks of CAPS.importChunk characters, then asks for the import, with the bytes read so far', async () => {
    const file = new File(['é'.repeat(CAPS.importChunk * 2 + 10)], 'history.json');
    const amounts: [number, number][] = [];
    await importFile(file, { onAmount: (done, total) => amounts.push([done, total]) });
    expect(sent.map((m) => [m.type, m.index, m.text])).toEqual([
      ['import-chunk', 0, String(CAPS.importChunk)],
      ['import-chunk', 1, String(CAPS.importChunk)],
      ['import-chunk', 2, '10'],
      ['import-history', undefined, undefined],
    ]);
    expect(amounts.at(-1)).toEqual([file.size, file.size]);
  });

  test('cancelled part-way: the upload is dropped and the import never asked for', async () => {
    abortAfter = 2;
    const file = new File(['x'.repeat(CAPS.importChunk * 4)], 'history.json');
    await expect(importFile(file, { signal: abort.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent.map((m) => m.type)).toEqual(['import-chunk', 'import-chunk', 'import-cancel']);
  });
});
