// Said after the text of a link that opens a new tab, so a screen reader user is not surprised by it; not shown.
import { t } from '@/lib/platform/i18n';

export function NewTabNote() {
  return <span class="sr-only"> {t('opensNewTab')}</span>;
}
