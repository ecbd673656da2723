// Placeholder actions behind the export and import buttons; the lead wires them to lib/export.ts.
import { browser } from 'wxt/browser';
import type { ImportReply } from '@/lib/messages';

/** TODO(lead): download every tracked article as one file (lib/export.ts). */
export async function exportAll(): Promise<void> {
  throw new Error('Export is not available yet.');
}

/** TODO(lead): download one article with all its versions (lib/export.ts). */
export async function exportArticle(key: string): Promise<void> {
  throw new Error(`Export is not available yet (${key}).`);
}

/** Sends the file's text to the background, the only writer, which validates and merges it. */
export async function importFile(file: File): Promise<ImportReply> {
  const text = await file.text();
  return (await browser.runtime.sendMessage({ type: 'import-history', text })) as ImportReply;
}
