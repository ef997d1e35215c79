/**
 * Create-only "review" resources that are computed, not stored: SelfSubjectAccessReview (kubectl auth can-i),
 * SubjectAccessReview, SelfSubjectRulesReview. Decisions come from the server's authorizer.
 */
import { badRequest, methodNotSupported } from '../../machinery/index.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { writeJson } from '../http/respond.js';
import type { UserInfo } from '../registry/context.js';
import type { EndpointContext } from './context.js';

export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  namespace: string;
  group: string;
  resource: string;
  subresource: string;
  name: string;
  path: string;
  isResourceRequest: boolean;
}

export interface Decision {
  allowed: boolean;
  denied?: boolean;
  reason: string;
}

/** SelfSubjectRulesReview status. */
export interface RulesReviewStatus {
  resourceRules: { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[];
  nonResourceRules: { verbs: string[]; nonResourceURLs?: string[] }[];
  incomplete: boolean;
  evaluationError?: string;
}

export interface Authorizer {
  authorize(attrs: AuthorizationAttributes): Promise<Decision>;
  /** The rules a user holds in a namespace (SelfSubjectRulesReview), when the authorizer can list them. */
  rulesFor?(user: UserInfo, namespace: string): Promise<RulesReviewStatus>;
}

/** Allows everything: the authorizer when none is configured (no RBAC). */
export const alwaysAllow: Authorizer = {
  authorize: async () => ({ allowed: true, reason: '' }),
};

const anonymous: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

export async function handleReview(ctx: EndpointContext, authorizer: Authorizer): Promise<void> {
  const { info } = ctx.target;
  if (ctx.req.method !== 'POST') throw methodNotSupported({ group: info.group, resource: info.resource }, ctx.ri.verb);
  const body = decodeObjectBody(await readBody(ctx.req, ctx.deps.maxBodyBytes), ctx.req.headers['content-type']).value as {
    metadata?: Record<string, unknown>;
    spec?: Record<string, unknown>;
  };
  const spec = body.spec ?? {};
  let user: UserInfo = ctx.user ?? anonymous;
  if (info.resource === 'subjectaccessreviews') {
    if (typeof spec.user !== 'string' && !Array.isArray(spec.groups)) throw badRequest('spec.user or spec.groups is required');
    user = { username: String(spec.user ?? ''), groups: (spec.groups as string[] | undefined) ?? [] };
  }
  if (info.resource === 'selfsubjectaccessreviews' || info.resource === 'subjectaccessreviews') {
    const ra = spec.resourceAttributes as Record<string, string> | undefined;
    const nra = spec.nonResourceAttributes as Record<string, string> | undefined;
    if (!ra && !nra) throw badRequest('exactly one of nonResourceAttributes or resourceAttributes must be specified');
    const attrs: AuthorizationAttributes = ra
      ? {
          user,
          verb: ra.verb ?? '',
          namespace: ra.namespace ?? '',
          group: ra.group ?? '',
          resource: ra.resource ?? '',
          subresource: ra.subresource ?? '',
          name: ra.name ?? '',
          path: '',
          isResourceRequest: true,
        }
      : { user, verb: nra!.verb ?? '', namespace: '', group: '', resource: '', subresource: '', name: '', path: nra!.path ?? '', isResourceRequest: false };
    const d = await authorizer.authorize(attrs);
    writeJson(ctx.res, 201, {
      kind: info.kind,
      apiVersion: `${info.group}/${info.version}`,
      metadata: { creationTimestamp: null },
      spec,
      status: { allowed: d.allowed, ...(d.denied ? { denied: true } : {}), ...(d.reason ? { reason: d.reason } : {}) },
    });
    return;
  }
  if (info.resource === 'selfsubjectrulesreviews') {
    const ns = typeof spec.namespace === 'string' ? spec.namespace : '';
    if (!ns) throw badRequest('no namespace on request');
    if (!authorizer.rulesFor) throw badRequest('the configured authorizer cannot list rules');
    const status = await authorizer.rulesFor(user, ns);
    writeJson(ctx.res, 201, {
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { namespace: ns },
      status,
    });
    return;
  }
  throw methodNotSupported({ group: info.group, resource: info.resource }, 'create');
}
