/**
 * Services: ClusterIPs come from the service CIDR (never two services on one address), NodePorts from
 * 30000–32767; both are given back when the service goes. An update that omits allocated values keeps them
 * (Kubernetes' patchAllocatedValues), so `kubectl apply` of a manifest without clusterIP works.
 */
import type { KubeObject, ResourceInfo } from '../../../api/index.js';
import { fieldErrors, invalid } from '../../../machinery/index.js';
import type { Strategy, WriteTarget } from '../strategy.js';
import { baseStrategy } from './base.js';
import { type IpAllocator, ipAllocationError } from './ip-allocator.js';
import type { PortAllocator } from './port-allocator.js';

interface ServicePort {
  port?: number;
  nodePort?: number;
  protocol?: string;
}
interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
}

const specOf = (o: KubeObject) => (o.spec ?? {}) as ServiceSpec;
const wantsClusterIP = (s: ServiceSpec) => s.type !== 'ExternalName' && s.clusterIP !== 'None';
const wantsNodePorts = (s: ServiceSpec) => s.type === 'NodePort' || s.type === 'LoadBalancer';

export function serviceStrategy(info: ResourceInfo, ips: IpAllocator, nodePorts: PortAllocator): Strategy {
  const base = baseStrategy(info);
  const release = (obj: KubeObject) => {
    const spec = specOf(obj);
    for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) if (ip !== 'None' && ip) ips.release(ip);
    for (const p of spec.ports ?? []) if (p.nodePort) nodePorts.release(p.nodePort);
  };
  return {
    ...base,
    prepareForCreate(obj) {
      base.prepareForCreate(obj);
      obj.status = { loadBalancer: {} };
      const spec = specOf(obj);
      const name = obj.metadata.name ?? obj.metadata.generateName ?? '';
      if (wantsClusterIP(spec)) {
        if (spec.clusterIP) {
          let ok: boolean;
          try {
            ok = ips.reserve(spec.clusterIP);
          } catch (err) {
            throw ipAllocationError(name, spec.clusterIP, (err as Error).message);
          }
          if (!ok) throw ipAllocationError(name, spec.clusterIP, 'provided IP is already allocated');
        } else {
          let ip: string;
          try {
            ip = ips.allocate();
          } catch (err) {
            throw ipAllocationError(name, '', (err as Error).message);
          }
          spec.clusterIP = ip;
        }
        spec.clusterIPs = [spec.clusterIP];
      }
      if (wantsNodePorts(spec)) {
        const taken: number[] = [];
        try {
          for (const [i, p] of (spec.ports ?? []).entries()) {
            if (p.nodePort) {
              if (!nodePorts.reserve(p.nodePort)) {
                throw invalid({ group: '', kind: 'Service' }, name, [
                  fieldErrors.invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'),
                ]);
              }
            } else {
              p.nodePort = nodePorts.allocate();
            }
            taken.push(p.nodePort);
          }
        } catch (err) {
          for (const p of taken) nodePorts.release(p);
          if (spec.clusterIP && spec.clusterIP !== 'None') ips.release(spec.clusterIP);
          throw err;
        }
      }
    },
    prepareForUpdate(obj: KubeObject, old: KubeObject, target: WriteTarget) {
      base.prepareForUpdate(obj, old, target);
      if (target !== 'main') return;
      const spec = specOf(obj);
      const prev = specOf(old);
      if (!spec.clusterIP && prev.clusterIP && wantsClusterIP({ ...spec, clusterIP: prev.clusterIP })) {
        spec.clusterIP = prev.clusterIP;
        if (!spec.clusterIPs?.length) spec.clusterIPs = prev.clusterIPs ?? [prev.clusterIP];
      }
      if (wantsNodePorts(spec) && wantsNodePorts(prev)) {
        for (const p of spec.ports ?? []) {
          if (p.nodePort) continue;
          const same = (prev.ports ?? []).find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
          if (same?.nodePort) p.nodePort = same.nodePort;
        }
      }
      obj.spec = spec;
    },
    releaseOnFailure: release,
    onDeleted: release,
  };
}
