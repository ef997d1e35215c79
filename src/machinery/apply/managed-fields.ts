/**
 * `metadata.managedFields` ⇄ the in-memory map the field manager works on, as k8s.io/apimachinery's
 * `managedfields/internal/managedfields.go` does it. Entries are keyed by a *manager identifier*: the JSON of
 * manager, operation, apiVersion (left out for Apply, so an applier keeps one entry across versions) and
 * subresource. Encoding sorts entries by operation, time (seconds), manager, apiVersion, subresource.
 */
import { ManagedFieldsError } from './errors.js';
import { FieldPathSet } from './field-path-set.js';
import { borrowFieldSet, fieldSetFromFieldsV1, fieldSetToFieldsV1, type FieldsV1 } from './fields-v1.js';
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
  let out = '{';
  if (entry.manager) out += `"manager":${goJsonString(entry.manager)}`;
  if (entry.operation) out += `${out.length > 1 ? ',' : ''}"operation":${goJsonString(entry.operation)}`;
  if (entry.apiVersion && entry.operation !== 'Apply') out += `${out.length > 1 ? ',' : ''}"apiVersion":${goJsonString(entry.apiVersion)}`;
  if (entry.subresource) out += `${out.length > 1 ? ',' : ''}"subresource":${goJsonString(entry.subresource)}`;
  return `${out}}`;
}

/** Parsed identifiers (there are few distinct ones); forgotten all at once past the bound. */
const MAX_MEMO = 1024;
const identities = new Map<string, ManagerIdentity>();

export function parseManagerIdentifier(id: string): ManagerIdentity {
  const known = identities.get(id);
  if (known) return known;
  const who = parseIdentifier(id);
  if (identities.size >= MAX_MEMO) identities.clear();
  identities.set(id, who);
  return who;
}

function parseIdentifier(id: string): ManagerIdentity {
  const raw: unknown = JSON.parse(id);
  const o = isJsonObject(raw) ? raw : {};
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '');
  return Object.freeze({
    manager: str('manager'),
    operation: str('operation') === 'Apply' ? 'Apply' : 'Update',
    apiVersion: str('apiVersion'),
    subresource: str('subresource'),
  });
}

/** RFC3339 at second precision in UTC, as metav1.Time serializes (`2026-01-01T00:00:00Z`). */
export function formatTime(epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000);
  if (seconds !== lastFormatted.seconds) lastFormatted = { seconds, text: new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') };
  return lastFormatted.text;
}

let lastFormatted = { seconds: NaN, text: '' };

interface ParsedTime {
  /** The time as metav1.Time writes it back, or the text itself when it does not parse. */
  readonly normalized: string;
  /** Whole seconds since the epoch; 0 when the text does not parse. */
  readonly seconds: number;
}

/** Parsed entry times (the same few recur on every write of an object); forgotten all at once past the bound. */
const times = new Map<string, ParsedTime>();

function parseTime(t: string): ParsedTime {
  let parsed = times.get(t);
  if (!parsed) {
    const ms = Date.parse(t);
    parsed = Number.isNaN(ms) ? { normalized: t, seconds: 0 } : { normalized: formatTime(ms), seconds: Math.floor(ms / 1000) };
    if (times.size >= MAX_MEMO) times.clear();
    times.set(t, parsed);
  }
  return parsed;
}

function normalizeTime(t: string | undefined): string | undefined {
  return t === undefined ? undefined : parseTime(t).normalized;
}

function timeSeconds(t: string | undefined): number {
  return t === undefined ? 0 : parseTime(t).seconds;
}

/**
 * Decodes managedFields. Throws ManagedFieldsError, worded like Kubernetes, for an entry whose operation is not
 * Apply/Update, whose apiVersion is empty, whose fieldsType is not FieldsV1, or whose FieldsV1 is malformed.
 */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[]): Managed {
  return decodeEntries(entries, fieldSetFromFieldsV1);
}

/**
 * As decodeManagedFields, with sets that borrow the entries' FieldsV1 documents (see borrowFieldSet): the entries must
 * not change while the result is in use. For one write's bookkeeping, which reads its inputs and never changes them.
 */
export function borrowManagedFields(entries: readonly ManagedFieldsEntry[]): Managed {
  return decodeEntries(entries, borrowFieldSet);
}

function decodeEntries(entries: readonly ManagedFieldsEntry[], read: (fields: FieldsV1) => FieldPathSet): Managed {
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
      set = e.fieldsV1 === undefined || e.fieldsV1 === null ? FieldPathSet.empty() : read(e.fieldsV1);
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
