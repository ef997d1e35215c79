/**
 * Kinds of the small groups: discovery.k8s.io EndpointSlice, coordination.k8s.io Lease, autoscaling/v1 Scale,
 * policy/v1 Eviction, authentication.k8s.io TokenRequest, and metav1 DeleteOptions.
 */
import type { KubeObject, ObjectMeta } from '../meta.js';
import type { ObjectReference, Protocol, Time } from './common.js';

export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export interface Endpoint {
  addresses: string[];
  conditions?: EndpointConditions;
  hostname?: string;
  targetRef?: ObjectReference;
  deprecatedTopology?: Record<string, string>;
  nodeName?: string;
  zone?: string;
  hints?: { forZones?: { name: string }[]; forNodes?: { name: string }[] };
}

export interface EndpointSlicePort {
  name?: string;
  protocol?: Protocol;
  port?: number;
  appProtocol?: string;
}

export interface EndpointSlice extends KubeObject {
  apiVersion?: 'discovery.k8s.io/v1';
  kind?: 'EndpointSlice';
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: Endpoint[];
  ports?: EndpointSlicePort[];
}

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: Time;
  renewTime?: Time;
  leaseTransitions?: number;
  strategy?: string;
  preferredHolder?: string;
}

export interface Lease extends KubeObject {
  apiVersion?: 'coordination.k8s.io/v1';
  kind?: 'Lease';
  spec?: LeaseSpec;
}

/** autoscaling/v1 Scale: what the `scale` subresource reads and writes. */
export interface Scale extends KubeObject {
  apiVersion?: 'autoscaling/v1';
  kind?: 'Scale';
  spec?: { replicas?: number };
  status?: { replicas: number; selector?: string };
}

export type DeletionPropagation = 'Orphan' | 'Background' | 'Foreground';

/** metav1.DeleteOptions: the body of DELETE and of pods/eviction. */
export interface DeleteOptions {
  apiVersion?: string;
  kind?: 'DeleteOptions';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  orphanDependents?: boolean;
  propagationPolicy?: DeletionPropagation;
  dryRun?: string[];
  ignoreStoreReadErrorWithClusterBreakingPotential?: boolean;
}

/** policy/v1 Eviction: POST pods/{name}/eviction. */
export interface Eviction extends KubeObject {
  apiVersion?: 'policy/v1';
  kind?: 'Eviction';
  deleteOptions?: DeleteOptions;
}

/** authentication.k8s.io/v1 TokenRequest: POST serviceaccounts/{name}/token. */
export interface TokenRequest {
  apiVersion?: 'authentication.k8s.io/v1';
  kind?: 'TokenRequest';
  metadata?: ObjectMeta;
  spec: { audiences?: string[]; expirationSeconds?: number; boundObjectRef?: ObjectReference };
  status?: { token: string; expirationTimestamp: Time };
}
