// Gives an extension page the reader's language: its title, <html lang> (for hyphenation, screen readers and
// fonts) and writing direction. The pages' HTML says lang="en" only until this runs.
import { pageLanguage } from '@/lib/platform/i18n';

export function localizePage(title: string): void {
  const { lang, dir } = pageLanguage();
  document.documentElement.lang = lang;
  document.documentElement.dir = dir;
  document.title = title;
}
