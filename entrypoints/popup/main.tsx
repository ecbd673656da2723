// Entry of the toolbar popup.
import { render } from 'preact';
import { localizePage } from '@/components/page';
import { isToolbarPopup } from '@/lib/platform/browsers';
import { t } from '@/lib/platform/i18n';
import '@/components/style.css';
import './popup.css';
import { Popup } from './Popup';

localizePage(t('extName'));
document.documentElement.classList.toggle('toolbar-popup', isToolbarPopup(window));
render(<Popup />, document.getElementById('app')!);
