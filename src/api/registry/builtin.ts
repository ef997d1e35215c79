/** The built-in resources skiff serves, assembled explicitly: nothing registers itself at import time. */
import { ResourceRegistry } from './registry.js';
import { appsV1Resources } from './apps.js';
import { coreV1Resources } from './core.js';
import {
  admissionregistrationV1Resources,
  authorizationV1Resources,
  coordinationV1Resources,
  discoveryV1Resources,
  eventsV1Resources,
  rbacV1Resources,
} from './small-groups.js';

/**
 * A fresh registry of every built-in resource. Groups come in Kubernetes' `/apis` priority order
 * (core, apps, events.k8s.io, authorization, rbac, admissionregistration, coordination, discovery).
 */
export function builtinRegistry(): ResourceRegistry {
  return new ResourceRegistry([
    ...coreV1Resources(),
    ...appsV1Resources(),
    ...eventsV1Resources(),
    ...authorizationV1Resources(),
    ...rbacV1Resources(),
    ...admissionregistrationV1Resources(),
    ...coordinationV1Resources(),
    ...discoveryV1Resources(),
  ]);
}
