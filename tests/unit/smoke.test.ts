import { expect, test } from 'vitest';
test('node has WebCrypto', () => {
  expect(typeof globalThis.crypto.subtle.digest).toBe('function');
});
