/** What the operations of one group-version share, and the naming conventions of kube-apiserver operations. */
import type { GroupVersionKind } from '../meta.js';
import type { OperationObject, ParameterObject } from './parameters.js';
import type { DefinitionIndex } from './served.js';

/** Everything the operations of one group-version share. */
export interface GroupVersionContext {
  readonly group: string;
  readonly version: string;
  /** `/apis/apps/v1` or `/api/v1`. */
  readonly prefix: string;
  /** `apps_v1`, `core_v1`, `rbacAuthorization_v1`. */
  readonly tag: string;
  /** `AppsV1`, `CoreV1`, `RbacAuthorizationV1`: the group-version part of operation ids. */
  readonly idPart: string;
  readonly index: DefinitionIndex;
}

export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The group part of operation ids and tags: `rbac.authorization.k8s.io` → `RbacAuthorization`, `` → `Core`. */
export function groupIdPart(group: string): string {
  if (!group) return 'Core';
  return group
    .replace(/\.k8s\.io$/, '')
    .split('.')
    .map(upperFirst)
    .join('');
}

export function groupVersionContext(group: string, version: string, index: DefinitionIndex): GroupVersionContext {
  const g = groupIdPart(group);
  return {
    group,
    version,
    prefix: group ? `/apis/${group}/${version}` : `/api/${version}`,
    tag: `${g.charAt(0).toLowerCase()}${g.slice(1)}_${version}`,
    idPart: `${g}${upperFirst(version)}`,
    index,
  };
}

/** Path parameters are listed in name order, like kube-apiserver does. */
export function sortedParams(params: readonly ParameterObject[]): ParameterObject[] {
  return [...params].sort((a, b) => a.name.localeCompare(b.name));
}

export function operation(
  ctx: GroupVersionContext,
  fields: Omit<OperationObject, 'tags' | 'x-kubernetes-group-version-kind'> & { gvk?: GroupVersionKind },
): OperationObject {
  const { gvk, ...rest } = fields;
  return { tags: [ctx.tag], ...rest, ...(gvk ? { 'x-kubernetes-group-version-kind': { ...gvk } } : {}) };
}

