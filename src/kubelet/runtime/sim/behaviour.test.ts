import { describe, expect, it } from 'vitest';
import { probeAnswer, probeScript, simAnnotationsOf } from './behaviour.js';

/** The readiness answer of container `app` under `value`, at each of `times` (seconds after its start). */
function answers(value: string, times: number[], annotations: Record<string, string> = {}): boolean[] {
  const script = probeScript(simAnnotationsOf({ 'sim.skiff.io/readiness': value, ...annotations }), 'app', 'readiness');
  return times.map((t) => probeAnswer(script, t));
}

describe('probe scripts', () => {
  it('pass and fail answer the same at any time', () => {
    expect(answers('pass', [0, 100])).toEqual([true, true]);
    expect(answers('fail', [0, 100])).toEqual([false, false]);
  });

  it('fail-after:N passes until N seconds, pass-after:N fails until then', () => {
    expect(answers('fail-after:10', [0, 9.9, 10, 50])).toEqual([true, true, false, false]);
    expect(answers('pass-after:2.5', [0, 2.4, 2.5])).toEqual([false, false, true]);
  });

  it('a comma-separated sequence flips at each step', () => {
    expect(answers('fail-after:10, pass-after:30', [0, 10, 29, 30, 300])).toEqual([true, false, false, true, true]);
    expect(answers('fail,pass-after:5,fail-after:8', [0, 5, 7, 8])).toEqual([false, true, true, false]);
  });

  it('unparseable values and descending sequences always pass', () => {
    for (const v of ['sometimes', 'fail-after:10,pass-after:5', 'fail,', 'fail-after:-1']) expect(answers(v, [0, 20])).toEqual([true, true]);
  });

  it('a container-narrowed key wins over the pod-wide one', () => {
    expect(answers('fail', [0], { 'sim.skiff.io/readiness.app': 'pass' })).toEqual([true]);
  });
});
