import { describe, expect, it } from 'vitest';
import { Code, Status, codeOf, isSuccess } from './status.js';

describe('Status', () => {
  it('joins reasons with ", " and reads null as Success', () => {
    expect(new Status(Code.Unschedulable, ['Insufficient cpu', 'Insufficient memory']).message()).toBe('Insufficient cpu, Insufficient memory');
    expect(isSuccess(null)).toBe(true);
    expect(codeOf(undefined)).toBe(Code.Success);
    expect(isSuccess(Status.unschedulable('x'))).toBe(false);
  });

  it('counts Unschedulable and UnschedulableAndUnresolvable as rejections, not Error or Skip', () => {
    expect(Status.unschedulable().isRejected()).toBe(true);
    expect(Status.unresolvable().isRejected()).toBe(true);
    expect(Status.error(new Error('boom')).isRejected()).toBe(false);
    expect(Status.skip().isRejected()).toBe(false);
  });

  it('wraps errors with their message and keeps the cause', () => {
    const err = new Error('boom');
    const s = Status.error(err);
    expect(s.code).toBe(Code.Error);
    expect(s.message()).toBe('boom');
    expect(s.cause).toBe(err);
  });

  it('attributes a copy to a plugin without changing the original', () => {
    const s = Status.unschedulable('x');
    const t = s.withPlugin('NodePorts');
    expect(t.plugin).toBe('NodePorts');
    expect(s.plugin).toBe('');
    expect(t.withPlugin('NodePorts')).toBe(t);
  });

  it('carries the Permit timeout on Wait', () => {
    const s = Status.wait(5000);
    expect(s.isWait()).toBe(true);
    expect(s.timeoutMs).toBe(5000);
  });
});
