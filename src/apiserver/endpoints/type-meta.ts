/** Checks a body's apiVersion/kind against the endpoint it was sent to, as Kubernetes' decoder does. */
import type { ResourceInfo } from '../../api/index.js';
import { badRequest } from '../../machinery/index.js';

export function checkTypeMeta(info: Pick<ResourceInfo, 'group' | 'version' | 'kind'>, body: Record<string, unknown>): void {
  const want = info.group ? `${info.group}/${info.version}` : info.version;
  const av = body.apiVersion;
  const kind = body.kind;
  if (av !== undefined && av !== '' && av !== want) {
    throw badRequest(`the API version in the data (${String(av)}) does not match the expected API version (${want})`);
  }
  if (kind !== undefined && kind !== '' && kind !== info.kind) {
    throw badRequest(`the kind in the data (${String(kind)}) does not match the expected kind (${info.kind})`);
  }
}
