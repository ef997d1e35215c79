/**
 * Shared pieces of the typed walks (field sets, compare, merge, remove): how a value is treated under its schema
 * and how a list item becomes a path element.
 */
import { ApplyObjectError } from './errors.js';
import { goQuote, isJsonObject, type JsonObject, type JsonValue } from './go-json.js';
import { keyElementOf, pathToString, valueElement, type FieldPath, type KeyField, type PathElement } from './path.js';
import type { ApplyTypeInfo } from './schema.js';

export type Shape = 'map' | 'list' | 'scalar' | 'null';

export function shapeOf(v: JsonValue): Shape {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'map' : 'scalar';
}

/** The list semantics actually used: a `map` list without keys behaves as a `set`. */
export function listKind(info: ApplyTypeInfo): 'atomic' | 'set' | 'map' {
  if (info.listType === 'map') return info.listMapKeys && info.listMapKeys.length > 0 ? 'map' : 'set';
  return info.listType === 'set' ? 'set' : 'atomic';
}

export function isAtomicMap(info: ApplyTypeInfo): boolean {
  return info.mapType === 'atomic';
}

/** Whether the keys of a map at this type are free-form (owned as members) rather than named struct fields. */
export function isFreeFormMap(info: ApplyTypeInfo): boolean {
  return info.mapKind === 'map';
}

/** An error located at `path`, worded as SMD's ValidationError (`.spec.containers: duplicate entries for key ...`). */
export function objectError(path: FieldPath, message: string): ApplyObjectError {
  const where = pathToString(path);
  return new ApplyObjectError(where ? `${where}: ${message}` : message);
}

/** The path element naming `item` in an associative (set or map) list. Throws ApplyObjectError when it has none. */
export function listItemElement(item: JsonValue, info: ApplyTypeInfo, at: FieldPath, index: number): PathElement {
  const fail = (msg: string) => objectError(at, `element ${index}: ${msg}`);
  if (listKind(info) === 'map') {
    if (item === null) throw fail('associative list with keys may not have a null element');
    if (!isJsonObject(item)) throw fail('associative list with keys may not have non-map elements');
    const keys = info.listMapKeys!;
    const defaults = info.listMapKeyDefaults;
    const fields: KeyField[] = [];
    for (const k of keys) {
      // As a record would hold them: each name once, and never `__proto__` (assigning it sets no key).
      if (k === '__proto__' || fields.some((f) => f.name === k)) continue;
      if (hasOwn(item, k)) fields.push({ name: k, value: item[k]! });
      else if (defaults && Object.prototype.hasOwnProperty.call(defaults, k)) fields.push({ name: k, value: defaults[k]! });
    }
    if (fields.length === 0) {
      throw fail(
        `associative list with keys has an element that omits all key fields [${keys.map(goQuote).join(' ')}] ` +
          `(and doesn't have default values for any key fields)`,
      );
    }
    return keyElementOf(fields);
  }
  if (item === null) throw fail("associative list without keys has an element that's an explicit null");
  if (Array.isArray(item)) throw fail('not supported: associative list with lists as elements');
  if (typeof item === 'object') throw fail("associative list without keys has an element that's a map type");
  return valueElement(item);
}

export function hasOwn(m: JsonObject, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, k);
}
