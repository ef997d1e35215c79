/**
 * Causal context across controller hops: when an owner carries the `skiff.dev/trace-context` annotation, the objects a
 * controller creates for it (Deployment → ReplicaSet → Pod) carry the same value, so a trace can link each hop to the
 * request that started it. Absent on the owner → the child is left as it is.
 */
import type { KubeObject, ObjectMeta } from '../../api/index.js';

export const TRACE_CONTEXT_ANNOTATION = 'skiff.dev/trace-context';

/** Copies the owner's trace-context annotation onto `child` (in place); returns true when it changed `child`. */
export function copyTraceContext(owner: Readonly<KubeObject>, child: ObjectMeta): boolean {
  const value = owner.metadata.annotations?.[TRACE_CONTEXT_ANNOTATION];
  if (value === undefined || child.annotations?.[TRACE_CONTEXT_ANNOTATION] === value) return false;
  child.annotations = { ...child.annotations, [TRACE_CONTEXT_ANNOTATION]: value };
  return true;
}
