// The history page's writes. The page never writes to the database itself: the background is the only writer.
import { browser } from 'wxt/browser';
import type { SimpleReply } from '@/lib/messages';

async function send(message: { type: 'delete-article'; key: string } | { type: 'clear-history' }): Promise<void> {
  const reply = (await browser.runtime.sendMessage(message)) as SimpleReply | undefined;
  if (!reply?.ok) throw new Error(reply?.message ?? 'No answer from the background');
}

export function requestDelete(key: string): Promise<void> {
  return send({ type: 'delete-article', key });
}

export function requestClearAll(): Promise<void> {
  return send({ type: 'clear-history' });
}
