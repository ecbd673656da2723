// The reader's settings as page state, kept in step with storage (another open options page, the popup).
import { useEffect, useState } from 'preact/hooks';
import { settingsItem, type Settings } from '@/lib/platform/settings';

export function useSettings(): [Settings | null, (patch: Partial<Settings>) => Promise<void>] {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void settingsItem.getValue().then(setSettings);
    return settingsItem.watch((value) => setSettings(value));
  }, []);
  // Read-modify-write against storage, not page state, so a change made elsewhere a moment ago is kept.
  const update = async (patch: Partial<Settings>) => {
    const next = { ...(await settingsItem.getValue()), ...patch };
    await settingsItem.setValue(next);
    setSettings(next);
  };
  return [settings, update];
}
