/** Service, Endpoints and EndpointSlice defaulting. */
import { type Obj, ensureObj, objAt, objsAt, defaultFields, defaultStrings } from './util.js';

/** DefaultClientIPServiceAffinitySeconds: 3 hours. */
const CLIENT_IP_AFFINITY_SECONDS = 10800;

const externallyAccessible = (spec: Obj): boolean =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);

/**
 * SetDefaults_Service, plus what the Service registry fills before validation on a single-stack IPv4 cluster:
 * `clusterIPs` mirroring an explicit `clusterIP`, `ipFamilyPolicy: SingleStack`, `ipFamilies: [IPv4]`. The cluster IP
 * itself is allocated by the API server, not here.
 */
export function defaultService(svc: Obj): void {
  const spec = ensureObj(svc, 'spec');
  if (!spec) return;
  defaultStrings(spec, { sessionAffinity: 'None' });
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = ensureObj(spec, 'sessionAffinityConfig');
    const clientIP = cfg ? ensureObj(cfg, 'clientIP') : undefined;
    if (clientIP) defaultFields(clientIP, { timeoutSeconds: CLIENT_IP_AFFINITY_SECONDS });
  }
  defaultStrings(spec, { type: 'ClusterIP' });
  for (const port of objsAt(spec, 'ports')) {
    defaultStrings(port, { protocol: 'TCP' });
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (externallyAccessible(spec)) defaultStrings(spec, { externalTrafficPolicy: 'Cluster' });
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') defaultFields(spec, { internalTrafficPolicy: 'Cluster' });
  if (spec.type === 'LoadBalancer') defaultFields(spec, { allocateLoadBalancerNodePorts: true });
  if (spec.type !== 'ExternalName') {
    if (typeof spec.clusterIP === 'string' && spec.clusterIP && (!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0)) {
      spec.clusterIPs = [spec.clusterIP];
    }
    defaultFields(spec, { ipFamilyPolicy: 'SingleStack' });
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
  }
  if (spec.type === 'LoadBalancer') {
    const lb = objAt(objAt(svc, 'status') ?? {}, 'loadBalancer');
    for (const ing of lb ? objsAt(lb, 'ingress') : []) if (ing.ip) defaultFields(ing, { ipMode: 'VIP' });
  }
}

/** SetDefaults_Endpoints: port protocol TCP. */
export function defaultEndpoints(ep: Obj): void {
  for (const subset of objsAt(ep, 'subsets')) for (const port of objsAt(subset, 'ports')) defaultStrings(port, { protocol: 'TCP' });
}

/** SetDefaults_EndpointPort (discovery/v1): name "" and protocol TCP (both pointers, so both appear on the wire). */
export function defaultEndpointSlice(es: Obj): void {
  for (const port of objsAt(es, 'ports')) {
    defaultFields(port, { name: '', protocol: 'TCP' });
  }
}
