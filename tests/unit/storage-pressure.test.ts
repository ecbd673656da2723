/** The history warns before storage is full (issue 17): at 80% of the quota the browser allows, not before. */
import { expect, test } from 'vitest';
import { NEARLY_FULL, storagePressure } from '../../lib/view/data';

test('storage pressure is the share of the quota from 80% up, and unknown when the browser does not say', () => {
  expect(NEARLY_FULL).toBe(0.8);
  expect(storagePressure({ usage: 79, quota: 100 })).toBeNull();
  expect(storagePressure({ usage: 80, quota: 100 })).toBe(0.8);
  expect(storagePressure({ usage: 120, quota: 100 })).toBe(1.2);
  expect(storagePressure({ usage: null, quota: 100 })).toBeNull();
  expect(storagePressure({ usage: 5, quota: null })).toBeNull();
  expect(storagePressure({ usage: 5, quota: 0 })).toBeNull();
});
