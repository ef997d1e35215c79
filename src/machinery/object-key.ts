/**
 * ObjectKey names one object: its namespace ('' for cluster-scoped objects) and name. The string form is
 * `namespace/name`, or `name` alone when cluster-scoped, as client-go's MetaNamespaceKeyFunc makes it.
 */
export interface ObjectKey {
  readonly namespace: string;
  readonly name: string;
}

export function objectKey(namespace: string | undefined, name: string): ObjectKey {
  return { namespace: namespace ?? '', name };
}

export function keyString(key: ObjectKey): string {
  return key.namespace ? `${key.namespace}/${key.name}` : key.name;
}

/** Parses `namespace/name` or `name`. Throws TypeError for an empty name or more than one slash. */
export function parseKey(s: string): ObjectKey {
  const parts = s.split('/');
  if (parts.length === 1 && parts[0]) return { namespace: '', name: parts[0] };
  if (parts.length === 2 && parts[0] && parts[1]) return { namespace: parts[0], name: parts[1] };
  throw new TypeError(`unexpected key format: ${JSON.stringify(s)}`);
}

export function keyOf(obj: { metadata?: { namespace?: string; name?: string } }): ObjectKey {
  const name = obj.metadata?.name;
  if (!name) throw new TypeError('object has no metadata.name');
  return { namespace: obj.metadata?.namespace ?? '', name };
}
