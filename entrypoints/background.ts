/**
 * The only writer of the history database. Validates every message and its sender, records captures, and keeps the
 * toolbar badge of each tab in step with what changed since the reader's previous visit.
 */
import { handleCapture } from '@/lib/service/capture';
import { openHistoryDb } from '@/lib/store/open';
import { type PalimpsestDB } from '@/lib/store/schema';
import { clearAll, deleteArticle, deleteSite } from '@/lib/store/prune';
import { ensureSigningKey } from '@/lib/store/keys';
import { importHistory } from '@/lib/transfer/merge';
import { parseImport } from '@/lib/transfer/parse';
import type { BadgeState } from '@/lib/view/badge';
import type { BackgroundMessage, Refusal, ReplyTo } from '@/lib/protocol/messages';
import { parseMessage } from '@/lib/protocol/schema';
import { actionApi, canUseIndexedDb, storageUnavailableMessage } from '@/lib/platform/browsers';
import { createPruner } from '@/lib/service/retention';
import { stampAfterCapture } from '@/lib/service/timestamps';
import { checkContentSender, checkExtensionPageSender } from '@/lib/protocol/sender';
import { ImportUploads } from '@/lib/service/import-upload';
import { settingsItem } from '@/lib/platform/settings';
import type { Runtime } from 'webextension-polyfill';

/** The browser gives this profile no IndexedDB: every request that needs history gets the same plain answer. */
class StorageUnavailable extends Error {}

export default defineBackground(() => {
  let dbPromise: Promise<PalimpsestDB> | null = null;
  const db = () => {
    dbPromise ??= openHistoryDb().catch(async (error: unknown) => {
      dbPromise = null;
      console.warn('Palimpsest: cannot open the history database:', error);
      // Tell "no storage at all" (nothing the reader does in Palimpsest helps) from a failure of our database.
      throw (await canUseIndexedDb()) ? error : new StorageUnavailable(storageUnavailableMessage());
    });
    return dbPromise;
  };

  const prune = createPruner();
  const action = actionApi();
  const defaultTitle = browser.runtime.getManifest().name;
  const applyBadge = async (tabId: number, badge: BadgeState | null) => {
    await action.setBadgeText({ tabId, text: badge?.text ?? '' });
    await action.setTitle({ tabId, title: badge?.title ?? defaultTitle });
    if (badge) await action.setBadgeBackgroundColor({ tabId, color: badge.color });
  };

  // Each reply is checked against ReplyTo<its message> (lib/protocol/messages.ts), what send() promises its caller.
  // Import files arriving in chunks from the history page (lib/service/import-upload.ts).
  const uploads = new ImportUploads();

  const handle = async (raw: unknown, sender: Runtime.MessageSender): Promise<ReplyTo<BackgroundMessage>> => {
    const parsed = parseMessage(raw);
    if (!parsed.ok) {
      console.warn('Palimpsest: rejected message:', parsed.error);
      return { ok: false, reason: 'invalid', message: parsed.error } satisfies Refusal;
    }
    const message = parsed.message;
    const extensionId = browser.runtime.id;
    if (message.type === 'capture' || message.type === 'left-article') {
      const check = checkContentSender(sender, extensionId);
      if (!check.ok) {
        console.warn('Palimpsest: rejected', message.type, 'from', sender.url, check.message);
        return {
          ok: false,
          reason: check.reason === 'private' ? 'private' : 'invalid',
          message: check.message,
        } satisfies ReplyTo<typeof message>;
      }
      const tabId = sender.tab!.id!;
      if (message.type === 'left-article') {
        await applyBadge(tabId, null);
        return { ok: true } satisfies ReplyTo<typeof message>;
      }
      const settings = await settingsItem.getValue();
      const result = await handleCapture(await db(), {
        snapshot: message.snapshot,
        captureId: message.captureId,
        senderUrl: sender.url!,
        settings,
        now: Date.now(),
      });
      void db()
        .then((d) => prune(d, settings, Date.now()))
        .catch((error: unknown) => console.warn('Palimpsest: pruning failed', error));
      const { reply } = result;
      if (reply.ok) {
        // Trusted timestamps, when the reader named a service: after the answer, so the page never waits for it.
        void db()
          .then((d) => stampAfterCapture(d, { key: reply.key, outcome: reply.outcome }, settings, Date.now()))
          .catch((error: unknown) => console.warn('Palimpsest: timestamping failed', error));
      }
      await applyBadge(tabId, result.badge).catch(() => {
        // The tab may have closed while we recorded; the record itself is what matters.
      });
      return result.reply satisfies ReplyTo<typeof message>;
    }
    const check = checkExtensionPageSender(sender, extensionId, browser.runtime.getURL('/'));
    if (!check.ok) {
      console.warn('Palimpsest: rejected', message.type, 'from', sender.url, check.message);
      return { ok: false, message: check.message } satisfies ReplyTo<typeof message>;
    }
    switch (message.type) {
      case 'delete-article':
        await deleteArticle(await db(), message.key);
        return { ok: true } satisfies ReplyTo<typeof message>;
      case 'delete-site':
        return { ok: true, deleted: await deleteSite(await db(), message.site) } satisfies ReplyTo<typeof message>;
      case 'clear-history':
        await clearAll(await db());
        return { ok: true } satisfies ReplyTo<typeof message>;
      case 'signing-key':
        return { ok: true, fingerprint: (await ensureSigningKey(await db())).fingerprint } satisfies ReplyTo<typeof message>;
      case 'import-chunk': {
        const added = uploads.add(message.upload, message.index, message.text, Date.now());
        return (added.ok ? { ok: true } : { ok: false, message: added.message }) satisfies ReplyTo<typeof message>;
      }
      case 'import-cancel':
        uploads.cancel(message.upload);
        return { ok: true } satisfies ReplyTo<typeof message>;
      case 'import-history': {
        const taken = uploads.take(message.upload, message.chunks, Date.now());
        if (!taken.ok) return { ok: false, message: taken.message } satisfies ReplyTo<typeof message>;
        const parsed = await parseImport(taken.text);
        if (!parsed.ok) return { ok: false, message: parsed.error } satisfies ReplyTo<typeof message>;
        const result = await importHistory(await db(), parsed.file);
        return { ok: true, ...result } satisfies ReplyTo<typeof message>;
      }
    }
  };

  // The installation's signing key is made on first run (issue 18), so the options page can show its fingerprint.
  browser.runtime.onInstalled.addListener(() => {
    void db()
      .then((d) => ensureSigningKey(d))
      .catch((error: unknown) => console.warn('Palimpsest: cannot make the signing key', error));
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) =>
    handle(raw, sender).catch(
      (error: unknown): Refusal => ({
        ok: false,
        reason: 'storage',
        message: error instanceof StorageUnavailable ? error.message : String(error),
      }),
    ),
  );
});
