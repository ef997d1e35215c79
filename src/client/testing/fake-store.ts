/**
 * The object store behind FakeApiServer: objects per resource, one global resourceVersion counter, an event log for
 * watch replay with a compaction point (watching or paging from below it is 410 Expired), and live watchers.
 */
import type { KubeObject } from '../../api/index.js';
import { parseFieldSelector, parseLabelSelector, resourceExpired } from '../../machinery/index.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface LoggedEvent {
  rv: number;
  type: EventType;
  resource: string;
  object: KubeObject;
}

export interface Watcher {
  resource: string;
  namespace: string;
  matches: (obj: KubeObject) => boolean;
  bookmarks: boolean;
  send: (line: string) => void;
  end: () => void;
}

/** `metadata.name`, `spec.nodeName`, ... read from the object as strings (absent = ''). */
function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

/** A predicate for the label and field selectors of a list or watch. */
export function selectorPredicate(labelSelector: string | null, fieldSelector: string | null): (o: KubeObject) => boolean {
  const labels = labelSelector ? parseLabelSelector(labelSelector) : undefined;
  const fields = fieldSelector ? parseFieldSelector(fieldSelector) : undefined;
  return (o) => {
    if (labels && !labels.matches(o.metadata.labels ?? {})) return false;
    if (!fields) return true;
    const set: Record<string, string> = {};
    for (const r of fields.requirements()) set[r.field] = fieldValue(o, r.field);
    return fields.matches(set);
  };
}

const clone = <T>(v: T): T => structuredClone(v);

export class FakeStore {
  rv = 0;
  compactedRv = 0;
  readonly objects = new Map<string, Map<string, KubeObject>>();
  readonly log: LoggedEvent[] = [];
  readonly watchers = new Set<Watcher>();

  #bucket(resource: string): Map<string, KubeObject> {
    let b = this.objects.get(resource);
    if (!b) this.objects.set(resource, (b = new Map()));
    return b;
  }

  static key(namespace: string, name: string): string {
    return namespace ? `${namespace}/${name}` : name;
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    const o = this.#bucket(resource).get(FakeStore.key(namespace, name));
    return o && clone(o);
  }

  /** All objects of a resource (in one namespace unless ''), sorted by key. */
  list(resource: string, namespace: string): KubeObject[] {
    return [...this.#bucket(resource).entries()]
      .filter(([, o]) => !namespace || o.metadata.namespace === namespace)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => clone(o));
  }

  /** Stores `obj` under a new resourceVersion and notifies watchers. Returns the stored copy. */
  write(resource: string, type: EventType, obj: KubeObject): KubeObject {
    this.rv++;
    const stored = clone(obj);
    stored.metadata.resourceVersion = String(this.rv);
    const key = FakeStore.key(stored.metadata.namespace ?? '', stored.metadata.name ?? '');
    if (type === 'DELETED') this.#bucket(resource).delete(key);
    else this.#bucket(resource).set(key, stored);
    const ev: LoggedEvent = { rv: this.rv, type, resource, object: clone(stored) };
    this.log.push(ev);
    for (const w of this.watchers) this.#deliver(w, ev);
    return clone(stored);
  }

  /** Forgets history up to the current revision: older watch/continue resourceVersions now get 410. */
  compact(): void {
    this.compactedRv = this.rv;
    this.log.length = 0;
  }

  /** Throws 410 Expired when `rv` is below the compaction point. */
  checkNotCompacted(rv: number): void {
    if (rv < this.compactedRv) {
      throw resourceExpired(`too old resource version: ${rv} (${this.compactedRv})`);
    }
  }

  /** Events after `rv` for a watcher (replay), oldest first. */
  replay(w: Watcher, rv: number): void {
    for (const ev of this.log) if (ev.rv > rv) this.#deliver(w, ev);
  }

  sendBookmarks(): void {
    for (const w of this.watchers) {
      if (!w.bookmarks) continue;
      w.send(JSON.stringify({ type: 'BOOKMARK', object: { kind: 'Bookmark', apiVersion: 'v1', metadata: { resourceVersion: String(this.rv) } } }));
    }
  }

  #deliver(w: Watcher, ev: LoggedEvent): void {
    if (w.resource !== ev.resource) return;
    if (w.namespace && ev.object.metadata.namespace !== w.namespace) return;
    if (!w.matches(ev.object)) return;
    w.send(JSON.stringify({ type: ev.type, object: ev.object }));
  }
}
