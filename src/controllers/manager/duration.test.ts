import { describe, expect, it } from 'vitest';
import { isControllerError } from '../shared/errors.js';
import { parseGoDuration } from './duration.js';

function failure(text: string): unknown {
  try {
    parseGoDuration(text);
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('parseGoDuration', () => {
  it.each([
    ['40s', 40_000],
    ['5s', 5_000],
    ['0', 0],
    ['-0', 0],
    ['+5s', 5_000],
    ['-1.5s', -1_500],
    ['1h30m', 5_400_000],
    ['1m0.5s', 60_500],
    ['300ms', 300],
    ['.5s', 500],
    ['5.s', 5_000],
    ['1500us', 1.5],
    ['1500µs', 1.5],
    ['1500μs', 1.5],
    ['2000000ns', 2],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['s', 'time: invalid duration "s"'],
    ['.s', 'time: invalid duration ".s"'],
    ['-', 'time: invalid duration "-"'],
    ['5', 'time: missing unit in duration "5"'],
    ['1h5', 'time: missing unit in duration "1h5"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['5 s', 'time: unknown unit " s" in duration "5 s"'],
    ['5S', 'time: unknown unit "S" in duration "5S"'],
    ['99999999999h', 'time: invalid duration "99999999999h"'],
  ])('rejects %j with Go\'s message', (text, message) => {
    const err = failure(text);
    expect(isControllerError(err, 'InvalidValue')).toBe(true);
    expect((err as Error).message).toBe(message);
  });
});
