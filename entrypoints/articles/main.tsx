// Entry of the history page, articles.html. Not history.html: WXT would make that page replace the browser's own
// history (chrome_url_overrides).
import { render } from 'preact';
import '@/components/style.css';
import './articles.css';
import { HistoryApp } from './HistoryApp';

render(<HistoryApp />, document.getElementById('app')!);
