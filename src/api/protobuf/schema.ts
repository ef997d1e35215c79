/**
 * Message descriptors for Kubernetes protobuf: for each message, its fields in Go struct order (= JSON key order)
 * with field number, JSON name, wire type and how the Go field behaves when empty.
 *
 * Tables are written in a compact tuple form and compiled once by `compileSchema`, which checks them (unique numbers
 * and JSON names, every referenced message defined, inline fields are singular messages) and throws on a broken table.
 *
 * Field tuple: `[number, jsonName, type, flag?]`
 *   type: `string | int32 | int64 | bool | bytes`, a message name, `T[]` (repeated) or `map<T>` (map<string, T>).
 *   flag: `?`      Go pointer: on the wire and in JSON exactly when set, zero values included (`replicas: 0`).
 *         `!`      Go value without `omitempty`: always in JSON, its zero value when absent.
 *         `inline` embedded Go struct: its fields are merged into the parent's JSON object.
 *         (none)   Go value with `omitempty`: always on the wire (Go sends `""`/0), dropped from JSON when zero.
 *   A message-typed field without `?` is a Go value struct: Go always encodes it, and JSON always shows it (`{}`).
 */

export type ScalarType = 'string' | 'int32' | 'int64' | 'bool' | 'bytes';

/** Messages whose JSON form is not an object (metav1.Time → RFC 3339 string, IntOrString → number|string, ...). */
export type SpecialKind = 'Time' | 'MicroTime' | 'IntOrString' | 'Quantity' | 'FieldsV1' | 'StringList';

export type Presence = 'omitempty' | 'pointer' | 'required';

export interface FieldDescriptor {
  readonly number: number;
  readonly json: string;
  /** Scalar type, or undefined for message-typed fields. */
  readonly scalar: ScalarType | undefined;
  /** Message name, or undefined for scalar fields. */
  readonly message: string | undefined;
  readonly repeated: boolean;
  /** `map<string, V>`: on the wire a repeated entry message {1: key, 2: value}. */
  readonly map: boolean;
  readonly presence: Presence;
  readonly inline: boolean;
}

export interface MessageDescriptor {
  readonly name: string;
  /** Go struct order: the order of keys in the JSON form. */
  readonly fields: readonly FieldDescriptor[];
  /** Field-number order: the order Go writes fields on the wire. */
  readonly wireOrder: readonly FieldDescriptor[];
  readonly byNumber: ReadonlyMap<number, FieldDescriptor>;
  readonly special: SpecialKind | undefined;
}

export interface Schema {
  readonly messages: ReadonlyMap<string, MessageDescriptor>;
  message(name: string): MessageDescriptor;
}

export type FieldFlag = '?' | '!' | 'inline';
export type FieldSpec = readonly [number, string, string] | readonly [number, string, string, FieldFlag];
export type MessageTable = Readonly<Record<string, readonly FieldSpec[]>>;

const SCALARS: ReadonlySet<string> = new Set<ScalarType>(['string', 'int32', 'int64', 'bool', 'bytes']);

function parseField(owner: string, spec: FieldSpec): FieldDescriptor {
  const [number, json, typeText, flag] = spec;
  let t = typeText;
  let repeated = false;
  let map = false;
  const mapMatch = /^map<(\w+)>$/.exec(t);
  if (mapMatch) {
    map = true;
    t = mapMatch[1]!;
  } else if (t.endsWith('[]')) {
    repeated = true;
    t = t.slice(0, -2);
  }
  if (!Number.isInteger(number) || number < 1 || number >= 2 ** 29) {
    throw new Error(`schema: ${owner}.${json}: bad field number ${number}`);
  }
  const scalar = SCALARS.has(t) ? (t as ScalarType) : undefined;
  const inline = flag === 'inline';
  if (inline && (scalar || repeated || map)) throw new Error(`schema: ${owner}.${json}: inline must be a singular message`);
  return {
    number,
    json,
    scalar,
    message: scalar ? undefined : t,
    repeated,
    map,
    presence: flag === '?' ? 'pointer' : flag === '!' ? 'required' : 'omitempty',
    inline,
  };
}

/** Compiles and cross-checks message tables. Message names must be unique across all tables. */
export function compileSchema(
  tables: readonly MessageTable[],
  specials: Readonly<Record<string, SpecialKind>>,
): Schema {
  const messages = new Map<string, MessageDescriptor>();
  for (const table of tables) {
    for (const [name, specs] of Object.entries(table)) {
      if (messages.has(name)) throw new Error(`schema: message ${name} defined twice`);
      const fields = specs.map((s) => parseField(name, s));
      const byNumber = new Map<number, FieldDescriptor>();
      const jsonNames = new Set<string>();
      for (const f of fields) {
        if (byNumber.has(f.number)) throw new Error(`schema: ${name}: field number ${f.number} used twice`);
        byNumber.set(f.number, f);
        if (!f.inline && jsonNames.has(f.json)) throw new Error(`schema: ${name}: JSON name ${f.json} used twice`);
        jsonNames.add(f.json);
      }
      const wireOrder = [...fields].sort((a, b) => a.number - b.number);
      messages.set(name, { name, fields, wireOrder, byNumber, special: specials[name] });
    }
  }
  for (const msg of messages.values()) {
    for (const f of msg.fields) {
      if (f.message !== undefined && !messages.has(f.message)) {
        throw new Error(`schema: ${msg.name}.${f.json} refers to undefined message ${f.message}`);
      }
    }
  }
  for (const name of Object.keys(specials)) {
    if (!messages.has(name)) throw new Error(`schema: special message ${name} is not defined`);
  }
  return {
    messages,
    message(name: string): MessageDescriptor {
      const m = messages.get(name);
      if (!m) throw new Error(`schema: unknown message ${name}`);
      return m;
    },
  };
}
