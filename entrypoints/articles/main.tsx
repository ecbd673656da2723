// Entry of the history page, articles.html. Not history.html: WXT would make that page replace the browser's own
// history (chrome_url_overrides).
import { render } from 'preact';
import { localizePage } from '@/components/page';
import { t } from '@/lib/platform/i18n';
import '@/components/style.css';
import './articles.css';
import { HistoryApp } from './HistoryApp';

localizePage(t('historyTitle'));
render(<HistoryApp />, document.getElementById('app')!);
