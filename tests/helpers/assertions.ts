import { expect } from 'vitest';
import { acquire, type AcquireOptions } from '../../src/acquire/index.js';
import { SourceError } from '../../src/errors.js';

/** Every needle occurs in `text`, in the given order. */
export function expectInOrder(text: string, needles: string[]): void {
  const positions = needles.map((needle) => {
    const index = text.indexOf(needle);
    expect(index, `expected to find ${JSON.stringify(needle)}`).toBeGreaterThanOrEqual(0);
    return index;
  });
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

/** The SourceError that acquiring `source` fails with. */
export async function acquireFailure(source: string, options: AcquireOptions = {}): Promise<SourceError> {
  const error = await acquire(source, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof SourceError)) throw new Error(`expected a SourceError, got ${String(error)}`);
  return error;
}
