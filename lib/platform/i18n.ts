/**
 * The reader's language. Every word the extension shows is a message in public/_locales/<lang>/messages.json, read
 * with t() (or tn() when it counts something); numbers are formatted by Intl in the language of the messages the
 * browser picked. Outside the browser (Node tests, the bench) there is no browser.i18n: installMessages() gives t()
 * a parsed messages.json to read instead, so the view code that words things stays pure and testable.
 */
import { browser } from 'wxt/browser';

/** One entry of a messages.json, as chrome.i18n and Firefox read it. */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Messages = Record<string, MessageEntry>;

type Substitution = string | number;
type GetMessage = (name: string, substitutions?: string[]) => string;

let installed: { messages: Messages; locale: string } | null = null;
let native: { getMessage: GetMessage; uiLanguage: string } | null | undefined;

/** Lets t() read `messages` (a parsed messages.json for `locale`) where the browser's i18n API is absent. */
export function installMessages(messages: Messages, locale: string): void {
  installed = { messages, locale };
  formats.clear();
}

/** The browser's i18n API, or null in Node and in fake browsers that do not implement it. */
function browserI18n(): typeof native {
  if (native !== undefined) return native;
  try {
    const i18n = browser.i18n;
    native = { getMessage: i18n.getMessage.bind(i18n) as GetMessage, uiLanguage: i18n.getUILanguage() };
  } catch {
    native = null;
  }
  return native;
}

/**
 * Fills a message as chrome.i18n does: $name$ becomes its placeholder's content (names are case-insensitive), then
 * $1…$9 become the substitutions and $$ a dollar sign.
 */
export function fillMessage(entry: MessageEntry, substitutions: readonly string[]): string {
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole);
  return named.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (substitutions[Number(d) - 1] ?? '')));
}

/** The message `key` in the reader's language, its $1…$9 filled in order; the key itself if no locale has it. */
export function t(key: string, ...substitutions: Substitution[]): string {
  const subs = substitutions.map(String);
  const i18n = browserI18n();
  if (i18n) return i18n.getMessage(key, subs) || key;
  const entry = installed?.messages[key];
  return entry ? fillMessage(entry, subs) : key;
}

/** The language the extension's text is shown in, e.g. "de" (the `locale` message of the messages in use). */
function textLanguage(): string {
  return t('locale');
}

/**
 * The locale to format numbers and dates in: the browser's UI language when the extension has messages in that
 * language ("en-US", "de-AT"), else the language of the messages the browser fell back to, so a date never reads in
 * another language than the sentence around it.
 */
export function formatLocale(): string {
  const language = textLanguage();
  const ui = (browserI18n()?.uiLanguage ?? installed?.locale ?? language).replace(/_/g, '-');
  try {
    const [canonical] = Intl.getCanonicalLocales(ui);
    if (canonical && canonical.split('-')[0]!.toLowerCase() === language.toLowerCase()) return canonical;
  } catch {
    // Not a valid language tag: use the messages' language.
  }
  return language;
}

/** Intl formatters are costly to build and pages format hundreds of dates: one per locale and options. */
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(kind: string, options: object, make: (locale: string) => T): T {
  const locale = formatLocale();
  const id = `${kind}|${locale}|${JSON.stringify(options)}`;
  let format = formats.get(id) as T | undefined;
  if (!format) {
    format = make(locale);
    formats.set(id, format);
  }
  return format;
}

export function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached('number', options, (locale) => new Intl.NumberFormat(locale, options));
}

export function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached('date', options, (locale) => new Intl.DateTimeFormat(locale, options));
}

/** 10000 -> "10,000" in English, "10.000" in German. */
export function formatNumber(n: number): string {
  return numberFormat().format(n);
}

/**
 * A message that counts something: `key` names a family of messages, one per plural category of the language
 * (`versions_one`, `versions_other`; Polish would add `_few` and `_many`), picked with Intl.PluralRules. The count,
 * formatted, is $1; `more` follow as $2….
 */
export function tn(key: string, count: number, ...more: Substitution[]): string {
  const category = cached('plural', {}, (locale) => new Intl.PluralRules(locale)).select(count);
  const subs = [formatNumber(count), ...more];
  const text = t(`${key}_${category}`, ...subs);
  return text === `${key}_${category}` ? t(`${key}_other`, ...subs) : text;
}

/** The reader's language and writing direction, for <html lang dir>. */
export function pageLanguage(): { lang: string; dir: 'ltr' | 'rtl' } {
  return { lang: formatLocale(), dir: t('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr' };
}
