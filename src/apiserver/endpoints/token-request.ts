/**
 * serviceaccounts/{name}/token (TokenRequest, authentication.k8s.io/v1): issues a bound service-account token for an
 * existing ServiceAccount, optionally bound to a Pod, for at least 10 minutes (default 1 hour), as Kubernetes does.
 */
import { badRequest, fieldErrors, invalid, methodNotSupported, notFound } from '../../machinery/index.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { writeJson } from '../http/respond.js';
import type { ConnectHandler, EndpointContext } from './context.js';

export interface TokenIssueRequest {
  namespace: string;
  name: string;
  uid: string;
  audiences: string[];
  expirationSeconds: number;
  boundPod?: { name: string; uid: string };
}

export type TokenIssuer = (r: TokenIssueRequest) => Promise<{ token: string; expirationTimestamp: string }>;

export function tokenRequestHandler(issue: TokenIssuer, defaultAudiences: string[]): ConnectHandler {
  return async (ctx: EndpointContext) => {
    if (ctx.req.method !== 'POST') throw methodNotSupported({ group: '', resource: 'serviceaccounts/token' }, ctx.ri.verb);
    const body = decodeObjectBody(await readBody(ctx.req, ctx.deps.maxBodyBytes), ctx.req.headers['content-type']).value as {
      spec?: { audiences?: unknown; expirationSeconds?: unknown; boundObjectRef?: { kind?: string; name?: string; uid?: string } };
    };
    const spec = body.spec ?? {};
    const exp = spec.expirationSeconds === undefined ? 3600 : spec.expirationSeconds;
    if (typeof exp !== 'number' || !Number.isInteger(exp)) throw badRequest('spec.expirationSeconds must be an integer');
    if (exp < 600) {
      throw invalid({ group: 'authentication.k8s.io', kind: 'TokenRequest' }, ctx.ri.name, [
        fieldErrors.invalid('spec.expirationSeconds', exp, 'may not specify a duration less than 10 minutes'),
      ]);
    }
    const audiences = Array.isArray(spec.audiences) && spec.audiences.length ? spec.audiences.map(String) : defaultAudiences;
    const sa = await ctx.target.registry.tryGet(ctx.ri.namespace, ctx.ri.name);
    if (!sa) throw notFound({ group: '', resource: 'serviceaccounts' }, ctx.ri.name);
    let boundPod: TokenIssueRequest['boundPod'];
    const ref = spec.boundObjectRef;
    if (ref) {
      if (ref.kind !== 'Pod') throw badRequest(`cannot bind token to object of kind ${String(ref.kind)}: only Pod is supported`);
      const pods = ctx.deps.resource('', 'pods')!.registry;
      const pod = await pods.tryGet(ctx.ri.namespace, ref.name ?? '');
      if (!pod || (ref.uid && ref.uid !== pod.metadata.uid)) throw notFound({ group: '', resource: 'pods' }, ref.name ?? '');
      boundPod = { name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' };
    }
    const issued = await issue({
      namespace: ctx.ri.namespace,
      name: ctx.ri.name,
      uid: sa.metadata.uid ?? '',
      audiences,
      expirationSeconds: Math.min(exp, 48 * 3600),
      ...(boundPod ? { boundPod } : {}),
    });
    writeJson(ctx.res, 201, {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name: ctx.ri.name, namespace: ctx.ri.namespace, creationTimestamp: null },
      spec: { audiences, expirationSeconds: exp, boundObjectRef: ref ?? null },
      status: { token: issued.token, expirationTimestamp: issued.expirationTimestamp },
    });
  };
}
