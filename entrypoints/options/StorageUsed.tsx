// How much the history takes up: the browser's estimate for the extension, and the records behind it.
import { useEffect, useState } from 'preact/hooks';
import { openPageDb, storageUsage, type StorageUsage } from '@/lib/view/data';
import { formatBytes, plural } from '@/lib/view/article';

export function StorageUsed() {
  const [usage, setUsage] = useState<StorageUsage | string | null>(null);
  useEffect(() => {
    void openPageDb().then(async (opened) => setUsage(opened.ok ? await storageUsage(opened.db) : opened.message));
  }, []);
  if (usage === null) return <p class="muted">Measuring…</p>;
  if (typeof usage === 'string') return <p class="notice notice-warn">{usage}</p>;
  const { counts } = usage;
  return (
    <dl class="usage">
      <dt>Space used</dt>
      <dd>{usage.usage === null ? 'Not reported by this browser' : formatBytes(usage.usage)}</dd>
      <dt>Articles</dt>
      <dd>{counts.articles.toLocaleString('en-GB')}</dd>
      <dt>Versions</dt>
      <dd>{counts.versions.toLocaleString('en-GB')}</dd>
      <dt>Visits</dt>
      <dd>{plural(counts.visits, 'recorded visit')}</dd>
    </dl>
  );
}
