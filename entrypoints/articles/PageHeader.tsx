// The history page's header: its name, and the buttons that act on the whole history.
import type { Ref } from 'preact';
import { useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/platform/i18n';
import { VERIFY_PAGE } from '@/lib/view/list';
import { TransferProgress } from './TransferProgress';
import type { HistoryActions } from './useHistoryActions';

interface Props {
  actions: HistoryActions;
  /** An article is open: its headline is the page's h1, and this header only names the list. */
  detail: boolean;
  heading: Ref<HTMLHeadingElement>;
}

export function PageHeader({ actions, detail, heading }: Props) {
  const fileInput = useRef<HTMLInputElement>(null);
  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    await actions.importFrom(file);
    // Picking the same file again must import it again.
    input.value = '';
  };
  return (
    <header class="page-head">
      <div>
        <a class="brand" href="#">
          {t('extName')}
        </a>
        {detail ? (
          <p class="page-name">{t('historyHeading')}</p>
        ) : (
          <h1 ref={heading} tabIndex={-1}>
            {t('historyHeading')}
          </h1>
        )}
      </div>
      <div class="head-actions">
        <button type="button" id="export-all" onClick={() => void actions.exportEverything()}>
          {t('historyExportAll')}
        </button>
        <button type="button" id="import-file" onClick={() => fileInput.current?.click()}>
          {t('historyImport')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={(e) => void onFile(e.currentTarget)}
        />
        <button type="button" class="danger" id="clear-all" onClick={() => void actions.clearEverything()}>
          {t('historyClearAll')}
        </button>
        <a href={browser.runtime.getURL(VERIFY_PAGE)} id="verify-link">
          {t('verifyLink')}
        </a>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('settings')}
        </button>
      </div>
      {actions.running && <TransferProgress running={actions.running} />}
    </header>
  );
}
