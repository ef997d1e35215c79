/**
 * Interplay with client-side apply's `kubectl.kubernetes.io/last-applied-configuration` annotation, for the manager
 * named `kubectl` only (Kubernetes' lastAppliedManager and lastAppliedUpdater):
 *  - a conflict on a field whose live value still equals its value in the annotation is not a conflict (the user is
 *    moving from client-side to server-side apply with the same configuration);
 *  - after a successful apply, an existing annotation is rewritten to the applied configuration.
 */
import { ApplyConflictError } from './conflict.js';
import { compareObjects } from './compare.js';
import type { FieldPathSet } from './field-path-set.js';
import { copyValue, goJson, isJsonObject, setOwn, type JsonObject, type JsonValue } from './go-json.js';
import type { TypeCursor } from './schema.js';
import { toFieldSet } from './to-field-set.js';
import { isApplyObjectError } from './errors.js';

export const LAST_APPLIED_CONFIG_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** The manager name kubectl uses for server-side apply, the only one the annotation logic applies to. */
export const KUBECTL_MANAGER = 'kubectl';
/** Kubernetes' TotalAnnotationSizeLimitB (256 KiB): an annotation that would exceed it is dropped instead. */
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
const utf8 = new TextEncoder();

function annotationsOf(obj: JsonObject): JsonObject | undefined {
  const meta = obj['metadata'];
  if (!isJsonObject(meta)) return undefined;
  const ann = meta['annotations'];
  return isJsonObject(ann) ? ann : undefined;
}

function lastApplied(obj: JsonObject): string | undefined {
  const v = annotationsOf(obj)?.[LAST_APPLIED_CONFIG_ANNOTATION];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * Fields of the annotation whose live value is unchanged: conflicts on them are allowed. Undefined when the
 * annotation is absent, unparsable, of another apiVersion, or does not fit the schema.
 */
function allowedConflicts(live: JsonObject, apiVersion: string, cursor: TypeCursor): FieldPathSet | undefined {
  const text = lastApplied(live);
  if (text === undefined) return undefined;
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
  if (!isJsonObject(parsed) || parsed['apiVersion'] !== apiVersion) return undefined;
  try {
    const set = toFieldSet(parsed, cursor);
    const cmp = compareObjects(parsed, live, cursor);
    return set.difference(cmp.modified).difference(cmp.added).difference(cmp.removed);
  } catch (err) {
    if (isApplyObjectError(err)) return undefined;
    throw err;
  }
}

/**
 * Runs `apply`; if the `kubectl` manager hits conflicts that the last-applied annotation accounts for entirely,
 * runs it again with force. Conflicts the annotation does not account for are rethrown (without the allowed ones).
 */
export function withLastAppliedConflicts<T>(
  opts: { manager: string; live: JsonObject | null; apiVersion: string; cursor: TypeCursor },
  apply: (force: boolean) => T,
  force: boolean,
): T {
  if (opts.manager !== KUBECTL_MANAGER || force || !opts.live) return apply(force);
  try {
    return apply(false);
  } catch (err) {
    if (!(err instanceof ApplyConflictError)) throw err;
    const allowed = allowedConflicts(opts.live, opts.apiVersion, opts.cursor);
    if (!allowed) throw err;
    const remaining = err.conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length > 0) throw new ApplyConflictError(remaining);
    return apply(true);
  }
}

/**
 * For the `kubectl` manager, when the result already carries the annotation, sets it to the applied configuration
 * (without the annotation itself), JSON-encoded as Kubernetes does, with a trailing newline. Mutates `result`.
 */
export function updateLastApplied(result: JsonObject, applied: JsonObject, manager: string): void {
  if (manager !== KUBECTL_MANAGER || lastApplied(result) === undefined) return;
  const config = copyValue(applied);
  const configAnnotations = annotationsOf(config);
  if (configAnnotations) {
    delete configAnnotations[LAST_APPLIED_CONFIG_ANNOTATION];
    // An empty map is omitted when Kubernetes encodes the typed object.
    if (Object.keys(configAnnotations).length === 0) delete (config['metadata'] as JsonObject)['annotations'];
  }
  const value = `${goJson(config)}\n`;
  const annotations = annotationsOf(result)!;
  setOwn(annotations, LAST_APPLIED_CONFIG_ANNOTATION, value);
  const bytes = (t: string) => utf8.encode(t).length;
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) total += bytes(k) + (typeof v === 'string' ? bytes(v) : 0);
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) delete annotations[LAST_APPLIED_CONFIG_ANNOTATION];
}
