/**
 * The translations stay whole and loadable: every message the code asks for (t('key'), tn('key', n) and the
 * manifest's __MSG_key__) exists in every locale, with one message per plural category of that locale's language;
 * no locale has a message the default lacks; each message takes the same substitutions in every language; and every
 * messages.json follows the rules chrome.i18n and Firefox load it by. Reads the source and the JSON; nothing is run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, sourceFiles } from '../helpers/source-files';
import { fillMessage, type Messages } from '../../lib/platform/i18n';

const LOCALES_DIR = path.join(ROOT, 'public/_locales');
const I18N_MODULE = 'lib/platform/i18n.ts';

const SOURCES = [...sourceFiles('lib'), ...sourceFiles('components'), ...sourceFiles('entrypoints')].map((file) => ({
  file,
  text: readFileSync(path.join(ROOT, file), 'utf8'),
}));
const MANIFEST_SOURCE = readFileSync(path.join(ROOT, 'wxt.config.ts'), 'utf8');
/** The manifest, and the pages' HTML (WXT copies the popup's <title> into the manifest): where __MSG_key__ is used. */
const MSG_SOURCES = [
  MANIFEST_SOURCE,
  ...readdirSync(path.join(ROOT, 'entrypoints'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(ROOT, 'entrypoints', entry.name, 'index.html'))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file, 'utf8')),
];

/** Message keys the code names literally: t('key'), and tn('key') for plural families. */
function usedKeys(): { plain: Set<string>; plural: Set<string> } {
  const plain = new Set<string>();
  const plural = new Set<string>();
  for (const { text } of SOURCES) {
    for (const m of text.matchAll(/\bt\(\s*'([^']*)'/g)) plain.add(m[1]!);
    for (const m of text.matchAll(/\btn\(\s*'([^']*)'/g)) plural.add(m[1]!);
  }
  for (const text of MSG_SOURCES) for (const m of text.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)) plain.add(m[1]!);
  return { plain, plural };
}

const DEFAULT_LOCALE = /default_locale:\s*'([^']+)'/.exec(MANIFEST_SOURCE)?.[1];
const LOCALES = readdirSync(LOCALES_DIR).sort();
const raw = (locale: string) => readFileSync(path.join(LOCALES_DIR, locale, 'messages.json'), 'utf8');
const catalogue = (locale: string) => JSON.parse(raw(locale)) as Messages;
/** The language a locale folder is for: pt_BR -> pt-BR, the form Intl takes. */
const language = (locale: string) => locale.replace('_', '-');
const categories = (locale: string) => new Intl.PluralRules(language(locale)).resolvedOptions().pluralCategories;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** Placeholder names a message refers to, lower-cased as the browsers compare them. */
const referenced = (message: string) => new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()));
/** A message's substitution shape: each placeholder (lower-cased) and what it stands for, plus bare $1…$9. */
function shape(entry: Messages[string]): string[] {
  const named = Object.entries(entry.placeholders ?? {}).map(([name, p]) => `${name.toLowerCase()}=${p.content}`);
  const bare = [...entry.message.replace(/\$\$/g, '').matchAll(/\$([1-9])/g)].map((m) => `$${m[1]}`);
  return [...named, ...new Set(bare)].sort();
}

describe('the translations', () => {
  test('the default locale is English and there is at least one more complete locale', () => {
    expect(DEFAULT_LOCALE).toBe('en');
    expect(LOCALES).toContain('en');
    expect(LOCALES).toContain('de');
  });

  test.each(LOCALES)('%s/messages.json is valid for chrome.i18n and Firefox', (locale) => {
    expect(locale).toMatch(/^[a-z]{2,3}(_[A-Z]{2})?$/);
    const messages = catalogue(locale);
    const problems: string[] = [];
    const lower = new Set<string>();
    for (const [key, entry] of Object.entries(messages)) {
      // Names are case-insensitive; @@ names are the browser's own.
      if (!/^[A-Za-z0-9_@]+$/.test(key) || key.startsWith('@@')) problems.push(`${key}: invalid name`);
      if (lower.has(key.toLowerCase())) problems.push(`${key}: duplicate name (names ignore case)`);
      lower.add(key.toLowerCase());
      if (typeof entry !== 'object' || entry === null || typeof entry.message !== 'string') {
        problems.push(`${key}: no "message" string`);
        continue;
      }
      const allowed = new Set(['message', 'description', 'placeholders']);
      for (const field of Object.keys(entry)) if (!allowed.has(field)) problems.push(`${key}: unknown field ${field}`);
      if (entry.description !== undefined && typeof entry.description !== 'string') problems.push(`${key}: description`);
      const declared = new Set<string>();
      for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
        if (!/^[A-Za-z0-9_@]+$/.test(name)) problems.push(`${key}: invalid placeholder name ${name}`);
        if (typeof placeholder?.content !== 'string') problems.push(`${key}: placeholder ${name} has no content`);
        declared.add(name.toLowerCase());
      }
      for (const name of referenced(entry.message)) {
        if (!declared.has(name)) problems.push(`${key}: $${name}$ is not declared in placeholders`);
      }
      for (const name of declared) {
        if (!referenced(entry.message).has(name)) problems.push(`${key}: placeholder ${name} is never used`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('every key the code and the manifest use is in every locale, with every plural form of its language', () => {
    const { plain, plural } = usedKeys();
    expect(plain.size + plural.size).toBeGreaterThan(100);
    const missing: string[] = [];
    for (const locale of LOCALES) {
      const messages = catalogue(locale);
      for (const key of plain) if (!key.startsWith('@@') && !(key in messages)) missing.push(`${locale}: ${key}`);
      for (const key of plural) {
        for (const category of categories(locale)) {
          if (!(`${key}_${category}` in messages)) missing.push(`${locale}: ${key}_${category}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test('message keys in code are literal, so this test sees them all', () => {
    const dynamic = SOURCES.filter(({ file }) => file !== I18N_MODULE).flatMap(({ file, text }) =>
      [...text.matchAll(/\btn?\(\s*([^'\s)])/g)].map((m) => `${file}: t(${m[1]}…`),
    );
    expect(dynamic).toEqual([]);
  });

  test('every message in the default locale is used', () => {
    const { plain, plural } = usedKeys();
    const unused = Object.keys(catalogue('en')).filter((key) => {
      const family = key.replace(PLURAL_SUFFIX, '');
      return !plain.has(key) && !(family !== key && plural.has(family));
    });
    expect(unused).toEqual([]);
  });

  test('no locale has a message the default lacks; every locale has all of the default', () => {
    const base = catalogue('en');
    const problems: string[] = [];
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const messages = catalogue(locale);
      for (const key of Object.keys(messages)) {
        const family = key.replace(PLURAL_SUFFIX, '');
        const isPluralForm = family !== key && `${family}_other` in base;
        if (!(key in base) && !isPluralForm) problems.push(`${locale} has ${key}, en does not`);
      }
      for (const key of Object.keys(base)) {
        // Plural families differ by language (German has one/other, Polish adds few/many): checked above.
        if (PLURAL_SUFFIX.test(key) && key !== key.replace(PLURAL_SUFFIX, '_other')) continue;
        if (!(key in messages)) problems.push(`${locale} lacks ${key}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('each message takes the same substitutions in every locale', () => {
    const base = catalogue('en');
    const shapeOf = (messages: Messages, key: string) => {
      // All forms of a plural family take the substitutions of its _other form.
      const entry = messages[key] ?? messages[key.replace(PLURAL_SUFFIX, '_other')];
      return entry ? shape(entry) : null;
    };
    const problems: string[] = [];
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const messages = catalogue(locale);
      for (const key of Object.keys(messages)) {
        const expected = shapeOf(base, key);
        if (expected && JSON.stringify(shape(messages[key]!)) !== JSON.stringify(expected)) {
          problems.push(`${locale}/${key}: ${shape(messages[key]!).join(' ')} vs en: ${expected.join(' ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('German reads as German: plurals, dates and numbers', () => {
    const de = catalogue('de');
    const fill = (key: string, ...subs: string[]) => fillMessage(de[key]!, subs);
    expect(fill('versions_one', '1')).toBe('1 Version');
    expect(fill('versions_other', '3')).toBe('3 Versionen');
    expect(fill('gap_other', '5')).toBe('… 5 unveränderte Absätze');
    expect(fill('summaryParagraphsAdded_other', '2')).toBe('2 Absätze hinzugefügt');
    expect(fill('dateTime', '22', 'Nov.', '14:05')).toBe('22. Nov., 14:05');
    expect(fill('listRange', '51', '100', new Intl.NumberFormat('de').format(10_000))).toBe('51–100 von 10.000');
  });

  test('fillMessage follows chrome.i18n: named placeholders, $1…$9 and $$', () => {
    const entry = {
      message: 'Price: $$$AMOUNT$ for $Item$',
      placeholders: { amount: { content: '$1' }, item: { content: '$2' } },
    };
    expect(fillMessage(entry, ['5', 'a $1 book'])).toBe('Price: $5 for a $1 book');
  });
});
