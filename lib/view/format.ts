/**
 * Dates and sizes as the pages and the badge print them, in the reader's language. Intl supplies the month names,
 * digits and numbers for the reader's locale; the order and punctuation around them are the translation's (the
 * dateTime and dateWithYear messages), so English reads "22 Nov, 14:05" in any English-speaking UI, the form the
 * extension has always used, and German "22. Nov., 14:05". Times use the 24-hour clock.
 */
import { dateTimeFormat, numberFormat, t, tn } from '../platform/i18n';

function parts(date: Date, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of dateTimeFormat(options).formatToParts(date)) if (part.type !== 'literal') out[part.type] = part.value;
  return out;
}

/** "22 Nov, 14:05" */
export function formatDayTime(time: number): string {
  const d = new Date(time);
  const { day = '', month = '' } = parts(d, { day: 'numeric', month: 'short' });
  const clock = dateTimeFormat({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return t('dateTime', day, month, clock);
}

/** "22 Nov 2023" */
export function formatDayYear(time: number): string {
  const { day = '', month = '', year = '' } = parts(new Date(time), { day: 'numeric', month: 'short', year: 'numeric' });
  return t('dateWithYear', day, month, year);
}

/** "22 Nov, 14:05" this year, "22 Nov 2023" otherwise: old dates need the year more than the minute. */
export function formatWhen(time: number, now: number = Date.now()): string {
  return new Date(time).getFullYear() === new Date(now).getFullYear() ? formatDayTime(time) : formatDayYear(time);
}

const SIZE_UNITS = [
  (size: string) => t('sizeKB', size),
  (size: string) => t('sizeMB', size),
  (size: string) => t('sizeGB', size),
  (size: string) => t('sizeTB', size),
];

/** "512 bytes", "1.5 KB", "250 MB" (binary multiples, as the browsers' own storage pages count). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return tn('bytes', bytes);
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 ? 1 : 0;
  return SIZE_UNITS[unit]!(numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value));
}
