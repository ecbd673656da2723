/**
 * An import file on its way from the history page to the background, in pieces: Chrome refuses a runtime message over
 * 64 MiB, and a history of a few years is larger. The page sends the file's text in chunks of at most
 * CAPS.importChunk characters ('import-chunk'), then asks for the import ('import-history' with the upload's id and chunk
 * count); the background joins the chunks in order, checks and merges the whole file all or nothing as before. An
 * upload that never finishes is dropped after a while; one over the import cap is refused as soon as it is.
 */
import { CAPS } from '../model/limits';

/** Uploads at once (two history pages importing); a third replaces the oldest. */
const MAX_UPLOADS = 2;
/** An upload not added to or finished for this long is dropped. */
const IDLE_MS = 5 * 60_000;

interface Upload {
  chunks: string[];
  chars: number;
  touched: number;
}

export type Taken = { ok: true; text: string } | { ok: false; message: string };

export class ImportUploads {
  private readonly uploads = new Map<string, Upload>();

  /** Adds chunk `index` of upload `id`; false (and the upload dropped) when the upload grows past the import cap. */
  add(id: string, index: number, text: string, now: number): { ok: true } | { ok: false; message: string } {
    this.expire(now);
    let upload = this.uploads.get(id);
    if (!upload) {
      if (this.uploads.size >= MAX_UPLOADS) this.uploads.delete(this.uploads.keys().next().value!);
      upload = { chunks: [], chars: 0, touched: now };
      this.uploads.set(id, upload);
    }
    upload.chars += text.length - (upload.chunks[index]?.length ?? 0);
    upload.chunks[index] = text;
    upload.touched = now;
    if (upload.chars > CAPS.importBytes) {
      this.uploads.delete(id);
      return { ok: false, message: `File too large (the limit is ${CAPS.importBytes / (1024 * 1024)} MB)` };
    }
    return { ok: true };
  }

  /** The whole text of upload `id`, which must have exactly `count` chunks; the upload is forgotten either way. */
  take(id: string, count: number, now: number): Taken {
    this.expire(now);
    const upload = this.uploads.get(id);
    this.uploads.delete(id);
    if (!upload) return { ok: false, message: 'The file did not arrive (the extension restarted meanwhile?): import it again' };
    // Not chunks.every(): it skips the holes a missing chunk leaves.
    const complete = upload.chunks.length === count && Array.from({ length: count }, (_, i) => upload.chunks[i]).every((c) => c !== undefined);
    if (!complete) return { ok: false, message: 'Part of the file did not arrive: import it again' };
    return { ok: true, text: upload.chunks.join('') };
  }

  /** Drops upload `id` (the reader cancelled). */
  cancel(id: string): void {
    this.uploads.delete(id);
  }

  private expire(now: number): void {
    for (const [id, upload] of this.uploads) if (now - upload.touched > IDLE_MS) this.uploads.delete(id);
  }
}
