/**
 * What the deployment sync functions need: API clients (all writes), the ReplicaSet cache (reads), the event recorder
 * and the clock. Sync functions receive the Deployment as a mutable working copy (`Deployment`, owned by the sync)
 * and ReplicaSets as cached, read-only objects (`Readonly<ReplicaSet>`), copying before any change.
 */
import type { Deployment, KubeObject, ReplicaSet } from '../../api/index.js';
import type { EventRecorder, EventType, Lister, ResourceClient } from '../../client/index.js';
import type { Clock } from '../../machinery/index.js';

export const DEPLOYMENT_KIND = { apiVersion: 'apps/v1', kind: 'Deployment' } as const;

export interface DeploymentDeps {
  dClient: ResourceClient<Deployment>;
  rsClient: ResourceClient<ReplicaSet>;
  rsLister: Lister<ReplicaSet>;
  recorder: EventRecorder;
  clock: Clock;
}

/** Records an event about the deployment. */
export function recordEvent(deps: DeploymentDeps, d: Readonly<Deployment>, type: EventType, reason: string, message: string): void {
  deps.recorder.event(d as KubeObject, type, reason, message);
}

/** A ReplicaSet list where later writes replace earlier versions (by uid), so one sync never reuses a stale copy. */
export function replaceByUid<R extends Readonly<ReplicaSet>>(list: R[], updated: R): void {
  const i = list.findIndex((rs) => rs.metadata.uid === updated.metadata.uid);
  if (i >= 0) list[i] = updated;
}
