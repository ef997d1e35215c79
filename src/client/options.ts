/**
 * Request options of the REST verbs and their encoding as query parameters, named as metav1.ListOptions,
 * CreateOptions, UpdateOptions, PatchOptions and DeleteOptions name them on the wire.
 */
import type { DeleteOptions } from '../api/index.js';
import type { FieldSelector, Selector } from '../machinery/index.js';

export type Query = Array<[string, string]>;

interface Cancellable {
  /** Aborting cancels the request (and, for watches, closes the stream). */
  signal?: AbortSignal;
}

export interface GetOptions extends Cancellable {
  /** '' or absent: the latest (quorum) read; '0': any cached version. */
  resourceVersion?: string;
}

export interface ListOptions extends Cancellable {
  /** Absent for a namespaced resource: across all namespaces. */
  namespace?: string;
  labelSelector?: string | Selector;
  fieldSelector?: string | FieldSelector;
  /** Page size; the answer carries `metadata.continue` when more remain. */
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  timeoutSeconds?: number;
}

export interface WatchOptions extends Cancellable {
  namespace?: string;
  labelSelector?: string | Selector;
  fieldSelector?: string | FieldSelector;
  /** Watch changes after this version; absent or '' starts with synthetic ADDED events for current objects. */
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  /** The server ends the stream (normally) after this many seconds. */
  timeoutSeconds?: number;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions extends Cancellable {
  fieldManager?: string;
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
}

/** json: RFC 6902; merge: RFC 7386; strategic: Kubernetes strategic merge; apply: server-side apply. */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface PatchOptions extends WriteOptions {
  type: PatchType;
  /** Server-side apply only: take ownership of conflicting fields. */
  force?: boolean;
  /** Patch a subresource (`status`, `scale`) instead of the object. */
  subresource?: string;
}

/** DELETE options: the metav1.DeleteOptions body plus cancellation. */
export interface DeleteCallOptions extends Omit<DeleteOptions, 'apiVersion' | 'kind'>, Cancellable {}

export interface DeleteCollectionOptions extends DeleteCallOptions {
  namespace?: string;
  labelSelector?: string | Selector;
  fieldSelector?: string | FieldSelector;
}

function push(q: Query, key: string, v: string | number | boolean | { toString(): string } | undefined): void {
  if (v === undefined) return;
  const s = String(v);
  if (s !== '') q.push([key, s]);
}

export function getQuery(o: GetOptions): Query {
  const q: Query = [];
  push(q, 'resourceVersion', o.resourceVersion);
  return q;
}

export function listQuery(o: ListOptions): Query {
  const q: Query = [];
  push(q, 'labelSelector', o.labelSelector);
  push(q, 'fieldSelector', o.fieldSelector);
  if (o.limit !== undefined && o.limit > 0) push(q, 'limit', o.limit);
  push(q, 'continue', o.continue);
  push(q, 'resourceVersion', o.resourceVersion);
  push(q, 'resourceVersionMatch', o.resourceVersionMatch);
  push(q, 'timeoutSeconds', o.timeoutSeconds);
  return q;
}

export function watchQuery(o: WatchOptions): Query {
  const q: Query = [['watch', 'true']];
  push(q, 'labelSelector', o.labelSelector);
  push(q, 'fieldSelector', o.fieldSelector);
  push(q, 'resourceVersion', o.resourceVersion);
  if (o.allowWatchBookmarks) q.push(['allowWatchBookmarks', 'true']);
  push(q, 'timeoutSeconds', o.timeoutSeconds);
  return q;
}

export function writeQuery(o: WriteOptions): Query {
  const q: Query = [];
  if (o.dryRun) q.push(['dryRun', 'All']);
  push(q, 'fieldManager', o.fieldManager);
  push(q, 'fieldValidation', o.fieldValidation);
  return q;
}

export function patchQuery(o: PatchOptions): Query {
  const q = writeQuery(o);
  if (o.force !== undefined && o.type === 'apply') q.push(['force', String(o.force)]);
  return q;
}

/** The metav1.DeleteOptions body of a DELETE (without the signal). */
export function deleteBody(o: DeleteCallOptions): DeleteOptions {
  const { signal: _signal, ...rest } = o as DeleteCollectionOptions;
  const { namespace: _ns, labelSelector: _ls, fieldSelector: _fs, ...body } = rest;
  return { apiVersion: 'v1', kind: 'DeleteOptions', ...body };
}
