// Entry of the verify page, verify.html: the reader drops or picks an exported file and sees whether it is intact.
import { render } from 'preact';
import { localizePage } from '@/components/page';
import { t } from '@/lib/platform/i18n';
import '@/components/style.css';
import './verify.css';
import { VerifyApp } from './VerifyApp';

localizePage(t('verifyTitle'));
render(<VerifyApp />, document.getElementById('app')!);
