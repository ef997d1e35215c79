import { describe, expect, it } from 'vitest';
import { PatchError, type PatchErrorReason } from './errors.js';
import { applyJsonPatch, parseJsonPatch } from './json-patch.js';
import type { JsonValue } from './json.js';

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}

function failure(doc: JsonValue, ops: unknown): PatchError {
  try {
    applyJsonPatch(doc, ops);
  } catch (err) {
    if (err instanceof PatchError) return err;
    throw err;
  }
  throw new Error('expected the patch to fail');
}

const deployment = () => deepFreeze({ metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 1, args: ['a', 'b'] } });

describe('applyJsonPatch', () => {
  it('applies operations in order and returns the patched document', () => {
    const out = applyJsonPatch(deployment(), [
      { op: 'test', path: '/spec/replicas', value: 1 },
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/args/-', value: 'c' },
      { op: 'remove', path: '/metadata/labels/app' },
      { op: 'copy', from: '/metadata/name', path: '/metadata/labels/name' },
      { op: 'move', from: '/spec/args/0', path: '/spec/args/2' },
    ]);
    expect(out).toEqual({ metadata: { name: 'web', labels: { name: 'web' } }, spec: { replicas: 3, args: ['b', 'c', 'a'] } });
  });

  it('never mutates the document or the operations, and the result shares nothing with them', () => {
    const doc = deployment();
    const value = deepFreeze({ team: 'blue' });
    const ops = deepFreeze([{ op: 'add', path: '/metadata/annotations', value }]);
    const out = applyJsonPatch(doc, ops) as { metadata: { annotations: { team: string }; labels: object } };
    expect(doc).toEqual(deployment());
    expect(out.metadata.annotations).toEqual(value);
    expect(out.metadata.annotations).not.toBe(value);
    expect(out.metadata.labels).not.toBe(doc.metadata.labels);
  });

  it('replaces the whole document for the empty path', () => {
    expect(applyJsonPatch(deployment(), [{ op: 'replace', path: '', value: { kind: 'X' } }])).toEqual({ kind: 'X' });
  });

  it.each<[string, unknown, PatchErrorReason, number, string]>([
    ['a failed test', [{ op: 'test', path: '/spec/replicas', value: 2 }], 'TestFailed', 422, 'testing value /spec/replicas failed'],
    ['replace of a missing key', [{ op: 'replace', path: '/spec/paused', value: true }], 'PathNotFound', 422, 'doc is missing path: /spec/paused'],
    ['remove of a missing key', [{ op: 'remove', path: '/status' }], 'PathNotFound', 422, 'remove operation does not apply'],
    ['add below a missing parent', [{ op: 'add', path: '/status/phase', value: 'x' }], 'PathNotFound', 422, 'add operation'],
    ['move from a missing path', [{ op: 'move', from: '/nope', path: '/x' }], 'PathNotFound', 422, 'missing from path: /nope'],
    ['an out-of-bounds index', [{ op: 'add', path: '/spec/args/9', value: 'x' }], 'InvalidIndex', 422, 'invalid index'],
    ['a non-numeric index', [{ op: 'add', path: '/spec/args/x', value: 'x' }], 'InvalidIndex', 422, 'invalid index'],
    ['an unknown op', [{ op: 'merge', path: '/spec' }], 'InvalidOperation', 422, 'Unexpected kind: merge'],
    ['a missing path', [{ op: 'remove' }], 'InvalidOperation', 422, 'missing path field'],
    ['a missing value', [{ op: 'add', path: '/x' }], 'InvalidOperation', 422, 'missing value field'],
    ['a missing from', [{ op: 'copy', path: '/x' }], 'InvalidOperation', 422, 'missing from field'],
    ['a relative pointer', [{ op: 'add', path: 'spec', value: 1 }], 'InvalidOperation', 422, 'JSON pointer'],
    ['a move into its own child', [{ op: 'move', from: '/spec', path: '/spec/x' }], 'InvalidOperation', 422, 'own child'],
    ['a prototype write', [{ op: 'add', path: '/__proto__/polluted', value: 1 }], 'InvalidOperation', 422, 'banned'],
    ['a body that is not a list', { op: 'add', path: '/x', value: 1 }, 'InvalidPatch', 400, 'cannot unmarshal object'],
    ['an operation that is not an object', ['add'], 'InvalidPatch', 400, 'cannot unmarshal string'],
  ])('rejects %s', (_what, ops, reason, code, text) => {
    const err = failure(deployment(), ops);
    expect(err.reason).toBe(reason);
    expect(err.code).toBe(code);
    expect(err.message).toContain(text);
  });

  it('aborts the whole patch at the first failing operation', () => {
    const doc = deployment();
    const err = failure(doc, [
      { op: 'replace', path: '/spec/replicas', value: 5 },
      { op: 'test', path: '/metadata/name', value: 'other' },
    ]);
    expect(err.reason).toBe('TestFailed');
    expect(doc.spec.replicas).toBe(1);
  });

  it('limits the number of operations as Kubernetes does (413)', () => {
    const ops = Array.from({ length: 3 }, () => ({ op: 'test', path: '/spec/replicas', value: 1 }));
    expect(() => parseJsonPatch(ops, { maxOperations: 2 })).toThrow(expect.objectContaining({ reason: 'TooManyOperations', code: 413 }));
    expect(parseJsonPatch(ops, { maxOperations: 3 })).toHaveLength(3);
  });
});
