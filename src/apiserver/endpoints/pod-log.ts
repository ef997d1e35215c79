/**
 * pods/{name}/log (`kubectl logs`): the API server finds the pod's node and proxies to that node's kubelet API
 * (`GET /containerLogs/...` on the node's InternalIP and status.daemonEndpoints.kubeletEndpoint.Port), streaming the
 * text back — as kube-apiserver does. Errors worded like Kubernetes'.
 */
import { request } from 'node:http';
import type { KubeObject } from '../../api/index.js';
import { ApiError, badRequest, methodNotSupported, notFound } from '../../machinery/index.js';
import type { EndpointContext } from './context.js';

interface ContainerLike {
  name: string;
}

export async function handlePodLog(ctx: EndpointContext): Promise<void> {
  if (ctx.req.method !== 'GET') throw methodNotSupported({ group: '', resource: 'pods/log' }, ctx.ri.verb);
  const pod = await ctx.target.registry.get(ctx.ri.namespace, ctx.ri.name);
  const spec = (pod.spec ?? {}) as { nodeName?: string; containers?: ContainerLike[]; initContainers?: ContainerLike[] };
  const names = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c) => c.name);
  let container = ctx.query.get('container') ?? '';
  if (!container) {
    if ((spec.containers ?? []).length !== 1) {
      throw badRequest(`a container name must be specified for pod ${ctx.ri.name}, choose one of: [${(spec.containers ?? []).map((c) => c.name).join(' ')}]`);
    }
    container = spec.containers![0]!.name;
  }
  if (!names.includes(container)) throw badRequest(`container ${container} is not valid for pod ${ctx.ri.name}`);
  if (!spec.nodeName) throw badRequest(`pod ${ctx.ri.name} does not have a host assigned`);
  const nodes = ctx.deps.resource('', 'nodes');
  if (!nodes) throw notFound({ group: '', resource: 'nodes' }, spec.nodeName);
  const node: KubeObject = await nodes.registry.get('', spec.nodeName);
  const status = (node.status ?? {}) as { addresses?: { type: string; address: string }[]; daemonEndpoints?: { kubeletEndpoint?: { Port?: number } } };
  const ip = status.addresses?.find((a) => a.type === 'InternalIP')?.address;
  const port = status.daemonEndpoints?.kubeletEndpoint?.Port;
  if (!ip || !port) throw new ApiError(503, 'ServiceUnavailable', `no kubelet address for node ${spec.nodeName}`);
  const q = new URLSearchParams();
  for (const k of ['follow', 'tailLines', 'sinceSeconds', 'timestamps', 'previous', 'limitBytes']) {
    const v = ctx.query.get(k);
    if (v !== null) q.set(k, v);
  }
  const path = `/containerLogs/${encodeURIComponent(ctx.ri.namespace)}/${encodeURIComponent(ctx.ri.name)}/${encodeURIComponent(container)}?${q}`;
  await new Promise<void>((resolve, reject) => {
    const up = request({ host: ip, port, path, method: 'GET' }, (r) => {
      if ((r.statusCode ?? 500) >= 400) {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => reject(badRequest(Buffer.concat(chunks).toString().trim() || `kubelet answered ${r.statusCode}`)));
        return;
      }
      ctx.res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
      ctx.res.flushHeaders();
      r.pipe(ctx.res);
      r.on('end', () => resolve());
      r.on('error', reject);
    });
    up.on('error', (err) => reject(new ApiError(502, 'InternalError', `failed to reach the kubelet of node ${spec.nodeName}: ${err.message}`)));
    ctx.res.on('close', () => up.destroy());
    up.end();
  });
}
