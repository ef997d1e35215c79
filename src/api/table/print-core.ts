/**
 * Printers for core/v1 resources other than pods: services, endpoints, nodes, namespaces, configmaps, secrets,
 * serviceaccounts and replicationcontrollers (kubernetes pkg/printers/internalversion).
 */
import { ageSince } from './duration.js';
import {
  AGE_COLUMN,
  DESCRIBE,
  NAME_COLUMN,
  column,
  containerCells,
  formatLabels,
  int,
  list,
  obj,
  str,
  strings,
  type Obj,
} from './format.js';
import type { Printer } from './printer.js';

const meta = (o: Obj) => obj(o.metadata);
const age = (o: Obj, now: number) => ageSince(meta(o).creationTimestamp, now);

/** Unique load-balancer ingress IPs (or hostnames), sorted. The server prints wide, so nothing is clipped. */
function loadBalancerAddresses(status: Obj): string[] {
  const out = new Set<string>();
  for (const ing of list(obj(obj(status).loadBalancer).ingress)) {
    if (str(ing.ip)) out.add(str(ing.ip));
    else if (str(ing.hostname)) out.add(str(ing.hostname));
  }
  return [...out].sort();
}

function serviceExternalIP(svc: Obj): string {
  const spec = obj(svc.spec);
  const externalIPs = strings(spec.externalIPs);
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(obj(svc.status));
      if (externalIPs.length > 0) return [...lb, ...externalIPs].join(',');
      return lb.length > 0 ? lb.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

function servicePorts(spec: Obj): string {
  const text = list(spec.ports)
    .map((p) => {
      const nodePort = int(p.nodePort);
      return nodePort > 0 ? `${int(p.port)}:${nodePort}/${str(p.protocol)}` : `${int(p.port)}/${str(p.protocol)}`;
    })
    .join(',');
  return text === '' ? '<none>' : text;
}

export const servicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'How the Service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    column('Cluster-IP', 'string', 'The IP address of the service inside the cluster.'),
    column('External-IP', 'string', 'IP addresses outside the cluster that route to this service.'),
    column('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    AGE_COLUMN,
    column('Selector', 'string', 'Route service traffic to pods with labels matching this selector.', { priority: 1 }),
  ],
  row(svc, now) {
    const spec = obj(svc.spec);
    const clusterIPs = strings(spec.clusterIPs);
    const clusterIP = clusterIPs[0] ?? (str(spec.clusterIP) || '<none>');
    return {
      cells: [
        str(meta(svc).name),
        str(spec.type),
        clusterIP,
        serviceExternalIP(svc),
        servicePorts(spec),
        age(svc, now),
        formatLabels(spec.selector),
      ],
    };
  },
};

/** `host:port` as Go's net.JoinHostPort writes it (IPv6 hosts in brackets). */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `formatEndpoints`: up to three `ip:port` pairs, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: Obj): string {
  const subsets = list(endpoints.subsets);
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const shown: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = list(ss.addresses);
    const ports = list(ss.ports);
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (shown.length === max) {
          more = true;
          break;
        }
        shown.push(str(a.ip));
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (shown.length === max) {
          more = true;
          break;
        }
        shown.push(joinHostPort(str(a.ip), int(port.port)));
      }
    }
  }
  const text = shown.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

export const endpointsPrinter: Printer = {
  columns: [NAME_COLUMN, column('Endpoints', 'string', 'The addresses and ports of the endpoints.'), AGE_COLUMN],
  row: (ep, now) => ({ cells: [str(meta(ep).name), formatEndpoints(ep), age(ep, now)] }),
};

/** Node roles from `node-role.kubernetes.io/<role>` keys and the `kubernetes.io/role` value, sorted, unique. */
function nodeRoles(node: Obj): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(obj(meta(node).labels))) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && str(v) !== '') {
      roles.add(str(v));
    }
  }
  return [...roles].sort();
}

function nodeAddress(node: Obj, type: string): string {
  const a = list(obj(node.status).addresses).find((x) => x.type === type);
  return a ? str(a.address) : '<none>';
}

export const nodePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    AGE_COLUMN,
    column('Version', 'string', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'string', 'The first InternalIP address of the node.', { priority: 1 }),
    column('External-IP', 'string', 'The first ExternalIP address of the node.', { priority: 1 }),
    column('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release.', { priority: 1 }),
    column('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r'.", { priority: 1 }),
    column('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node.', { priority: 1 }),
  ],
  row(node, now) {
    const status = obj(node.status);
    const ready = list(status.conditions).filter((c) => c.type === 'Ready').pop();
    const states: string[] = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
    if (obj(node.spec).unschedulable === true) states.push('SchedulingDisabled');
    const roles = nodeRoles(node).join(',');
    const info = obj(status.nodeInfo);
    return {
      cells: [
        str(meta(node).name),
        states.join(','),
        roles || '<none>',
        age(node, now),
        str(info.kubeletVersion),
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        str(info.osImage) || '<unknown>',
        str(info.kernelVersion) || '<unknown>',
        str(info.containerRuntimeVersion) || '<unknown>',
      ],
    };
  },
};

export const namespacePrinter: Printer = {
  columns: [NAME_COLUMN, column('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  row: (ns, now) => ({ cells: [str(meta(ns).name), str(obj(ns.status).phase), age(ns, now)] }),
};

export const configMapPrinter: Printer = {
  columns: [NAME_COLUMN, column('Data', 'string', 'The number of keys in data and binaryData.'), AGE_COLUMN],
  row: (cm, now) => ({
    cells: [str(meta(cm).name), Object.keys(obj(cm.data)).length + Object.keys(obj(cm.binaryData)).length, age(cm, now)],
  }),
};

export const secretPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
    column('Data', 'string', 'The number of keys in data.'),
    AGE_COLUMN,
  ],
  row: (s, now) => ({ cells: [str(meta(s).name), str(s.type), Object.keys(obj(s.data)).length, age(s, now)] }),
};

export const serviceAccountPrinter: Printer = {
  columns: [NAME_COLUMN, column('Secrets', 'string', 'The number of secrets this service account lists.'), AGE_COLUMN],
  row: (sa, now) => ({ cells: [str(meta(sa).name), list(sa.secrets).length, age(sa, now)] }),
};

export const replicationControllerPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'The number of desired replicas.'),
    column('Current', 'integer', 'The number of replicas observed.'),
    column('Ready', 'integer', 'The number of ready replicas.'),
    AGE_COLUMN,
    column('Containers', 'string', DESCRIBE.containers, { priority: 1 }),
    column('Images', 'string', DESCRIBE.images, { priority: 1 }),
    column('Selector', 'string', DESCRIBE.selector, { priority: 1 }),
  ],
  row(rc, now) {
    const spec = obj(rc.spec);
    const status = obj(rc.status);
    const [names, images] = containerCells(obj(obj(spec.template).spec));
    return {
      cells: [
        str(meta(rc).name),
        int(spec.replicas),
        int(status.replicas),
        int(status.readyReplicas),
        age(rc, now),
        names,
        images,
        formatLabels(spec.selector),
      ],
    };
  },
};
