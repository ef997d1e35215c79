/**
 * FieldPathSet: a set of field paths stored as a trie, with SMD's `fieldpath.Set` semantics. A node has *members* (paths
 * that end here) and *children* (elements under which longer paths continue); being a child does not imply being a
 * member. Sets are immutable once built; an operation returns a new set sharing subtrees with its inputs, or an input
 * itself when the result equals it.
 */
import type { JsonObject } from './go-json.js';
import { comparePathElements, pathToString, type FieldPath, type PathElement } from './path.js';

/** See FieldPathSet.source. */
export interface FieldsV1Source {
  readonly node: JsonObject;
  readonly self: boolean;
}

/** Reads one level of a lazy set: members and children, each in strictly increasing element order. */
export type LevelReader = (node: JsonObject) => { members: PathElement[]; children: ChildNode[] };

/** One child of a set node: the element and the (non-empty) set of paths continuing below it. */
export interface ChildNode {
  readonly pe: PathElement;
  readonly set: FieldPathSet;
}

function search<T>(items: readonly T[], pe: PathElement, get: (t: T) => PathElement): { found: boolean; at: number } {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = comparePathElements(get(items[mid]!), pe);
    if (c === 0) return { found: true, at: mid };
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return { found: false, at: lo };
}

const self = (pe: PathElement) => pe;
const childPe = (c: ChildNode) => c.pe;

export class FieldPathSet {
  /** Sorted by comparePathElements. */
  private loadedMembers: PathElement[];
  /** Sorted by element; every child set is non-empty. */
  private loadedChildren: ChildNode[];
  /** Set for a set read lazily from `source`: reads the level on first use. */
  private reader: LevelReader | undefined;

  /**
   * The FieldsV1 node this set was decoded from, when encoding the set gives exactly that node back (`self`: with
   * `"."`, i.e. as a member of its parent): the encoder then copies it. Only the decoder sets it.
   */
  readonly source: FieldsV1Source | undefined;

  private constructor(members: PathElement[] = [], children: ChildNode[] = [], source?: FieldsV1Source) {
    this.loadedMembers = members;
    this.loadedChildren = children;
    this.reader = undefined;
    this.source = source;
  }

  private get memberList(): PathElement[] {
    if (this.reader) this.load();
    return this.loadedMembers;
  }

  private get childList(): ChildNode[] {
    if (this.reader) this.load();
    return this.loadedChildren;
  }

  private load(): void {
    const read = this.reader!;
    this.reader = undefined;
    const level = read(this.source!.node);
    this.loadedMembers = level.members;
    this.loadedChildren = level.children;
  }

  /**
   * For decoders: the set held by a canonical FieldsV1 node (see `source`), each level read by `read` when first
   * used. The node must not change while the set is in use: the set then behaves as an immutable one.
   */
  static lazy(source: FieldsV1Source, read: LevelReader): FieldPathSet {
    const set = new FieldPathSet([], [], source);
    set.reader = read;
    return set;
  }

  /**
   * For decoders: the set of these members and children, which the caller guarantees are each in strictly increasing
   * element order with non-empty child sets; `source` as the property of that name. Takes ownership of the arrays.
   */
  static ofSorted(members: PathElement[], children: ChildNode[], source?: FieldsV1Source): FieldPathSet {
    return new FieldPathSet(members, children, source);
  }

  static empty(): FieldPathSet {
    return new FieldPathSet();
  }

  /**
   * The set with these members and children at its top level, in any order: equal members are kept once (the first),
   * children under equal elements are merged (their sets united in order, the first element kept, or the last with
   * `keep: 'last'`). Empty child sets are dropped. Takes ownership of both arrays.
   */
  static fromParts(members: PathElement[], children: ChildNode[], options: { keep?: 'first' | 'last' } = {}): FieldPathSet {
    return new FieldPathSet(sortUnique(members, self), mergeChildren(children, options.keep ?? 'first'));
  }

  /** The set holding exactly these paths (their parents are not added). The empty path is ignored, as in SMD. */
  static fromPaths(paths: Iterable<FieldPath>): FieldPathSet {
    const s = new FieldPathSet();
    for (const p of paths) insertPath(s, p);
    return s;
  }

  /** Elements that are members at this level, in order. */
  get members(): readonly PathElement[] {
    return this.memberList;
  }

  /** Elements with longer paths below them, in order, with their subsets. */
  get children(): readonly ChildNode[] {
    return this.childList;
  }

  isEmpty(): boolean {
    return this.memberList.length === 0 && this.childList.length === 0;
  }

  /** Number of member paths in the whole tree. */
  get size(): number {
    return this.childList.reduce((n, c) => n + c.set.size, this.memberList.length);
  }

  has(path: FieldPath): boolean {
    if (path.length === 0) return false;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let s: FieldPathSet = this;
    for (let i = 0; i < path.length - 1; i++) {
      const next = s.childSet(path[i]!);
      if (!next) return false;
      s = next;
    }
    return search(s.memberList, path[path.length - 1]!, self).found;
  }

  hasMember(pe: PathElement): boolean {
    return search(this.memberList, pe, self).found;
  }

  private childSet(pe: PathElement): FieldPathSet | undefined {
    const r = search(this.childList, pe, childPe);
    return r.found ? this.childList[r.at]!.set : undefined;
  }

  /** Paths below `pe`, without the prefix (empty when there are none). */
  withPrefix(pe: PathElement): FieldPathSet {
    return this.childSet(pe) ?? FieldPathSet.empty();
  }

  /** Every member path, depth-first: a node's members before its children's paths. */
  paths(): FieldPath[] {
    const out: FieldPath[] = [];
    const walk = (s: FieldPathSet, prefix: PathElement[]) => {
      for (const m of s.memberList) out.push([...prefix, m]);
      for (const c of s.childList) walk(c.set, [...prefix, c.pe]);
    };
    walk(this, []);
    return out;
  }

  equals(other: FieldPathSet): boolean {
    if (this.memberList.length !== other.memberList.length || this.childList.length !== other.childList.length) return false;
    for (let i = 0; i < this.memberList.length; i++) {
      if (comparePathElements(this.memberList[i]!, other.memberList[i]!) !== 0) return false;
    }
    for (let i = 0; i < this.childList.length; i++) {
      const a = this.childList[i]!;
      const b = other.childList[i]!;
      if (comparePathElements(a.pe, b.pe) !== 0 || !a.set.equals(b.set)) return false;
    }
    return true;
  }

  union(other: FieldPathSet): FieldPathSet {
    if (other === this || other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    const members = mergeSorted(this.memberList, other.memberList, self, 'union', (a) => a);
    const children = mergeSorted(this.childList, other.childList, childPe, 'union', (a, b) =>
      b ? { pe: a.pe, set: a.set.union(b.set) } : a,
    );
    return new FieldPathSet(members, children);
  }

  /** Members present in both; children intersected level by level. */
  intersection(other: FieldPathSet): FieldPathSet {
    if (other === this) return this;
    if (this.isEmpty() || other.isEmpty()) return FieldPathSet.empty();
    const members = mergeSorted(this.memberList, other.memberList, self, 'both', (a) => a);
    const children = mergeSorted(this.childList, other.childList, childPe, 'both', (a, b) => {
      const s = a.set.intersection(b!.set);
      return s.isEmpty() ? undefined : { pe: a.pe, set: s };
    });
    return new FieldPathSet(members, children);
  }

  /**
   * Paths of this set not in `other`. A member of `other` does not remove this set's paths below it
   * (parent − child = parent; child − parent = child), exactly as SMD's `Difference`.
   */
  difference(other: FieldPathSet): FieldPathSet {
    if (this.isEmpty() || other.isEmpty()) return this;
    const members = mergeSorted(this.memberList, other.memberList, self, 'left-only', (a) => a);
    let changed = members.length !== this.memberList.length;
    const children: ChildNode[] = [];
    for (const c of this.childList) {
      const o = other.childList.length === 0 ? undefined : other.childSet(c.pe);
      const s = o ? c.set.difference(o) : c.set;
      if (s !== c.set) changed = true;
      if (!s.isEmpty()) children.push(s === c.set ? c : { pe: c.pe, set: s });
    }
    return changed ? new FieldPathSet(members, children) : this;
  }

  /** Like `difference`, but a member of `other` also removes everything below it. */
  recursiveDifference(other: FieldPathSet): FieldPathSet {
    if (this.isEmpty() || other.isEmpty()) return this;
    const members = mergeSorted(this.memberList, other.memberList, self, 'left-only', (a) => a);
    let changed = members.length !== this.memberList.length;
    const children: ChildNode[] = [];
    for (const c of this.childList) {
      if (other.hasMember(c.pe)) {
        changed = true;
        continue;
      }
      const o = other.childList.length === 0 ? undefined : other.childSet(c.pe);
      const s = o ? c.set.recursiveDifference(o) : c.set;
      if (s !== c.set) changed = true;
      if (!s.isEmpty()) children.push(s === c.set ? c : { pe: c.pe, set: s });
    }
    return changed ? new FieldPathSet(members, children) : this;
  }

  /** One path per line in the human-readable form, as SMD's `Set.String()`. */
  toString(): string {
    return this.paths().map(pathToString).join('\n');
  }
}

/** Sorts stably by element and keeps the first of equal elements. Sorts in place; returns the array. */
function sortUnique<T>(items: T[], key: (t: T) => PathElement): T[] {
  if (items.length < 2) return items;
  let sorted = true;
  for (let i = 1; i < items.length; i++) {
    if (comparePathElements(key(items[i - 1]!), key(items[i]!)) >= 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return items;
  items.sort((a, b) => comparePathElements(key(a), key(b)));
  let w = 1;
  for (let i = 1; i < items.length; i++) {
    if (comparePathElements(key(items[w - 1]!), key(items[i]!)) !== 0) items[w++] = items[i]!;
  }
  items.length = w;
  return items;
}

function mergeChildren(children: ChildNode[], keep: 'first' | 'last'): ChildNode[] {
  const nonEmpty = children.every((c) => !c.set.isEmpty()) ? children : children.filter((c) => !c.set.isEmpty());
  if (nonEmpty.length < 2) return nonEmpty;
  let sorted = true;
  for (let i = 1; i < nonEmpty.length; i++) {
    if (comparePathElements(nonEmpty[i - 1]!.pe, nonEmpty[i]!.pe) >= 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return nonEmpty;
  nonEmpty.sort((a, b) => comparePathElements(a.pe, b.pe));
  const out: ChildNode[] = [nonEmpty[0]!];
  for (let i = 1; i < nonEmpty.length; i++) {
    const last = out[out.length - 1]!;
    const c = nonEmpty[i]!;
    if (comparePathElements(last.pe, c.pe) === 0) out[out.length - 1] = { pe: keep === 'first' ? last.pe : c.pe, set: last.set.union(c.set) };
    else out.push(c);
  }
  return out;
}

type MergeMode = 'union' | 'both' | 'left-only';

/** Walks two sorted lists; `combine` builds an output item (undefined drops it). `b` is set when both sides have it. */
function mergeSorted<T>(
  left: readonly T[],
  right: readonly T[],
  key: (t: T) => PathElement,
  mode: MergeMode,
  combine: (a: T, b: T | undefined) => T | undefined,
): T[] {
  const out: T[] = [];
  const push = (v: T | undefined) => {
    if (v !== undefined) out.push(v);
  };
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const c = comparePathElements(key(left[i]!), key(right[j]!));
    if (c < 0) {
      if (mode !== 'both') push(combine(left[i]!, undefined));
      i++;
    } else if (c > 0) {
      if (mode === 'union') push(combine(right[j]!, undefined));
      j++;
    } else {
      if (mode !== 'left-only') push(combine(left[i]!, right[j]!));
      i++;
      j++;
    }
  }
  if (mode !== 'both') for (; i < left.length; i++) push(combine(left[i]!, undefined));
  if (mode === 'union') for (; j < right.length; j++) push(combine(right[j]!, undefined));
  return out;
}

/**
 * Adds `path` to a set under construction. Only for sets this module has just created and not yet shared: sets are
 * otherwise immutable.
 */
export function insertPath(set: FieldPathSet, path: FieldPath): void {
  if (path.length === 0) return;
  let s = set;
  for (let i = 0; i < path.length - 1; i++) s = descend(s, path[i]!);
  const members = s.members as PathElement[];
  const r = search(members, path[path.length - 1]!, self);
  if (!r.found) members.splice(r.at, 0, path[path.length - 1]!);
}

function descend(set: FieldPathSet, pe: PathElement): FieldPathSet {
  const children = set.children as ChildNode[];
  const r = search(children, pe, childPe);
  if (r.found) return children[r.at]!.set;
  const child = FieldPathSet.empty();
  children.splice(r.at, 0, { pe, set: child });
  return child;
}

/** Adds a whole subset below `pe` (used by the decoder, which builds bottom-up). */
export function insertChildSet(set: FieldPathSet, pe: PathElement, sub: FieldPathSet): void {
  if (sub.isEmpty()) return;
  const children = set.children as ChildNode[];
  const r = search(children, pe, childPe);
  if (r.found) children[r.at] = { pe, set: children[r.at]!.set.union(sub) };
  else children.splice(r.at, 0, { pe, set: sub });
}
