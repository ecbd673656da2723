/**
 * lib/platform/browsers.ts in Node: the IndexedDB probe tells a usable factory from one the browser refuses (an error event, or
 * a synchronous throw as Firefox's private mode used to give), and the toolbar-button API is found in MV3.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { expect, test } from 'vitest';
import { actionApi, canUseIndexedDb } from '../../lib/platform/browsers';

test('a working IndexedDB passes the probe, which leaves no database behind', async () => {
  const factory = new IDBFactory();
  expect(await canUseIndexedDb(factory)).toBe(true);
  await new Promise((r) => setTimeout(r, 10));
  expect(await factory.databases()).toEqual([]);
});

test('a refused IndexedDB fails the probe, whether open throws or errors', async () => {
  expect(await canUseIndexedDb(null)).toBe(false);
  const throwing = {
    open: () => {
      throw new DOMException('A mutation operation was attempted', 'InvalidStateError');
    },
  };
  expect(await canUseIndexedDb(throwing as unknown as IDBFactory)).toBe(false);
  const erroring = {
    open: () => {
      const error = new DOMException('The operation failed', 'UnknownError');
      const request = { error } as unknown as IDBOpenDBRequest;
      setTimeout(() => request.onerror?.(new Event('error')));
      return request;
    },
  };
  expect(await canUseIndexedDb(erroring as unknown as IDBFactory)).toBe(false);
});

test('the toolbar button API is the MV3 action', () => {
  expect(actionApi()).toBe(browser.action);
});
