// How much the history takes up: the browser's estimate for the extension, and the records behind it.
import { useEffect, useState } from 'preact/hooks';
import { openPageDb, storageUsage, type StorageUsage } from '@/lib/view/data';
import { formatNumber, t, tn } from '@/lib/platform/i18n';
import { StorageWarning } from '@/components/StorageWarning';
import { formatBytes } from '@/lib/view/article';

export function StorageUsed() {
  const [usage, setUsage] = useState<StorageUsage | string | null>(null);
  useEffect(() => {
    void openPageDb().then(async (opened) => setUsage(opened.ok ? await storageUsage(opened.db) : opened.message));
  }, []);
  if (usage === null) return <p class="muted">{t('storageMeasuring')}</p>;
  if (typeof usage === 'string') return <p class="notice notice-warn">{usage}</p>;
  const { counts } = usage;
  return (
    <>
    <StorageWarning usage={usage} />
    <dl class="usage">
      <dt>{t('storageSpaceUsed')}</dt>
      <dd>{usage.usage === null ? t('storageNotReported') : formatBytes(usage.usage)}</dd>
      <dt>{t('storageAllowed')}</dt>
      <dd>{usage.quota === null ? t('storageNotReported') : formatBytes(usage.quota)}</dd>
      <dt>{t('storageArticles')}</dt>
      <dd>{formatNumber(counts.articles)}</dd>
      <dt>{t('listColVersions')}</dt>
      <dd>{formatNumber(counts.versions)}</dd>
      <dt>{t('storageVisits')}</dt>
      <dd>{tn('storageVisitCount', counts.visits)}</dd>
    </dl>
    </>
  );
}
