// The actions behind the Export and Import buttons. Export reads the extension's own database from the page (the
// file may be far larger than a message may carry); import goes to the background, the only writer.
import { extensionVersion } from '../platform/browsers';
import { formatNumber, t, tn } from '../platform/i18n';
import type { ImportReply } from '../protocol/messages';
import type { DamagedRecord } from '../model/outcome';
import { send } from '../protocol/send';
import { exportFileName, exportText } from '../transfer/export';
import { signingFor } from '../evidence/sign';
import { settingsItem } from '../platform/settings';
import { openPageDb } from './data';
import { formatBytes } from './format';
import { CAPS } from '../model/limits';
import type { ArticleRecord } from '../store/schema';
import { articleExportName } from './file-name';
import { latestUrl } from './list';

export type Progress = (text: string) => void;

/** How an export or import reports and is stopped. */
export interface TransferControl {
  /** A status line in words. */
  onProgress?: Progress;
  /** How much is done of the total: articles for an export, bytes of the file for an import. */
  onAmount?: (done: number, total: number) => void;
  /** Aborting it stops the work and changes nothing: no file is written, nothing is imported. */
  signal?: AbortSignal;
}

/** Downloads the file; resolves to the damaged records it had to leave out (empty when none), to show the reader. */
async function download(keys: string[] | undefined, fileName: string, control: TransferControl = {}): Promise<DamagedRecord[]> {
  const { onProgress, onAmount, signal } = control;
  const opened = await openPageDb();
  if (!opened.ok) throw new Error(opened.message);
  // The file is written in pieces into a Blob, never as one string, whatever the history's size.
  const damaged: DamagedRecord[] = [];
  const parts: string[] = [];
  // With a timestamping service set, the file statement's hash is stamped too (lib/evidence/sign.ts); a service that
  // does not answer leaves the file unstamped, never unexported.
  const { tsaUrl } = await settingsItem.getValue();
  const signing = await signingFor(
    opened.db,
    async () => {
      const made = await send({ type: 'signing-key' });
      if (!made.ok) throw new Error(made.message);
    },
    { tsaUrl: tsaUrl ?? null, onStampFailed: (error) => console.warn('Palimpsest: the export could not be timestamped', error) },
  );
  const pieces = exportText(
    opened.db,
    {
      keys,
      version: extensionVersion(),
      signing,
      onProgress: (done, total) => {
        onProgress?.(t('exportProgress', formatNumber(done), formatNumber(total)));
        onAmount?.(done, total);
      },
    },
    damaged,
  );
  for await (const piece of pieces) {
    signal?.throwIfAborted();
    parts.push(piece);
  }
  signal?.throwIfAborted();
  saveFile(fileName, parts, 'application/json');
  return damaged;
}

/** Saves `parts` as a downloaded file named `fileName`, through a link the page clicks (no downloads permission). */
export function saveFile(fileName: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** How many records to name in a status line; the file names them all. */
const NAMED = 5;

/** The damaged records an export left out (or an import skipped), named for the status line; '' when none. */
export function damagedList(records: readonly DamagedRecord[]): string {
  const named = records.slice(0, NAMED).map((record) =>
    record.seq === null
      ? t('damagedArticle', record.key, record.problem)
      : t('damagedVersion', record.key, formatNumber(record.seq), record.problem),
  );
  return named.join('; ') + (records.length > NAMED ? '; …' : '');
}

/** The status line after an export: plain `done`, or what was left out. */
export function exportedLine(done: string, damaged: readonly DamagedRecord[]): string {
  return damaged.length === 0 ? done : tn('exportDamaged', damaged.length, damagedList(damaged));
}

/** Downloads every tracked article as palimpsest-history-YYYY-MM-DD.json. */
export function exportAll(control: TransferControl = {}): Promise<DamagedRecord[]> {
  return download(undefined, exportFileName(new Date()), control);
}

/**
 * Downloads one article with all its versions and visits as palimpsest-<site>-YYYY-MM-DD.json: a file that can be
 * checked on its own ("Export this article", in the popup and on the history page).
 */
export function exportArticle(article: Pick<ArticleRecord, 'key' | 'urls'>, control: TransferControl = {}): Promise<DamagedRecord[]> {
  return download([article.key], articleExportName(latestUrl(article), new Date()), control);
}

/**
 * Sends the file's text to the background in chunks of at most CAPS.importChunk characters, read from the file as a
 * stream (never one message over a few MiB; Chrome refuses any over 64 MiB), then asks it to check the whole file and
 * merge it all or nothing.
 */
export async function importFile(file: File, control: TransferControl = {}): Promise<ImportReply> {
  const { onProgress, onAmount, signal } = control;
  onProgress?.(t('importReading', file.name));
  const upload = crypto.randomUUID();
  let chunks = 0;
  let bytes = 0;
  const sendChunk = async (text: string) => {
    signal?.throwIfAborted();
    const reply = await send({ type: 'import-chunk', upload, index: chunks++, text });
    if (!reply?.ok) throw new Error(reply?.message ?? t('noAnswer'));
    onAmount?.(bytes, file.size);
  };
  try {
    const counted = textPieces(file, (n) => (bytes += n));
    for await (const chunk of chunked(counted, CAPS.importChunk)) await sendChunk(chunk);
    // The last moment to stop: once the background has the whole file it merges it all or nothing.
    signal?.throwIfAborted();
  } catch (error) {
    void send({ type: 'import-cancel', upload });
    throw error;
  }
  onProgress?.(file.size > 1_000_000 ? t('importCheckingSize', file.name, formatBytes(file.size)) : t('importChecking', file.name));
  return send({ type: 'import-history', upload, chunks });
}

/**
 * The file's text as it is decoded, piece by piece (UTF-8, a leading byte-order mark dropped, as file.text() does),
 * telling `onBytes` how many bytes each piece read.
 */
async function* textPieces(file: Blob, onBytes: (n: number) => void): AsyncGenerator<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      const rest = decoder.decode();
      if (rest !== '') yield rest;
      return;
    }
    onBytes(value.byteLength);
    yield decoder.decode(value, { stream: true });
  }
}

/**
 * Text arriving in pieces of any size, regrouped into chunks of at most `max` characters (at least one chunk, '' for
 * no text), never splitting a surrogate pair: joined, exactly the text.
 */
export async function* chunked(pieces: AsyncIterable<string>, max: number): AsyncGenerator<string> {
  let pending = '';
  let any = false;
  for await (const piece of pieces) {
    pending += piece;
    while (pending.length > max) {
      const high = pending.charCodeAt(max - 1);
      const cut = high >= 0xd800 && high <= 0xdbff ? max - 1 : max;
      yield pending.slice(0, cut);
      any = true;
      pending = pending.slice(cut);
    }
  }
  if (pending !== '' || !any) yield pending;
}
