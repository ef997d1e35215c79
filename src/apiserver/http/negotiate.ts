/**
 * Content negotiation for responses. Kubernetes clients ask for alternative representations through Accept
 * parameters: `application/json;as=Table;v=v1;g=meta.k8s.io` for server-side printing and
 * `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList` for aggregated discovery.
 * The first acceptable entry wins, in the client's order (kubectl lists its preferences first).
 */

export interface MediaRange {
  type: string; // e.g. application/json, */*
  params: Record<string, string>;
}

export type Representation =
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'table'; version: 'v1' | 'v1beta1' }
  | { kind: 'partial-metadata'; version: 'v1' | 'v1beta1'; list: boolean }
  | { kind: 'discovery'; version: 'v2' | 'v2beta1' };

export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) return [{ type: '*/*', params: {} }];
  const out: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    if (!type) continue;
    const p: Record<string, string> = {};
    for (const kv of params) {
      const eq = kv.indexOf('=');
      if (eq > 0) p[kv.slice(0, eq).trim()] = kv.slice(eq + 1).trim().replace(/^"|"$/g, '');
    }
    out.push({ type: type.toLowerCase(), params: p });
  }
  return out;
}

const isJsonish = (t: string) => t === 'application/json' || t === '*/*' || t === 'application/*';

/**
 * Picks the representation for a resource response. Protobuf is answered as JSON (kubectl accepts that: it always
 * lists application/json after protobuf). Returns null when nothing acceptable is offered (→ 406).
 */
export function negotiateResource(accept: string | undefined, opts: { list: boolean }): Representation | null {
  for (const m of parseAccept(accept)) {
    const as = m.params['as'];
    if (as) {
      const g = m.params['g'];
      const v = m.params['v'];
      if (m.type !== 'application/json') continue;
      if (as === 'Table' && g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) return { kind: 'table', version: v };
      if ((as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') && g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) {
        if ((as === 'PartialObjectMetadataList') !== opts.list) continue;
        return { kind: 'partial-metadata', version: v, list: opts.list };
      }
      continue;
    }
    if (isJsonish(m.type)) return { kind: 'json' };
    if (m.type === 'application/yaml') return { kind: 'yaml' };
    if (m.type === 'application/vnd.kubernetes.protobuf') continue; // fall through to the JSON alternative
  }
  return null;
}

/** Aggregated discovery (`/api`, `/apis`) or the legacy APIVersions/APIGroupList form. */
export function negotiateDiscovery(accept: string | undefined): Representation {
  for (const m of parseAccept(accept)) {
    if (m.type === 'application/json' && m.params['g'] === 'apidiscovery.k8s.io' && m.params['as'] === 'APIGroupDiscoveryList') {
      const v = m.params['v'];
      if (v === 'v2' || v === 'v2beta1') return { kind: 'discovery', version: v };
    }
  }
  return { kind: 'json' };
}
