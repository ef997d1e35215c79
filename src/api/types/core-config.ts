/** core/v1 configuration and policy kinds: ConfigMap, Secret, ServiceAccount, LimitRange, ResourceQuota. */
import type { KubeObject } from '../meta.js';
import type { LocalObjectReference, ObjectReference, ResourceList } from './common.js';

export interface ConfigMap extends KubeObject {
  apiVersion?: 'v1';
  kind?: 'ConfigMap';
  immutable?: boolean;
  data?: Record<string, string>;
  /** base64 on the wire. */
  binaryData?: Record<string, string>;
}

export interface Secret extends KubeObject {
  apiVersion?: 'v1';
  kind?: 'Secret';
  immutable?: boolean;
  /** base64 on the wire. */
  data?: Record<string, string>;
  /** Write-only convenience, merged into data by the server. */
  stringData?: Record<string, string>;
  type?: string;
}

export interface ServiceAccount extends KubeObject {
  apiVersion?: 'v1';
  kind?: 'ServiceAccount';
  secrets?: ObjectReference[];
  imagePullSecrets?: LocalObjectReference[];
  automountServiceAccountToken?: boolean;
}

export interface LimitRangeItem {
  type: 'Pod' | 'Container' | 'PersistentVolumeClaim' | string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

export interface LimitRange extends KubeObject {
  apiVersion?: 'v1';
  kind?: 'LimitRange';
  spec?: { limits: LimitRangeItem[] };
}

export interface ScopedResourceSelectorRequirement {
  scopeName: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface ResourceQuota extends KubeObject {
  apiVersion?: 'v1';
  kind?: 'ResourceQuota';
  spec?: {
    hard?: ResourceList;
    scopes?: string[];
    scopeSelector?: { matchExpressions?: ScopedResourceSelectorRequirement[] };
  };
  status?: { hard?: ResourceList; used?: ResourceList };
}
