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

/** The SourceError that `promise` rejects with; anything else (or none) fails the test. */
export async function sourceFailure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof SourceError)) throw new Error(`expected a SourceError, got ${String(error)}`);
  return error;
}

/** The SourceError that acquiring `source` fails with. */
export function acquireFailure(source: string, options: AcquireOptions = {}): Promise<SourceError> {
  return sourceFailure(acquire(source, options));
}

/** Resolves once `condition` holds, polling every 5 ms; fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
