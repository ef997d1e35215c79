/** Picks the Strategy for each served resource. */
import type { ResourceInfo } from '../../../api/index.js';
import type { Strategy } from '../strategy.js';
import { baseStrategy } from './base.js';
import type { IpAllocator } from './ip-allocator.js';
import { podStrategy } from './pods.js';
import type { PortAllocator } from './port-allocator.js';
import { serviceStrategy } from './services.js';
import { eventStrategy, eventsV1Strategy, namespaceStrategy, nodeStrategy, replicaSetStrategy, secretStrategy } from './simple.js';

export interface StrategyDeps {
  serviceIPs: IpAllocator;
  nodePorts: PortAllocator;
}

export function strategyFor(info: ResourceInfo, deps: StrategyDeps): Strategy {
  const gr = `${info.group}/${info.resource}`;
  switch (gr) {
    case '/pods':
      return podStrategy(info);
    case '/services':
      return serviceStrategy(info, deps.serviceIPs, deps.nodePorts);
    case '/events':
      return eventStrategy(info);
    case 'events.k8s.io/events':
      return eventsV1Strategy(info);
    case '/nodes':
      return nodeStrategy(info);
    case '/secrets':
      return secretStrategy(info);
    case '/namespaces':
      return namespaceStrategy(info);
    case 'apps/replicasets':
      return replicaSetStrategy(info);
    default:
      return baseStrategy(info);
  }
}

export { IpAllocator } from './ip-allocator.js';
export { PortAllocator } from './port-allocator.js';
export { qosClass } from './pods.js';
