/**
 * recordSnapshot's outcome alone: what most tests of the recorder check. (What it compared, for the badge, is
 * checked through the capture service in background.test.ts.)
 */
import type { RecordOutcome } from '../../../lib/model/outcome';
import { recordSnapshot } from '../../../lib/store/record';

export async function recordOutcome(...args: Parameters<typeof recordSnapshot>): Promise<RecordOutcome> {
  return (await recordSnapshot(...args)).outcome;
}
