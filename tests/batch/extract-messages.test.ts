/**
 * serializeError and rebuildError (src/batch/extract-messages.ts): an error from an extraction
 * worker crosses a structured clone and comes back as what it was: a SourceError keeps its
 * source, code and reason (so the run reports it as a user error with its code); anything else
 * keeps its name and message.
 */
import { describe, expect, it } from 'vitest';
import { rebuildError, serializeError } from '../../src/batch/extract-messages.js';
import { SourceError } from '../../src/errors.js';

/** What the pool receives: the serialized error after a structured clone, as postMessage does. */
function acrossThreads(error: unknown): Error {
  return rebuildError(structuredClone(serializeError(error)));
}

describe('serializeError / rebuildError', () => {
  it('a SourceError comes back a SourceError with its source, code, reason and message', () => {
    const original = new SourceError('https://news.example/a', 'too-complex', 'more than 100000 elements');
    expect(serializeError(original)).toEqual({ kind: 'source', source: 'https://news.example/a', code: 'too-complex', reason: 'more than 100000 elements' });
    const rebuilt = acrossThreads(original);
    expect(rebuilt).toBeInstanceOf(SourceError);
    expect(rebuilt).toMatchObject({ source: 'https://news.example/a', code: 'too-complex', reason: 'more than 100000 elements' });
    expect(rebuilt.message).toBe('https://news.example/a: more than 100000 elements');
  });

  it('another Error keeps its name and message, and is not a SourceError', () => {
    const original = new TypeError('Cannot read properties of undefined');
    expect(serializeError(original)).toEqual({ kind: 'error', name: 'TypeError', message: 'Cannot read properties of undefined' });
    const rebuilt = acrossThreads(original);
    expect(rebuilt).not.toBeInstanceOf(SourceError);
    expect(rebuilt.name).toBe('TypeError');
    expect(rebuilt.message).toBe('Cannot read properties of undefined');
  });

  it('a plain Error stays named Error', () => {
    const rebuilt = acrossThreads(new Error('boom'));
    expect(rebuilt.name).toBe('Error');
    expect(rebuilt.message).toBe('boom');
  });

  it('a thrown value that is not an Error becomes an Error with its text', () => {
    expect(serializeError('a string')).toEqual({ kind: 'error', name: 'Error', message: 'a string' });
    expect(acrossThreads(42).message).toBe('42');
    expect(acrossThreads(undefined).message).toBe('undefined');
  });
});
