/**
 * The reader's privacy settings, kept in extension storage through WXT's storage with versioned migrations.
 */
import { storage } from 'wxt/utils/storage';

export interface Settings {
  /** When true nothing is recorded. */
  paused: boolean;
  /** Hostnames never recorded; a listed host also excludes its subdomains. */
  excludedSites: string[];
  /** Keep history for this many days; null keeps it forever. */
  retentionDays: number | null;
}

export const DEFAULT_SETTINGS: Settings = { paused: false, excludedSites: [], retentionDays: null };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** Normalises what the reader typed ("https://www.Example.com/path", " example.com ") to a hostname. */
export function siteFromInput(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  if (trimmed === '') return null;
  try {
    const host = new URL(/^[a-z]+:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

export function isExcluded(settings: Settings, url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return false;
  }
  return settings.excludedSites.some((site) => host === site || host.endsWith(`.${site}`));
}
