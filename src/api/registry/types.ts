/**
 * Descriptions of the resources skiff serves, in the shape Kubernetes' discovery documents them
 * (metav1.APIResource and apidiscovery.k8s.io/v2 APIResourceDiscovery): data only, no behaviour.
 */
import type { GroupVersionKind, GroupVersionResource } from '../meta.js';

/** A discovery verb, as `kubectl api-resources -o wide` lists them. */
export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

/**
 * Where a `scale` subresource finds its numbers in the parent object, as JSON paths (the CRD
 * `subresources.scale` convention). For built-in kinds `labelSelectorPath` points at a metav1.LabelSelector
 * which the server serializes to a selector string for `Scale.status.selector`.
 */
export interface ScalePaths {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath: string;
}

export interface SubresourceInfo {
  /** `status`, `scale`, `binding`, `log`, `exec`, ... */
  name: string;
  /** The kind the subresource accepts and returns (e.g. autoscaling/v1 Scale). */
  kind: GroupVersionKind;
  verbs: readonly Verb[];
  scale?: ScalePaths;
}

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** Plural, lower case: `deployments`. */
  resource: string;
  /** Lower-case singular: `deployment`. */
  singular: string;
  namespaced: boolean;
  shortNames: readonly string[];
  categories: readonly string[];
  verbs: readonly Verb[];
  subresources: readonly SubresourceInfo[];
}

/** A group as `/apis` lists it: its served versions, preferred first. */
export interface ApiGroupInfo {
  name: string;
  versions: readonly string[];
  preferredVersion: string;
}

export type { GroupVersionKind, GroupVersionResource };

/** The verbs of an ordinary read-write resource (pods, deployments, ...). */
export const ALL_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
/** Namespaces have no deletecollection. */
export const VERBS_NO_DELETECOLLECTION: readonly Verb[] = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
/** Review resources (SubjectAccessReview, ...) only accept POST. */
export const CREATE_ONLY: readonly Verb[] = ['create'];
/** `status` subresources. */
export const STATUS_VERBS: readonly Verb[] = ['get', 'patch', 'update'];

/** Builds a ResourceInfo with Kubernetes' naming conventions filled in (`listKind` = kind + List, singular = kind lower-cased). */
export function defineResource(
  gv: { group: string; version: string },
  spec: {
    kind: string;
    resource: string;
    namespaced: boolean;
    verbs?: readonly Verb[];
    shortNames?: readonly string[];
    categories?: readonly string[];
    subresources?: readonly SubresourceInfo[];
    singular?: string;
  },
): ResourceInfo {
  return {
    group: gv.group,
    version: gv.version,
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    resource: spec.resource,
    singular: spec.singular ?? spec.kind.toLowerCase(),
    namespaced: spec.namespaced,
    shortNames: spec.shortNames ?? [],
    categories: spec.categories ?? [],
    verbs: spec.verbs ?? ALL_VERBS,
    subresources: spec.subresources ?? [],
  };
}

/** A `status` subresource returning the parent kind. */
export function statusOf(gvk: GroupVersionKind): SubresourceInfo {
  return { name: 'status', kind: gvk, verbs: STATUS_VERBS };
}

/** A `scale` subresource speaking autoscaling/v1 Scale with the paths every built-in workload uses. */
export function scaleSubresource(): SubresourceInfo {
  return {
    name: 'scale',
    kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
    verbs: STATUS_VERBS,
    scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' },
  };
}
