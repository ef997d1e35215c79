/**
 * pods/binding (seed step 11 → 12): the scheduler POSTs a Binding; the API server sets spec.nodeName, copies the
 * binding's annotations, and marks the PodScheduled condition — once: a bound pod cannot be bound again.
 */
import type { KubeObject } from '../../api/index.js';
import { badRequest, conflict, fieldErrors, invalid, notFound } from '../../machinery/index.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { writeJson } from '../http/respond.js';
import { rfc3339 } from '../registry/time.js';
import { updateObject } from '../registry/update.js';
import type { EndpointContext } from './context.js';
import { writeOptions } from './write-options.js';

interface Binding {
  metadata?: { name?: string; annotations?: Record<string, string>; uid?: string; resourceVersion?: string };
  target?: { kind?: string; name?: string; apiVersion?: string };
}

export async function handleBinding(ctx: EndpointContext): Promise<void> {
  const { registry } = ctx.target;
  const b = decodeObjectBody(await readBody(ctx.req, ctx.deps.maxBodyBytes), ctx.req.headers['content-type']).value as Binding;
  const name = ctx.ri.name;
  if (b.metadata?.name && b.metadata.name !== name) {
    throw badRequest(`the name of the object (${b.metadata.name}) does not match the name on the URL (${name})`);
  }
  const node = b.target?.name;
  if (!node) throw invalid({ group: '', kind: 'Binding' }, name, [fieldErrors.required('target.name', '')]);
  if (b.target?.kind && b.target.kind !== 'Node') {
    throw invalid({ group: '', kind: 'Binding' }, name, [fieldErrors.notSupported('target.kind', b.target.kind, ['Node'])]);
  }
  const gr = { group: '', resource: 'pods' };
  const now = ctx.deps.clock.now();
  await updateObject(
    registry,
    ctx.ri.namespace,
    name,
    (pod: KubeObject | null) => {
      if (!pod) throw notFound(gr, name);
      if (pod.metadata.deletionTimestamp) throw conflict(gr, name, 'pod is being deleted, cannot be assigned to a host');
      if (b.metadata?.uid && b.metadata.uid !== pod.metadata.uid) {
        throw conflict(gr, name, `Precondition failed: UID in precondition: ${b.metadata.uid}, UID in object meta: ${pod.metadata.uid}`);
      }
      const spec = (pod.spec ??= {}) as Record<string, unknown>;
      if (spec.nodeName) throw conflict(gr, name, `pod ${name} is already assigned to node "${String(spec.nodeName)}"`);
      spec.nodeName = node;
      if (b.metadata?.annotations) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), ...b.metadata.annotations };
      const status = (pod.status ??= {}) as { conditions?: Array<Record<string, unknown>> };
      const conds = (status.conditions ??= []);
      const cond = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(now) };
      const i = conds.findIndex((c) => c.type === 'PodScheduled');
      if (i >= 0) conds[i] = cond;
      else conds.push(cond);
      delete pod.metadata.resourceVersion;
      return pod;
    },
    { ...writeOptions(ctx), target: 'internal' },
  );
  writeJson(ctx.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
