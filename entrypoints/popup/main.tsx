// Entry of the toolbar popup.
import { render } from 'preact';
import { localizePage } from '@/components/page';
import { t } from '@/lib/platform/i18n';
import '@/components/style.css';
import './popup.css';
import { Popup } from './Popup';

localizePage(t('extName'));
render(<Popup />, document.getElementById('app')!);
