// The warning that storage is nearly full (80% or more of what the browser allows the extension), shown before it is
// full and new versions can no longer be recorded, with what the reader can do about it.
import { useEffect, useState } from 'preact/hooks';
import { formatLocale, t } from '@/lib/platform/i18n';
import { storageEstimate, storagePressure, type StorageUsage } from '@/lib/view/data';

export function StorageWarning({ usage, version = 0 }: { usage?: Pick<StorageUsage, 'usage' | 'quota'>; version?: number }) {
  const [estimate, setEstimate] = useState(usage ?? null);
  useEffect(() => {
    if (usage) return setEstimate(usage);
    void storageEstimate().then(setEstimate, () => setEstimate(null));
  }, [usage, version]);
  const share = estimate ? storagePressure(estimate) : null;
  if (share === null) return null;
  const percent = new Intl.NumberFormat(formatLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
  return (
    <p class="notice notice-warn" role="alert" id="storage-warning">
      {t('storageNearlyFull', percent)}
    </p>
  );
}
