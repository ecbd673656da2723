// Unit tests run in Node, where there is no browser.i18n: the views word things from the real English messages, as
// an English browser would show them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { installMessages, type Messages } from '../../lib/platform/i18n';

const file = path.resolve(import.meta.dirname, '../../public/_locales/en/messages.json');
installMessages(JSON.parse(readFileSync(file, 'utf8')) as Messages, 'en');
