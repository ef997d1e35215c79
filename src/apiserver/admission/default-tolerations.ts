/**
 * DefaultTolerationSeconds (Kubernetes' admission plugin of that name): on pod create and update, a pod that does not
 * already tolerate `node.kubernetes.io/not-ready` / `node.kubernetes.io/unreachable` with effect NoExecute gets a
 * toleration for each (operator Exists, tolerationSeconds 300 by default), so it is evicted from a failed node after
 * five minutes instead of at once. A toleration with an empty key (or an empty effect) counts as tolerating them.
 */
import type { Pod, Toleration } from '../../api/index.js';
import type { AdmissionAttributes } from '../registry/context.js';
import type { AdmissionPlugin } from './chain.js';
import { isCoreResource } from './attributes.js';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const DEFAULT_TOLERATION_SECONDS = 300;

export interface DefaultTolerationOptions {
  /** --default-not-ready-toleration-seconds (default 300). */
  notReadySeconds?: number;
  /** --default-unreachable-toleration-seconds (default 300). */
  unreachableSeconds?: number;
}

function tolerates(tolerations: readonly Toleration[], key: string): boolean {
  return tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
}

export function defaultTolerationSeconds(options: DefaultTolerationOptions = {}): AdmissionPlugin & { mutate(attrs: AdmissionAttributes): void } {
  const notReady = options.notReadySeconds ?? DEFAULT_TOLERATION_SECONDS;
  const unreachable = options.unreachableSeconds ?? DEFAULT_TOLERATION_SECONDS;
  return {
    name: 'DefaultTolerationSeconds',
    mutate(a: AdmissionAttributes) {
      if (!isCoreResource(a, 'pods') || (a.operation !== 'CREATE' && a.operation !== 'UPDATE') || !a.object) return;
      const spec = ((a.object as Pod).spec ??= { containers: [] });
      const existing = spec.tolerations ?? [];
      const add: Toleration[] = [];
      if (!tolerates(existing, TAINT_NODE_NOT_READY)) {
        add.push({ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: notReady });
      }
      if (!tolerates(existing, TAINT_NODE_UNREACHABLE)) {
        add.push({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: unreachable });
      }
      if (add.length) spec.tolerations = [...existing, ...add];
    },
  };
}
