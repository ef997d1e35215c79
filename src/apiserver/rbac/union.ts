/**
 * unionAuthorizer: Kubernetes' union authorizer (k8s.io/apiserver authorization/union). Authorizers are asked in
 * order; the first allow or explicit deny (`denied: true`) decides. When every one has no opinion the answer is
 * `{allowed: false}` with their non-empty reasons joined by newlines. If an authorizer throws and none allows, the
 * first error is rethrown (Kubernetes answers such a request with 500, not 403).
 *
 * `rulesFor` unions the rules of every member that can list rules (Kubernetes' union rule resolver): incomplete when
 * any member is, evaluation errors joined.
 */
import type { AuthorizationAttributes, Authorizer, Decision } from '../endpoints/reviews.js';
import type { UserInfo } from '../registry/context.js';
import { aggregateMessage } from './authorizer.js';
import type { RulesLister, SubjectRulesReviewStatus } from './types.js';

const canList = (a: Authorizer): a is Authorizer & RulesLister => typeof (a as Partial<RulesLister>).rulesFor === 'function';

export function unionAuthorizer(authorizers: readonly Authorizer[]): Authorizer & RulesLister {
  const members = [...authorizers];
  return {
    async authorize(attrs: AuthorizationAttributes): Promise<Decision> {
      const reasons: string[] = [];
      const errors: unknown[] = [];
      for (const a of members) {
        let d: Decision;
        try {
          d = await a.authorize(attrs);
        } catch (err) {
          errors.push(err);
          continue;
        }
        if (d.allowed || d.denied) return d;
        if (d.reason) reasons.push(d.reason);
      }
      if (errors.length) throw errors[0];
      return { allowed: false, reason: reasons.join('\n') };
    },

    async rulesFor(user: UserInfo, namespace: string): Promise<SubjectRulesReviewStatus> {
      const out: SubjectRulesReviewStatus = { resourceRules: [], nonResourceRules: [], incomplete: false };
      const errors: string[] = [];
      for (const a of members.filter(canList)) {
        const r = await a.rulesFor(user, namespace);
        out.resourceRules.push(...r.resourceRules);
        out.nonResourceRules.push(...r.nonResourceRules);
        if (r.incomplete) out.incomplete = true;
        if (r.evaluationError) errors.push(r.evaluationError);
      }
      if (errors.length) out.evaluationError = aggregateMessage(errors);
      return out;
    },
  };
}
