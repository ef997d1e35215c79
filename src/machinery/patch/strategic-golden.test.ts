/**
 * Runs Kubernetes' strategic merge patch test cases (testdata/smp-*.yaml, see testdata/README.md) against
 * applyStrategicMergePatch, createTwoWayMergePatch and createThreeWayMergePatch, with every input deep-frozen so any
 * mutation of an input fails the case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PatchError } from './errors.js';
import { compareStrings, goString, isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { applyStrategicMergePatch } from './strategic-apply.js';
import { createThreeWayMergePatch, createTwoWayMergePatch } from './strategic-create.js';
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  RETAIN_KEYS_DIRECTIVE,
  deduplicateScalars,
  sliceElementKind,
  sortScalars,
} from './strategic-directives.js';
import { definePatchSchema, lookupField, type PatchSchema } from './strategic-schema.js';

/** Kubernetes' test type MergeItem, field for field. */
const mergeItem: PatchSchema = definePatchSchema('mergeItem', {
  name: {},
  value: {},
  other: {},
  mergingList: { patchStrategy: 'merge', patchMergeKey: 'name', list: 'maps', schema: () => mergeItem },
  nonMergingList: { list: 'maps', schema: () => mergeItem },
  mergingIntList: { patchStrategy: 'merge', list: 'primitives' },
  nonMergingIntList: { list: 'primitives' },
  mergeItemPtr: { patchStrategy: 'merge', patchMergeKey: 'name', schema: () => mergeItem },
  simpleMap: {},
  replacingItem: { patchStrategy: 'replace' },
  retainKeysMap: { patchStrategy: 'retainKeys', schema: () => retainKeysMergeItem },
  retainKeysMergingList: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', list: 'maps', schema: () => mergeItem },
});

const retainKeysMergeItem: PatchSchema = definePatchSchema('retainKeysMergeItem', {
  name: {},
  value: {},
  other: {},
  simpleMap: {},
  mergingIntList: { patchStrategy: 'merge', list: 'primitives' },
  mergingList: { patchStrategy: 'merge', patchMergeKey: 'name', list: 'maps', schema: () => mergeItem },
  nonMergingList: { list: 'maps', schema: () => mergeItem },
});

interface GoldenCase {
  name: string;
  sorted?: boolean;
  original?: JsonObject;
  modified?: JsonObject;
  current?: JsonObject;
  twoWay?: JsonObject;
  twoWayResult?: JsonObject;
  threeWay?: JsonObject;
  threeWayResult?: JsonObject;
  conflict?: boolean;
  patch?: JsonObject;
  expected?: JsonObject;
  error?: string;
}

const DATA = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const files = readdirSync(DATA).filter((f) => f.startsWith('smp-') && f.endsWith('.yaml')).sort();

/** Kubernetes' sortMergeListsByName: canonical order for merging lists (by merge key) and directive lists. */
function canonical(doc: JsonObject, schema: PatchSchema): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(doc)) {
    if ((k === RETAIN_KEYS_DIRECTIVE || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) && Array.isArray(v)) {
      out[k] = sortScalars(v);
    } else if (isJsonObject(v)) {
      out[k] = canonical(v, lookupField(schema, k).schema);
    } else if (Array.isArray(v) && lookupField(schema, k).strategy === 'merge' && !k.startsWith('$')) {
      const meta = lookupField(schema, k);
      out[k] = canonicalList(v, meta.schema, meta.mergeKey ?? '');
    } else {
      out[k] = v;
    }
  }
  return out;
}

function canonicalList(list: JsonValue[], schema: PatchSchema, mergeKey: string): JsonValue[] {
  if (list.length === 0) return list;
  if (sliceElementKind(list) !== 'map') return sortScalars(deduplicateScalars(list));
  const text = (v: JsonValue): string => goString((v as JsonObject)[mergeKey] ?? null);
  return list.map((e) => canonical(e as JsonObject, schema)).sort((a, b) => compareStrings(text(a), text(b)));
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}

/** The same document with every object's keys in reverse order: results must not depend on key order. */
function reverseKeys<T extends JsonValue>(v: T): T {
  if (Array.isArray(v)) return v.map((e) => reverseKeys(e)) as T;
  if (!isJsonObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).reverse()) out[k] = reverseKeys(v[k]!);
  return out as T;
}

function prepare(c: GoldenCase, reversed: boolean): GoldenCase {
  const out: GoldenCase = { ...c };
  for (const field of ['original', 'modified', 'current', 'twoWay', 'twoWayResult', 'threeWay', 'threeWayResult', 'patch', 'expected'] as const) {
    const doc = c[field];
    if (doc === undefined) continue;
    const ordered = c.sorted ? canonical(doc, mergeItem) : doc;
    out[field] = deepFreeze(reversed ? reverseKeys(ordered) : ordered);
  }
  return out;
}

function runThreeWay(c: GoldenCase): void {
  const original = c.original ?? {};
  const current = c.current ?? {};
  const modified = c.modified!;
  if (c.conflict) {
    expect(() => createThreeWayMergePatch(original, modified, current, mergeItem, { overwrite: false })).toThrow(
      expect.objectContaining({ reason: 'Conflict' }),
    );
  }
  const patch = createThreeWayMergePatch(original, modified, current, mergeItem, { overwrite: c.conflict === true });
  expect(patch).toEqual(c.threeWay);
  expect(applyStrategicMergePatch(current, patch, mergeItem)).toEqual(c.threeWayResult);
}

function defineCase(c: GoldenCase, label: string): void {
  if (c.patch !== undefined) {
    it(`${label}: apply`, () => {
      const apply = (): JsonObject => applyStrategicMergePatch(c.original ?? {}, c.patch!, mergeItem);
      if (c.error !== undefined) {
        expect(apply).toThrow(PatchError);
        expect(apply).toThrow(c.error);
      } else {
        expect(apply()).toEqual(c.expected);
      }
    });
    return;
  }
  if (c.twoWay !== undefined) {
    it(`${label}: two-way patch and its result`, () => {
      const patch = createTwoWayMergePatch(c.original ?? {}, c.modified!, mergeItem);
      expect(patch).toEqual(c.twoWay);
      expect(applyStrategicMergePatch(c.original ?? {}, patch, mergeItem)).toEqual(c.twoWayResult ?? c.modified);
    });
  }
  if (c.threeWay !== undefined) {
    it(`${label}: three-way patch and its result`, () => runThreeWay(c));
  }
}

let total = 0;
for (const file of files) {
  const { cases } = parse(readFileSync(join(DATA, file), 'utf8')) as { cases: GoldenCase[] };
  total += cases.length;
  describe(`strategic merge patch golden cases: ${file}`, () => {
    cases.forEach((raw, i) => {
      for (const reversed of [false, true]) {
        defineCase(prepare(raw, reversed), `#${i + 1} ${raw.name}${reversed ? ' (keys reversed)' : ''}`);
      }
    });
  });
}

describe('strategic merge patch golden data', () => {
  it('holds at least 60 cases from Kubernetes', () => {
    expect(total).toBeGreaterThanOrEqual(60);
  });
});
