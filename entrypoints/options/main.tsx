// Entry of the options page: pause recording, excluded sites, how long to keep history, trusted timestamps, and
// storage used.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { localizePage } from '@/components/page';
import { Slotted } from '@/components/Slotted';
import { t } from '@/lib/platform/i18n';
import { HISTORY_PAGE, VERIFY_PAGE } from '@/lib/view/list';
import '@/components/style.css';
import './options.css';
import { ExcludedSites } from './ExcludedSites';
import { Retention } from './Retention';
import { StorageUsed } from './StorageUsed';
import { SigningKey } from './SigningKey';
import { Timestamps } from './Timestamps';
import { useSettings } from './useSettings';

function Options() {
  const [settings, update] = useSettings();
  const historyUrl = browser.runtime.getURL(HISTORY_PAGE);
  return (
    <main class="options">
      <p class="brand">{t('extName')}</p>
      <h1>{t('settings')}</h1>
      <p class="muted">{t('optionsPrivacy')}</p>
      {!settings ? (
        <p class="muted">{t('loading')}</p>
      ) : (
        <>
          <section aria-labelledby="recording">
            <h2 id="recording">{t('optionsRecording')}</h2>
            <label class="switch">
              <input type="checkbox" checked={settings.paused} onChange={(e) => void update({ paused: e.currentTarget.checked })} />
              {t('optionsPause')}
            </label>
            <p class="hint">{t('optionsPauseHint')}</p>
          </section>
          <section aria-labelledby="excluded">
            <h2 id="excluded">{t('optionsExcluded')}</h2>
            <p class="hint">{t('optionsExcludedHint')}</p>
            <ExcludedSites sites={settings.excludedSites} onChange={(excludedSites) => void update({ excludedSites })} />
          </section>
          <section aria-labelledby="keep">
            <h2 id="keep">{t('optionsHistory')}</h2>
            <Retention days={settings.retentionDays} onChange={(retentionDays) => void update({ retentionDays })} />
            <p class="hint">{t('optionsHistoryHint')}</p>
          </section>
          <section aria-labelledby="timestamps">
            <h2 id="timestamps">{t('optionsTimestamps')}</h2>
            <Timestamps tsaUrl={settings.tsaUrl ?? null} onChange={(tsaUrl) => update({ tsaUrl })} />
          </section>
        </>
      )}
      <section aria-labelledby="signing">
        <h2 id="signing">{t('optionsKey')}</h2>
        <p class="hint">{t('optionsKeyHint')}</p>
        <SigningKey />
        <p>
          <a href={browser.runtime.getURL(VERIFY_PAGE)}>{t('verifyLink')}</a>
        </p>
      </section>
      <section aria-labelledby="storage">
        <h2 id="storage">{t('optionsStorage')}</h2>
        <StorageUsed />
        <p>
          <Slotted message={(link) => t('optionsBrowse', link)}>
            <a href={historyUrl}>{t('allTrackedArticles')}</a>
          </Slotted>
        </p>
      </section>
    </main>
  );
}

localizePage(t('optionsTitle'));
render(<Options />, document.getElementById('app')!);
