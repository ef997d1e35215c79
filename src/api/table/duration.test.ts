import { describe, expect, it } from 'vitest';
import { ageSince, humanDuration, parseTimestamp, shortHumanDuration } from './duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration matches k8s.io/apimachinery duration.HumanDuration', () => {
  const cases: [number, string][] = [
    [-2 * S, '<invalid>'],
    [-2 * S + 1, '0s'],
    [0, '0s'],
    [S - 1, '0s'],
    [S, '1s'],
    [70 * S, '70s'],
    [2 * M - 1, '119s'],
    [2 * M, '2m'],
    [2 * M + S, '2m1s'],
    [190 * S, '3m10s'],
    [10 * M - 1, '9m59s'],
    [10 * M, '10m'],
    [10 * M + S, '10m'],
    [70 * M, '70m'],
    [3 * H - 1, '179m'],
    [3 * H, '3h'],
    [3 * H + M, '3h1m'],
    [8 * H - 1, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 59 * M, '8h'],
    [47 * H, '47h'],
    [2 * D - 1, '47h'],
    [2 * D, '2d'],
    [49 * H, '2d1h'],
    [8 * D - 1, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 23 * H, '8d'],
    [367 * D, '367d'],
    [2 * Y - 1, '729d'],
    [2 * Y, '2y'],
    [2 * Y + D - 1, '2y'],
    [2 * Y + D, '2y1d'],
    [2 * Y + 25 * H, '2y1d'],
    [2 * Y + 10 * D, '2y10d'],
    [7 * Y, '7y'],
    [8 * Y - 1, '7y364d'],
    [8 * Y, '8y'],
    [8 * Y + 364 * D, '8y'],
    [9 * Y, '9y'],
  ];
  for (const [ms, want] of cases) {
    it(`${ms}ms → ${want}`, () => expect(humanDuration(ms)).toBe(want));
  }
});

describe('shortHumanDuration matches duration.ShortHumanDuration', () => {
  const cases: [number, string][] = [
    [-2 * S, '<invalid>'],
    [0, '0s'],
    [2 * S - 1, '1s'],
    [M - 1, '59s'],
    [2 * M - 1, '1m'],
    [H, '1h'],
    [D - 1, '23h'],
    [2 * D - 1, '1d'],
    [Y - 1, '364d'],
    [2 * Y - 1, '1y'],
    [2 * Y, '2y'],
  ];
  for (const [ms, want] of cases) {
    it(`${ms}ms → ${want}`, () => expect(shortHumanDuration(ms)).toBe(want));
  }
});

describe('ageSince', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');

  it('measures a timestamp against the given now', () => {
    expect(ageSince('2024-05-01T11:57:50Z', now)).toBe('2m10s');
    expect(ageSince('2024-04-26T12:00:00Z', now)).toBe('5d');
  });

  it('prints <unknown> for unset, null, zero or garbage timestamps', () => {
    expect(ageSince(undefined, now)).toBe('<unknown>');
    expect(ageSince(null, now)).toBe('<unknown>');
    expect(ageSince('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
    expect(ageSince('yesterday', now)).toBe('<unknown>');
    expect(parseTimestamp(42)).toBeUndefined();
  });
});
