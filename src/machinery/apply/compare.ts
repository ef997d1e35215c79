/**
 * Compares two objects field by field (SMD's `TypedValue.Compare`). A field absent on the left and present on the
 * right is *added*, the reverse *removed*, present on both with different values *modified*. Non-leaf fields (maps,
 * associative lists and their items) are reported as added/removed when the whole node appears/disappears, which is
 * why an Update's managedFields carry `"."` entries for maps and list items it created. `null` counts as present.
 *
 * The walk builds the three sets bottom-up (one sort per node, no path copies) and can leave out the paths under an
 * `ignore` set as it goes, which is what `compare(...)` followed by `recursiveDifference(ignore)` on each set gives.
 */
import { FieldPathSet, type ChildNode } from './field-path-set.js';
import { isApplyObjectError } from './errors.js';
import { compareGoStrings, isPlainGoString, valueEquals, type JsonObject, type JsonValue } from './go-json.js';
import { pathElementToString, type PathElement } from './path.js';
import { TypeCursor, type ApplySchema, type TypeNode } from './schema.js';
import { hasOwn, isAtomicMap, listItemElement, listKind } from './typed.js';

export interface Comparison {
  readonly added: FieldPathSet;
  readonly modified: FieldPathSet;
  readonly removed: FieldPathSet;
}

/** Whether the comparison found no difference. */
export function isSame(c: Comparison): boolean {
  return c.added.isEmpty() && c.modified.isEmpty() && c.removed.isEmpty();
}

type Side = JsonValue | undefined;

/** 0 absent or null, 1 map, 2 list, 3 scalar. */
function kindOf(v: Side): number {
  if (v === undefined || v === null) return 0;
  if (Array.isArray(v)) return 2;
  return typeof v === 'object' ? 1 : 3;
}

/** The common container shape of two sides (1 map, 2 list), or 0 when they are scalars, absent or disagree. */
function containerShape(l: Side, r: Side): number {
  const a = kindOf(l);
  const b = kindOf(r);
  const k = a === 0 ? b : b === 0 || b === a ? a : 3;
  return k === 1 || k === 2 ? k : 0;
}

const NO_KEYS: readonly string[] = [];

function keysOf(m: Side): readonly string[] {
  return m === undefined || m === null ? NO_KEYS : Object.keys(m);
}

function lengthOf(list: Side): number {
  return list === undefined || list === null ? 0 : (list as JsonValue[]).length;
}

interface Acc {
  readonly members: PathElement[];
  readonly children: ChildNode[];
}

/** The part of the three sets below one node, as it is collected. */
class Level {
  added: Acc | null = null;
  modified: Acc | null = null;
  removed: Acc | null = null;
  /** Whether elements arrive in order, each once (the fields of a map, visited in order). */
  sorted = false;
}

type Which = 'added' | 'modified' | 'removed';

function member(level: Level, which: Which, pe: PathElement): void {
  let acc = level[which];
  if (acc === null) {
    acc = { members: [], children: [] };
    level[which] = acc;
  }
  acc.members.push(pe);
}

function build(acc: Acc | null, sorted: boolean): FieldPathSet {
  if (!acc) return FieldPathSet.empty();
  return sorted ? FieldPathSet.ofSorted(acc.members, acc.children) : FieldPathSet.fromParts(acc.members, acc.children);
}

function attach(out: Level, pe: PathElement, inner: Level): void {
  const sorted = inner.sorted;
  if (inner.added) (out.added ??= { members: [], children: [] }).children.push({ pe, set: build(inner.added, sorted) });
  if (inner.modified) (out.modified ??= { members: [], children: [] }).children.push({ pe, set: build(inner.modified, sorted) });
  if (inner.removed) (out.removed ??= { members: [], children: [] }).children.push({ pe, set: build(inner.removed, sorted) });
}

/** The keys of two sorted key lists, in order, each once. */
function mergeKeys(l: readonly string[], r: readonly string[]): readonly string[] {
  if (l === r || r.length === 0) return l;
  if (l.length === 0) return r;
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < l.length && j < r.length) {
    const c = compareGoStrings(l[i]!, r[j]!);
    if (c <= 0) out.push(l[i++]!);
    else out.push(r[j++]!);
    if (c === 0) j++;
  }
  while (i < l.length) out.push(l[i++]!);
  while (j < r.length) out.push(r[j++]!);
  return out;
}

interface Group {
  readonly pe: PathElement;
  readonly left: JsonValue[];
  readonly right: JsonValue[];
}

const SIMPLE_NAME = /^[\w./:-]*$/;

function isSimpleValue(v: JsonValue): boolean {
  if (typeof v === 'string') return isPlainGoString(v);
  return typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * Whether the element's text (`pathElementToString`) can be compared structurally: key fields with plain names, and
 * values that are plain strings, finite numbers or booleans. Among such elements the text is one-to-one (quoted
 * strings hold no quote, numbers and booleans no comma or bracket, names no `=` or `,`).
 */
function isSimple(pe: PathElement): boolean {
  if (pe.kind === 'value') return isSimpleValue(pe.value);
  if (pe.kind !== 'key') return false;
  for (const f of pe.fields) if (!isSimpleName(f.name) || !isSimpleValue(f.value)) return false;
  return true;
}

/** Key field names seen (they come from the schema's list map keys, so there are few). */
const simpleNames = new Map<string, boolean>();

function isSimpleName(name: string): boolean {
  let simple = simpleNames.get(name);
  if (simple === undefined) {
    simple = SIMPLE_NAME.test(name);
    if (simpleNames.size >= 1024) simpleNames.clear();
    simpleNames.set(name, simple);
  }
  return simple;
}

function sameValue(a: JsonValue, b: JsonValue): boolean {
  return typeof a === typeof b && (typeof a === 'number' ? Object.is(a, b) : a === b);
}

/** Equality of the texts of two simple elements. */
function sameSimple(a: PathElement, b: PathElement): boolean {
  if (a.kind === 'value' && b.kind === 'value') return sameValue(a.value, b.value);
  if (a.kind !== 'key' || b.kind !== 'key' || a.fields.length !== b.fields.length) return false;
  for (let i = 0; i < a.fields.length; i++) {
    const x = a.fields[i]!;
    const y = b.fields[i]!;
    if (x.name !== y.name || !sameValue(x.value, y.value)) return false;
  }
  return true;
}

/**
 * The items of both sides grouped by the text of their element (as SMD does), in order of first appearance: short
 * lists of simple elements structurally, others by the text itself.
 */
function groupItems(l: JsonValue[], lp: PathElement[], r: JsonValue[], rp: PathElement[]): Group[] {
  const groups: Group[] = [];
  let simple = lp.length + rp.length <= 16;
  for (let i = 0; simple && i < lp.length; i++) simple = isSimple(lp[i]!);
  for (let i = 0; simple && i < rp.length; i++) simple = isSimple(rp[i]!);
  const byText = simple ? null : new Map<string, Group>();
  const groupOf = (pe: PathElement): Group => {
    let g: Group | undefined;
    const id = byText === null ? '' : pathElementToString(pe);
    if (byText === null) {
      for (let k = 0; k < groups.length && !g; k++) if (sameSimple(groups[k]!.pe, pe)) g = groups[k];
    } else {
      g = byText.get(id);
    }
    if (!g) {
      g = { pe, left: [], right: [] };
      groups.push(g);
      byText?.set(id, g);
    }
    return g;
  };
  for (let i = 0; i < lp.length; i++) groupOf(lp[i]!).left.push(l[i]!);
  for (let i = 0; i < rp.length; i++) groupOf(rp[i]!).right.push(r[i]!);
  return groups;
}

/**
 * Walks `lhs` against `rhs` from the root, collecting into `top`. `out` null walks a subtree only for the errors of
 * list items without a key (its paths are ignored); `path` is the stack of the node visited, read only by those.
 * Map fields are visited in order (so each level arrives sorted), unless `inOrder`, which visits them as SMD does:
 * the left map's keys, then those only the right one has. Only which error comes first depends on the order.
 */
function walkInto(lhs: JsonValue, rhs: JsonValue, at: { root: TypeNode; ignore: FieldPathSet | null; top: Level; inOrder: boolean }): void {
  const path: PathElement[] = [];
  const inOrder = at.inOrder;

  const leaf = (l: Side, r: Side, pe: PathElement, out: Level | null): void => {
    if (out === null) return;
    if (l === undefined) member(out, 'added', pe);
    else if (r === undefined) member(out, 'removed', pe);
    else if (!valueEquals(l, r)) member(out, 'modified', pe);
  };

  const node = (l: Side, r: Side, pe: PathElement, t: TypeNode, ignore: FieldPathSet | null, out: Level | null): void => {
    const shape = containerShape(l, r);
    if (shape === 0) return leaf(l, r, pe, out);
    const inner = out === null ? null : new Level();
    if (!expand(l, r, shape, t, ignore, inner)) return leaf(l, r, pe, out);
    if (out === null) return;
    attach(out, pe, inner!);
    if (l === undefined) member(out, 'added', pe);
    else if (r === undefined) member(out, 'removed', pe);
  };

  /** A child of a map, left out when `ignore` owns it. */
  const child = (l: Side, r: Side, key: string, parent: TypeNode, ignore: FieldPathSet | null, inner: Level | null): void => {
    // Walked only for its errors: a scalar or null holds no list item.
    if (inner === null && containerShape(l, r) === 0) return;
    const t = parent.child(key);
    const pe = t.pe;
    path.push(pe);
    if (inner === null || (ignore !== null && ignore.hasMember(pe))) node(l, r, pe, t, null, null);
    else node(l, r, pe, t, below(ignore, pe), inner);
    path.pop();
  };

  /** Visits the children of a map or associative list into `inner`; false when the node is compared as a leaf. */
  const expand = (l: Side, r: Side, shape: number, t: TypeNode, ignore: FieldPathSet | null, inner: Level | null): boolean => {
    const info = t.info;
    if (shape === 1) {
      if (isAtomicMap(info)) return false;
      const lm = l as JsonObject | null | undefined;
      const rm = r as JsonObject | null | undefined;
      const lk = keysOf(lm);
      const rk = keysOf(rm);
      if (lk.length === 0 && rk.length === 0) return false;
      if (inOrder) {
        for (const k of lk) child(lm![k], rm && hasOwn(rm, k) ? rm[k] : undefined, k, t, ignore, inner);
        for (const k of rk) if (!(lm && hasOwn(lm, k))) child(undefined, rm![k], k, t, ignore, inner);
        return true;
      }
      if (inner) inner.sorted = true;
      for (const k of mergeKeys(t.sortedKeys(lk), t.sortedKeys(rk))) {
        const lv = lm && hasOwn(lm, k) ? lm[k] : undefined;
        child(lv, rm && hasOwn(rm, k) ? rm[k] : undefined, k, t, ignore, inner);
      }
      return true;
    }
    if (listKind(info) === 'atomic' || (lengthOf(l) === 0 && lengthOf(r) === 0)) return false;
    items((l ?? []) as JsonValue[], (r ?? []) as JsonValue[], t, ignore, inner);
    return true;
  };

  const items = (l: JsonValue[], r: JsonValue[], t: TypeNode, ignoreHere: FieldPathSet | null, inner: Level | null): void => {
    const info = t.info;
    // Every element is made (and may fail) in order, left items first, before any item is compared.
    const lp: PathElement[] = [];
    const rp: PathElement[] = [];
    for (let i = 0; i < l.length; i++) lp.push(listItemElement(l[i]!, info, path, i));
    for (let i = 0; i < r.length; i++) rp.push(listItemElement(r[i]!, info, path, i));
    for (const { pe, left, right } of groupItems(l, lp, r, rp)) {
      path.push(pe);
      const out = inner !== null && !(ignoreHere !== null && ignoreHere.hasMember(pe)) ? inner : null;
      const ignore = out === null ? null : below(ignoreHere, pe);
      if (left.length <= 1 && right.length <= 1) {
        node(left[0], right[0], pe, t, ignore, out);
      } else if (left.length >= 2 && right.length >= 2) {
        // Duplicates before and after: compared as if atomic.
        if (out && !valueEquals(left, right)) member(out, 'modified', pe);
      } else if (left.length >= 2) {
        // Duplicates resolved: the surviving item is new, the duplicate marker goes.
        if (right.length === 1) node(undefined, right[0], pe, t, ignore, out);
        if (out) member(out, 'removed', pe);
      } else {
        if (left.length === 1) node(left[0], undefined, pe, t, ignore, out);
        if (out) member(out, 'added', pe);
      }
      path.pop();
    }
  };

  const shape = containerShape(lhs, rhs);
  // A scalar root, or one compared whole, has no path to report.
  if (shape !== 0) expand(lhs, rhs, shape, at.root, at.ignore, at.top);
}

function below(ignore: FieldPathSet | null, pe: PathElement): FieldPathSet | null {
  if (ignore === null) return null;
  const s = ignore.withPrefix(pe);
  return s.isEmpty() ? null : s;
}

/**
 * Compares `lhs` (before) with `rhs` (after), leaving out every path at or below a member of `ignore` (subtrees are
 * still walked for the errors below). Throws ApplyObjectError for list items that have no key.
 */
export function compareIgnoring(lhs: JsonValue, rhs: JsonValue, cursor: TypeCursor, ignore: FieldPathSet): Comparison {
  const top = new Level();
  const root = cursor.root;
  try {
    walkInto(lhs, rhs, { root, ignore: ignore.isEmpty() ? null : ignore, top, inOrder: false });
  } catch (err) {
    if (!isApplyObjectError(err)) throw err;
    // Of several bad list items, report the one SMD's walk meets first.
    walkInto(lhs, rhs, { root, ignore: null, top: new Level(), inOrder: true });
    throw err;
  }
  const sorted = top.sorted;
  return { added: build(top.added, sorted), modified: build(top.modified, sorted), removed: build(top.removed, sorted) };
}

/** Compares `lhs` (before) with `rhs` (after). Throws ApplyObjectError for list items that have no key. */
export function compareObjects(lhs: JsonValue, rhs: JsonValue, schema: ApplySchema | TypeCursor): Comparison {
  const cursor = schema instanceof TypeCursor ? schema : new TypeCursor(schema);
  return compareIgnoring(lhs, rhs, cursor, FieldPathSet.empty());
}
