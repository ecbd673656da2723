// The history page's writes. The page never writes to the database itself: the background is the only writer.
import type { ClearHistoryMessage, DeleteArticleMessage } from '@/lib/protocol/messages';
import { t } from '@/lib/platform/i18n';
import { send as sendMessage } from '@/lib/protocol/send';

async function send(message: DeleteArticleMessage | ClearHistoryMessage): Promise<void> {
  const reply = await sendMessage(message);
  // Undefined when the background did not answer at all (it was stopped mid-request).
  if (!reply?.ok) throw new Error(reply?.message ?? t('noAnswer'));
}

export function requestDelete(key: string): Promise<void> {
  return send({ type: 'delete-article', key });
}

export function requestClearAll(): Promise<void> {
  return send({ type: 'clear-history' });
}

/** Deletes every article of `site`; resolves to how many there were. */
export async function requestDeleteSite(site: string): Promise<number> {
  const reply = await sendMessage({ type: 'delete-site', site });
  if (!reply?.ok) throw new Error(reply?.message ?? t('noAnswer'));
  return reply.deleted;
}
