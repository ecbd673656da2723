/**
 * recordSnapshot's outcome alone (a capture dropped as a flood fails the test): what most tests of the recorder check. (What it compared, for the badge, is
 * checked through the capture service in background.test.ts.)
 */
import type { RecordOutcome } from '../../../lib/model/outcome';
import { recordSnapshot } from '../../../lib/store/record';

export async function recordOutcome(...args: Parameters<typeof recordSnapshot>): Promise<RecordOutcome> {
  const recorded = await recordSnapshot(...args);
  if ('dropped' in recorded) throw new Error('The capture was dropped as a flood');
  return recorded.outcome;
}
