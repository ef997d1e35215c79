/**
 * Validation of RBAC objects, keyed by kind, as the registry's strategies apply it: Kubernetes' rules and messages
 * (api/validation/access.ts: verbs required, resource rules need apiGroups and resources, non-resource URLs only in
 * ClusterRoles, roleRef kind Role|ClusterRole with apiGroup rbac.authorization.k8s.io and immutable on update, subject
 * kinds User|Group|ServiceAccount, ...) turned into the 422 Invalid ApiError with one cause per field error.
 *
 * Guarantees: for any input — however malformed — a validator either returns (valid) or throws an ApiError: 400
 * BadRequest when the input is not an object at all, 422 Invalid otherwise. It never throws anything else and never
 * modifies its input.
 */
import { validateCreate, validateUpdate } from '../../api/index.js';
import { type FieldError, badRequest, fieldErrors, invalid } from '../../machinery/index.js';
import { RBAC_GROUP } from './types.js';

export type RbacKind = 'Role' | 'ClusterRole' | 'RoleBinding' | 'ClusterRoleBinding';

export interface RbacValidator {
  validateCreate(obj: unknown): void;
  validateUpdate(obj: unknown, old: unknown): void;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Shape errors the field validators assume away: lists that are not lists, objects that are not objects. */
function shapeErrors(kind: RbacKind, o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const mustBe = (path: string, v: unknown, what: 'object' | 'array') => {
    if (v === undefined || v === null) return true;
    const ok = what === 'array' ? Array.isArray(v) : isObj(v);
    if (!ok) errs.push(fieldErrors.typeInvalid(path, v, `must be ${what === 'array' ? 'a list' : 'an object'}`));
    return ok;
  };
  const strings = (path: string, v: unknown) => {
    if (!mustBe(path, v, 'array')) return;
    (v as unknown[] | undefined)?.forEach((x, i) => {
      if (typeof x !== 'string') errs.push(fieldErrors.typeInvalid(`${path}[${i}]`, x, 'must be a string'));
    });
  };
  mustBe('metadata', o.metadata, 'object');
  if (kind === 'Role' || kind === 'ClusterRole') {
    if (mustBe('rules', o.rules, 'array')) {
      (o.rules as unknown[] | undefined)?.forEach((r, i) => {
        if (!isObj(r)) return void errs.push(fieldErrors.typeInvalid(`rules[${i}]`, r, 'must be an object'));
        for (const f of ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs']) strings(`rules[${i}].${f}`, r[f]);
      });
    }
    if (kind === 'ClusterRole' && mustBe('aggregationRule', o.aggregationRule, 'object') && isObj(o.aggregationRule)) {
      const sels = o.aggregationRule.clusterRoleSelectors;
      if (mustBe('aggregationRule.clusterRoleSelectors', sels, 'array')) {
        (sels as unknown[] | undefined)?.forEach((s, i) => mustBe(`aggregationRule.clusterRoleSelectors[${i}]`, s, 'object'));
      }
    }
    return errs;
  }
  if (o.roleRef === undefined || o.roleRef === null) errs.push(fieldErrors.required('roleRef'));
  else if (mustBe('roleRef', o.roleRef, 'object')) {
    for (const f of ['apiGroup', 'kind', 'name']) {
      const v = (o.roleRef as Obj)[f];
      if (v !== undefined && typeof v !== 'string') errs.push(fieldErrors.typeInvalid(`roleRef.${f}`, v, 'must be a string'));
    }
  }
  if (mustBe('subjects', o.subjects, 'array')) {
    (o.subjects as unknown[] | undefined)?.forEach((s, i) => {
      if (!isObj(s)) return void errs.push(fieldErrors.typeInvalid(`subjects[${i}]`, s, 'must be an object'));
      for (const f of ['kind', 'apiGroup', 'name', 'namespace']) {
        if (s[f] !== undefined && typeof s[f] !== 'string') errs.push(fieldErrors.typeInvalid(`subjects[${i}].${f}`, s[f], 'must be a string'));
      }
    });
  }
  return errs;
}

function nameOf(o: Obj): string {
  return isObj(o.metadata) && typeof o.metadata.name === 'string' ? o.metadata.name : '';
}

function check(kind: RbacKind, obj: unknown, old?: unknown): void {
  if (!isObj(obj)) throw badRequest(`the body of a ${kind} must be a JSON object`);
  const gk = { group: RBAC_GROUP, kind };
  const shape = shapeErrors(kind, obj);
  if (shape.length) throw invalid(gk, nameOf(obj), shape);
  const gvk = { group: RBAC_GROUP, version: 'v1', kind };
  const errs = old === undefined ? validateCreate(gvk, obj) : validateUpdate(gvk, obj, isObj(old) ? old : {});
  if (errs.length) throw invalid(gk, nameOf(obj), errs);
}

const validator = (kind: RbacKind): RbacValidator => ({
  validateCreate: (obj) => check(kind, obj),
  validateUpdate: (obj, old) => check(kind, obj, old),
});

export const rbacValidators: Readonly<Record<RbacKind, RbacValidator>> = Object.freeze({
  Role: validator('Role'),
  ClusterRole: validator('ClusterRole'),
  RoleBinding: validator('RoleBinding'),
  ClusterRoleBinding: validator('ClusterRoleBinding'),
});
