/**
 * `metadata.managedFields` ⇄ the in-memory map the field manager works on, as k8s.io/apimachinery's
 * `managedfields/internal/managedfields.go` does it. Entries are keyed by a *manager identifier*: the JSON of
 * manager, operation, apiVersion (left out for Apply, so an applier keeps one entry across versions) and
 * subresource. Encoding sorts entries by operation, time (seconds), manager, apiVersion, subresource.
 */
import { ManagedFieldsError } from './errors.js';
import { FieldPathSet } from './field-path-set.js';
import { fieldSetFromFieldsV1, fieldSetToFieldsV1, type FieldsV1 } from './fields-v1.js';
import { compareGoStrings, goJsonString, isJsonObject } from './go-json.js';

export type ManagedFieldsOperation = 'Apply' | 'Update';

/** metav1.ManagedFieldsEntry as it goes on the wire (same shape as the api layer's type). */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: ManagedFieldsOperation;
  apiVersion?: string;
  time?: string;
  fieldsType?: 'FieldsV1';
  fieldsV1?: FieldsV1;
  subresource?: string;
}

export interface ManagerIdentity {
  readonly manager: string;
  readonly operation: ManagedFieldsOperation;
  /** Empty for Apply identities. */
  readonly apiVersion: string;
  readonly subresource: string;
}

/** The fields one manager owns, in the version it last wrote them with. `applied` is true for Apply entries. */
export interface VersionedSet {
  readonly set: FieldPathSet;
  readonly apiVersion: string;
  readonly applied: boolean;
}

/** Manager identifier → owned fields, and → last operation time (RFC3339, absent for entries without one). */
export interface Managed {
  readonly fields: Map<string, VersionedSet>;
  readonly times: Map<string, string | undefined>;
}

export function emptyManaged(): Managed {
  return { fields: new Map(), times: new Map() };
}

export function copyManaged(m: Managed): Managed {
  return { fields: new Map(m.fields), times: new Map(m.times) };
}

/** The identifier Kubernetes keys an entry by: Go JSON of manager, operation, apiVersion (not for Apply), subresource. */
export function buildManagerIdentifier(entry: {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  subresource?: string;
}): string {
  const parts: string[] = [];
  if (entry.manager) parts.push(`"manager":${goJsonString(entry.manager)}`);
  if (entry.operation) parts.push(`"operation":${goJsonString(entry.operation)}`);
  if (entry.apiVersion && entry.operation !== 'Apply') parts.push(`"apiVersion":${goJsonString(entry.apiVersion)}`);
  if (entry.subresource) parts.push(`"subresource":${goJsonString(entry.subresource)}`);
  return `{${parts.join(',')}}`;
}

export function parseManagerIdentifier(id: string): ManagerIdentity {
  const raw: unknown = JSON.parse(id);
  const o = isJsonObject(raw) ? raw : {};
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '');
  return {
    manager: str('manager'),
    operation: str('operation') === 'Apply' ? 'Apply' : 'Update',
    apiVersion: str('apiVersion'),
    subresource: str('subresource'),
  };
}

/** RFC3339 at second precision in UTC, as metav1.Time serializes (`2026-01-01T00:00:00Z`). */
export function formatTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function normalizeTime(t: string | undefined): string | undefined {
  if (t === undefined) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? t : formatTime(ms);
}

function timeSeconds(t: string | undefined): number {
  if (t === undefined) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/**
 * Decodes managedFields. Throws ManagedFieldsError, worded like Kubernetes, for an entry whose operation is not
 * Apply/Update, whose apiVersion is empty, whose fieldsType is not FieldsV1, or whose FieldsV1 is malformed.
 */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[]): Managed {
  const managed = emptyManaged();
  entries.forEach((e, i) => {
    if (e.operation !== 'Apply' && e.operation !== 'Update') throw new ManagedFieldsError('operation must be `Apply` or `Update`');
    if (!e.apiVersion) throw new ManagedFieldsError('apiVersion must not be empty');
    if (e.fieldsType === undefined || (e.fieldsType as string) === '') {
      throw new ManagedFieldsError(`missing fieldsType in managed fields entry ${i}`);
    }
    if (e.fieldsType !== 'FieldsV1') throw new ManagedFieldsError(`invalid fieldsType ${JSON.stringify(e.fieldsType)} in managed fields entry ${i}`);
    const id = buildManagerIdentifier(e);
    let set: FieldPathSet;
    try {
      set = e.fieldsV1 === undefined || e.fieldsV1 === null ? FieldPathSet.empty() : fieldSetFromFieldsV1(e.fieldsV1);
    } catch (err) {
      throw new ManagedFieldsError(`error decoding versioned set from entry ${i} (manager ${JSON.stringify(e.manager ?? '')}): error decoding set: ${(err as Error).message}`);
    }
    managed.fields.set(id, { set, apiVersion: e.apiVersion, applied: e.operation === 'Apply' });
    managed.times.set(id, normalizeTime(e.time));
  });
  return managed;
}

/** Encodes the map back to sorted entries; undefined when there are none (the field is then omitted). */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] | undefined {
  if (managed.fields.size === 0) return undefined;
  const entries: ManagedFieldsEntry[] = [];
  for (const [id, vs] of managed.fields) {
    const who = parseManagerIdentifier(id);
    const entry: ManagedFieldsEntry = {};
    if (who.manager) entry.manager = who.manager;
    entry.operation = vs.applied ? 'Apply' : who.operation;
    if (vs.apiVersion) entry.apiVersion = vs.apiVersion;
    const t = managed.times.get(id);
    if (t !== undefined) entry.time = t;
    entry.fieldsType = 'FieldsV1';
    entry.fieldsV1 = fieldSetToFieldsV1(vs.set);
    if (who.subresource) entry.subresource = who.subresource;
    entries.push(entry);
  }
  return entries.sort(compareEntries);
}

function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  return (
    compareGoStrings(p.operation ?? '', q.operation ?? '') ||
    timeSeconds(p.time) - timeSeconds(q.time) ||
    compareGoStrings(p.manager ?? '', q.manager ?? '') ||
    compareGoStrings(p.apiVersion ?? '', q.apiVersion ?? '') ||
    compareGoStrings(p.subresource ?? '', q.subresource ?? '')
  );
}

/**
 * Whether a request's managedFields ask for a reset: an empty list, or a list holding one empty entry
 * (Kubernetes' `isResetManagedFields`).
 */
export function isResetManagedFields(entries: readonly ManagedFieldsEntry[] | null | undefined): boolean {
  if (!entries) return false;
  if (entries.length === 0) return true;
  if (entries.length !== 1 || !isJsonObject(entries[0])) return false;
  return Object.values(entries[0]).every((v) => v === undefined || v === null || v === '');
}
