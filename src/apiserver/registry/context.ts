/** What a registry operation knows about the request that caused it. */
import type { KubeObject } from '../../api/index.js';

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionAttributes {
  operation: AdmissionOperation;
  object: KubeObject | null;
  oldObject: KubeObject | null;
  namespace: string;
  name: string;
  group: string;
  version: string;
  kind: string;
  resource: string;
  subresource: string;
  user: UserInfo | undefined;
  dryRun: boolean;
}

/**
 * The admission chain as the registry sees it. `mutate` runs after defaulting and may change `attrs.object` in place;
 * `validate` runs after the strategy's validation and may only reject (by throwing an ApiError).
 */
export interface Admission {
  mutate(attrs: AdmissionAttributes): Promise<void>;
  validate(attrs: AdmissionAttributes): Promise<void>;
}

export interface WriteOptions {
  user?: UserInfo;
  dryRun?: boolean;
  fieldManager?: string;
  /** The subresource being written (`status`, `scale`, ...), '' for the main resource. */
  subresource?: string;
  /** managedFields were already computed by the caller (server-side apply). */
  managedFieldsDone?: boolean;
  /**
   * A write the API server makes itself (bootstrap) that may break a client-facing rule: skips strategy validation.
   * The kubernetes Endpoints use it to point at a loopback API server, which validation rightly refuses from clients.
   */
  internal?: boolean;
  /** Admission plugins append warnings for the client here. */
  warnings?: string[];
}
