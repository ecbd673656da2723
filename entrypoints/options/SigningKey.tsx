// The installation's signing key (issue 18): its fingerprint, for the reader to publish, so others can check files.
import { useEffect, useState } from 'preact/hooks';
import { openPageDb } from '@/lib/view/data';
import { t } from '@/lib/platform/i18n';
import { groupedFingerprint, readSigningKey } from '@/lib/store/keys';
import { send } from '@/lib/protocol/send';
import { formatDayYear } from '@/lib/view/format';

type KeyState = { fingerprint: string; createdAt: number } | { error: string } | null;

async function loadKey(): Promise<KeyState> {
  const opened = await openPageDb();
  if (!opened.ok) return { error: opened.message };
  const known = await readSigningKey(opened.db);
  if (known) return known;
  // Made on install; a profile older than that gets it now, from the background (the only writer).
  const made = await send({ type: 'signing-key' });
  if (!made.ok) return { error: made.message };
  return (await readSigningKey(opened.db)) ?? { error: made.fingerprint };
}

export function SigningKey() {
  const [key, setKey] = useState<KeyState>(null);
  useEffect(() => {
    void loadKey().then(setKey, (error: unknown) => setKey({ error: String(error) }));
  }, []);
  if (key === null) return <p class="muted">{t('loading')}</p>;
  if ('error' in key) return <p class="notice notice-warn">{t('optionsKeyMissing', key.error)}</p>;
  return (
    <>
      <dl class="facts">
        <dt>{t('optionsKeyFingerprint')}</dt>
        <dd>
          <code class="fingerprint" data-fingerprint={key.fingerprint}>
            {groupedFingerprint(key.fingerprint)}
          </code>
        </dd>
      </dl>
      <p class="hint">{t('optionsKeyCreated', formatDayYear(key.createdAt))}</p>
    </>
  );
}
