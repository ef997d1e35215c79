import { describe, expect, it } from 'vitest';
import { COPY_CASES, measureCopy } from './copy-bench.js';

describe('copy bench', () => {
  it('every case produces an equal object and measures a positive time', () => {
    for (const c of COPY_CASES) {
      const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] } };
      const out = c.run(pod, JSON.stringify(pod));
      if (typeof out === 'string') expect(JSON.parse(out)).toEqual(pod);
      else expect(out).toEqual(pod);
      expect(measureCopy(c, { ms: 1, batch: 2 })).toBeGreaterThan(0);
    }
  });
});
