import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../machinery/index.js';
import { ControllerExpectations, EXPECTATIONS_TTL_MS } from './expectations.js';

function setup() {
  const clock = new FakeClock();
  return { clock, exp: new ControllerExpectations({ clock }) };
}

describe('ControllerExpectations', () => {
  it('is satisfied for a key that never recorded expectations', () => {
    const { exp } = setup();
    expect(exp.satisfiedExpectations('ns/rs')).toBe(true);
    expect(exp.getExpectations('ns/rs')).toBeUndefined();
  });

  it('waits for every expected creation to be observed', () => {
    const { exp } = setup();
    exp.expectCreations('ns/rs', 3);
    for (let i = 0; i < 2; i++) {
      exp.creationObserved('ns/rs');
      expect(exp.satisfiedExpectations('ns/rs')).toBe(false);
    }
    exp.creationObserved('ns/rs');
    expect(exp.satisfiedExpectations('ns/rs')).toBe(true);
    expect(exp.getExpectations('ns/rs')).toEqual({ add: 0, del: 0 });
  });

  it('counts each expected deletion once, and ignores deletions it did not expect', () => {
    const { exp } = setup();
    exp.expectDeletions('ns/rs', ['ns/a', 'ns/b']);
    exp.deletionObserved('ns/rs', 'ns/a');
    exp.deletionObserved('ns/rs', 'ns/a');
    exp.deletionObserved('ns/rs', 'ns/other');
    expect(exp.getExpectations('ns/rs')).toEqual({ add: 0, del: 1 });
    expect(exp.satisfiedExpectations('ns/rs')).toBe(false);
    exp.deletionObserved('ns/rs', 'ns/b');
    expect(exp.satisfiedExpectations('ns/rs')).toBe(true);
  });

  it('expires unfulfilled expectations after the TTL (5 minutes)', () => {
    const { clock, exp } = setup();
    exp.expectCreations('ns/rs', 1);
    clock.advance(EXPECTATIONS_TTL_MS);
    expect(exp.satisfiedExpectations('ns/rs')).toBe(false);
    clock.advance(1);
    expect(exp.satisfiedExpectations('ns/rs')).toBe(true);
  });

  it('replaces the record on a new expectation and forgets it on delete', () => {
    const { exp } = setup();
    exp.expectCreations('ns/rs', 5);
    exp.expectCreations('ns/rs', 1);
    exp.creationObserved('ns/rs');
    expect(exp.satisfiedExpectations('ns/rs')).toBe(true);
    exp.expectCreations('ns/rs', 2);
    exp.deleteExpectations('ns/rs');
    expect(exp.satisfiedExpectations('ns/rs')).toBe(true);
    expect(exp.getExpectations('ns/rs')).toBeUndefined();
  });

  it('lowers and raises only existing records', () => {
    const { exp } = setup();
    exp.lowerExpectations('ns/none', 1, 1);
    exp.raiseExpectations('ns/none', 1, 1);
    expect(exp.getExpectations('ns/none')).toBeUndefined();
    exp.expectCreations('ns/rs', 1);
    exp.raiseExpectations('ns/rs', 2, 1);
    expect(exp.getExpectations('ns/rs')).toEqual({ add: 3, del: 1 });
  });
});
