/** Services, Endpoints and EndpointSlices (core and discovery validation). */
import { isDNS1123Subdomain, nameIsDNS1035Label, nameIsDNSSubdomain, validateLabels, validateQualifiedName } from '../../machinery/index.js';
import {
  type Errs,
  arr,
  child,
  duplicate,
  forbidden,
  index,
  invalid,
  invalids,
  isRecord,
  notSupported,
  portNumErrors,
  rec,
  required,
  str,
  tooMany,
  asGo,
} from './helpers.js';
import { VALID_CIDR_MESSAGE, VALID_IP_MESSAGE, isValidCIDR, parseIPFamily, specialIPErrors } from './formats.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { dnsLabelErrors, portNumOrNameErrors } from './pod-container.js';

type Obj = Record<string, unknown>;

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const CORE_META = { namespaced: true, kubeFinalizers: true };

const isHeadless = (spec: Obj): boolean => arr(spec.clusterIPs).length === 1 && arr(spec.clusterIPs)[0] === 'None';
/** service.ExternallyAccessible. */
const externallyAccessible = (spec: Obj): boolean =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && arr(spec.externalIPs).length > 0);

function validateServicePort(sp: Obj, requireName: boolean, names: Set<string>, path: string): Errs {
  const errs: Errs = [];
  const name = str(sp.name);
  if (requireName && !name) errs.push(required(child(path, 'name')));
  else if (name) {
    errs.push(...dnsLabelErrors(name, child(path, 'name')));
    if (names.has(name)) errs.push(duplicate(child(path, 'name'), name));
    else names.add(name);
  }
  errs.push(...invalids(child(path, 'port'), sp.port ?? 0, portNumErrors(sp.port)));
  const protocol = str(sp.protocol);
  if (!protocol) errs.push(required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(path, 'protocol'), protocol, PROTOCOLS));
  errs.push(...portNumOrNameErrors(sp.targetPort, child(path, 'targetPort')));
  if (typeof sp.appProtocol === 'string') errs.push(...validateQualifiedName(sp.appProtocol, child(path, 'appProtocol')));
  return errs;
}

function clusterIPErrors(spec: Obj): Errs {
  if (spec.type === 'ExternalName') return [];
  const errs: Errs = [];
  const clusterIPs = arr(spec.clusterIPs).map(str);
  if (str(spec.clusterIP)) {
    if (clusterIPs.length === 0) errs.push(required('spec.clusterIPs'));
    else if (clusterIPs[0] !== spec.clusterIP) errs.push(invalid('spec.clusterIPs', asGo(clusterIPs, 'stringSlice'), 'first value must match `clusterIP`'));
  } else if (clusterIPs.length) {
    errs.push(invalid('spec.clusterIPs', asGo(clusterIPs, 'stringSlice'), 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  arr(spec.ipFamilies).forEach((f, i) => {
    const fam = str(f);
    if (!IP_FAMILIES.includes(fam)) errs.push(notSupported(`spec.ipFamilies[${i}]`, fam, IP_FAMILIES));
    if (seen.has(fam)) errs.push(duplicate(`spec.ipFamilies[${i}]`, fam));
    seen.add(fam);
  });
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null && !IP_FAMILY_POLICIES.includes(str(spec.ipFamilyPolicy))) {
    errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let bad = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        bad = true;
        errs.push(invalid('spec.clusterIPs', asGo(clusterIPs, 'stringSlice'), "'None' must be the first and only value"));
      }
      return;
    }
    if (parseIPFamily(ip) === undefined) {
      bad = true;
      errs.push(invalid(`spec.clusterIPs[${i}]`, ip, VALID_IP_MESSAGE));
    }
  });
  if (clusterIPs.length > 2) errs.push(invalid('spec.clusterIPs', asGo(clusterIPs, 'stringSlice'), 'may only hold up to 2 values'));
  if (bad) return errs;
  if (clusterIPs.length > 1 && parseIPFamily(clusterIPs[0]!) === parseIPFamily(clusterIPs[1]!)) {
    errs.push(invalid('spec.clusterIPs', asGo(clusterIPs, 'stringSlice'), 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec)) {
    clusterIPs.forEach((ip, i) => {
      const fam = arr(spec.ipFamilies)[i];
      if (fam === 'IPv4' && parseIPFamily(ip) === 6) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (fam === 'IPv6' && parseIPFamily(ip) !== 6) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

/** ValidateService. */
function validateServiceSpec(svc: Obj): Errs {
  const spec = rec(svc.spec);
  const errs: Errs = [];
  const type = str(spec.type);
  if (arr(spec.ports).length === 0 && !isHeadless(spec) && type !== 'ExternalName') errs.push(required('spec.ports'));
  if ((type === 'LoadBalancer' || type === 'NodePort') && isHeadless(spec)) {
    errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
  }
  if (type === 'ExternalName') {
    if (arr(spec.clusterIPs).length) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (arr(spec.ipFamilies).length) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname) errs.push(...invalids('spec.externalName', cname, isDNS1123Subdomain(cname)));
    else errs.push(required('spec.externalName'));
  }
  const ports = arr(spec.ports).map(rec);
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (isRecord(spec.selector)) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = str(spec.sessionAffinity);
  if (!affinity) errs.push(required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  if (affinity === 'ClientIP') {
    const timeout = rec(rec(spec.sessionAffinityConfig).clientIP).timeoutSeconds;
    if (!isRecord(spec.sessionAffinityConfig)) errs.push(required('spec.sessionAffinityConfig', 'when session affinity type is ClientIP'));
    else if (!isRecord(spec.sessionAffinityConfig.clientIP)) errs.push(required('spec.sessionAffinityConfig.clientIP', 'when session affinity type is ClientIP'));
    else if (typeof timeout !== 'number') errs.push(required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'when session affinity type is ClientIP'));
    else if (timeout <= 0 || timeout > 86400) errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, 'must be greater than 0 and less than 86400'));
  } else if (affinity === 'None' && isRecord(spec.sessionAffinityConfig)) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...clusterIPErrors(spec));
  arr(spec.externalIPs).forEach((raw, i) => {
    const ip = str(raw);
    if (parseIPFamily(ip) === undefined) errs.push(invalid(`spec.externalIPs[${i}]`, ip, VALID_IP_MESSAGE));
    else errs.push(...invalids(`spec.externalIPs[${i}]`, ip, specialIPErrors(ip)));
  });
  if (!type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    if (p.nodePort) {
      const k = `${str(p.protocol)}/${String(p.nodePort)}`;
      if (nodePorts.has(k)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
      nodePorts.add(k);
    }
    const k = `${str(p.protocol)}/${String(p.port)}`;
    if (portKeys.has(k)) errs.push(duplicate(`spec.ports[${i}]`, { protocol: p.protocol, port: p.port }));
    portKeys.add(k);
  });
  const ranges = arr(spec.loadBalancerSourceRanges).map(str);
  if (ranges.length) {
    if (type !== 'LoadBalancer') errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => {
      if (!isValidCIDR(r.trim())) errs.push(invalid(`spec.LoadBalancerSourceRanges[${i}]`, r.trim(), VALID_CIDR_MESSAGE));
    });
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) {
    errs.push(required('allocateLoadBalancerNodePorts'));
  }
  if (typeof spec.loadBalancerClass === 'string') {
    if (type === 'LoadBalancer') errs.push(...validateQualifiedName(spec.loadBalancerClass, 'spec.loadBalancerClass'));
    else errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (etp) errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(required('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  const needsHealthCheck = type === 'LoadBalancer' && etp === 'Local';
  if (!needsHealthCheck && spec.healthCheckNodePort) {
    errs.push(invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  if (spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(required('spec.internalTrafficPolicy'));
  } else if (spec.internalTrafficPolicy !== 'Cluster' && spec.internalTrafficPolicy !== 'Local') {
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, ['Cluster', 'Local']));
  }
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== null && spec.trafficDistribution !== 'PreferClose') {
    errs.push(notSupported('spec.trafficDistribution', spec.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

export const validateServiceCreate = (svc: Obj): Errs => [...validateObjectMeta(svc.metadata, { ...CORE_META, nameFn: nameIsDNS1035Label }), ...validateServiceSpec(svc)];

/** ValidateServiceUpdate: cluster IPs and IP families may not change once set (except adding/removing a secondary). */
export function validateServiceUpdate(svc: Obj, old: Obj): Errs {
  const spec = rec(svc.spec);
  const oldSpec = rec(old.spec);
  const errs = [...validateObjectMetaUpdate(svc.metadata, old.metadata, CORE_META)];
  if (spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName' && !(isHeadless(spec) && isHeadless(oldSpec))) {
    const ips = arr(spec.clusterIPs).map(str);
    const oldIPs = arr(oldSpec.clusterIPs).map(str);
    if (ips.length === oldIPs.length) {
      oldIPs.forEach((ip, i) => {
        if (ip !== ips[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, asGo(ips, 'stringSlice'), 'may not change once set'));
      });
    } else if (ips.length < oldIPs.length) {
      if (ips.length === 0) errs.push(invalid('spec.clusterIPs[0]', asGo(ips, 'stringSlice'), 'primary clusterIP can not be unset'));
      else if (ips[0] !== oldIPs[0]) errs.push(invalid('spec.clusterIPs[0]', asGo(ips, 'stringSlice'), 'may not change once set'));
      if (ips.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
        errs.push(invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
      }
    } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
      errs.push(invalid('spec.clusterIPs[0]', asGo(ips, 'stringSlice'), 'may not change once set'));
    }
    if (isHeadless(spec) === isHeadless(oldSpec) && !isHeadless(spec)) {
      const fams = arr(spec.ipFamilies).map(str);
      const oldFams = arr(oldSpec.ipFamilies).map(str);
      if (fams.length === oldFams.length && oldFams.some((f, i) => f !== fams[i])) {
        errs.push(invalid('spec.ipFamilies[0]', asGo(fams, 'stringSlice'), 'may not change once set'));
      }
    }
  }
  if (spec.type === 'LoadBalancer' && oldSpec.type === 'LoadBalancer' && (spec.loadBalancerClass ?? null) !== (oldSpec.loadBalancerClass ?? null)) {
    errs.push(invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  return [...errs, ...validateServiceSpec(svc)];
}

function validateEndpointsBody(ep: Obj): Errs {
  const errs: Errs = [];
  arr(ep.subsets).forEach((raw, i) => {
    const ss = rec(raw);
    const p = `subsets[${i}]`;
    if (arr(ss.addresses).length === 0 && arr(ss.notReadyAddresses).length === 0) errs.push(required(p, 'must specify `addresses` or `notReadyAddresses`'));
    for (const list of ['addresses', 'notReadyAddresses']) {
      arr(ss[list]).forEach((a, j) => {
        const addr = rec(a);
        const ap = `${p}.${list}[${j}]`;
        const ip = str(addr.ip);
        if (parseIPFamily(ip) === undefined) errs.push(invalid(child(ap, 'ip'), ip, VALID_IP_MESSAGE));
        if (str(addr.hostname)) errs.push(...dnsLabelErrors(str(addr.hostname), child(ap, 'hostname')));
        if (typeof addr.nodeName === 'string') errs.push(...invalids(child(ap, 'nodeName'), addr.nodeName, nameIsDNSSubdomain(addr.nodeName, false)));
        errs.push(...invalids(child(ap, 'ip'), ip, specialIPErrors(ip)));
      });
    }
    const ports = arr(ss.ports).map(rec);
    ports.forEach((port, j) => {
      const pp = `${p}.ports[${j}]`;
      const name = str(port.name);
      if (ports.length > 1 && !name) errs.push(required(child(pp, 'name')));
      else if (name) errs.push(...dnsLabelErrors(name, child(pp, 'name')));
      errs.push(...invalids(child(pp, 'port'), port.port ?? 0, portNumErrors(port.port)));
      const protocol = str(port.protocol);
      if (!protocol) errs.push(required(child(pp, 'protocol')));
      else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(pp, 'protocol'), protocol, PROTOCOLS));
      if (typeof port.appProtocol === 'string') errs.push(...validateQualifiedName(port.appProtocol, child(pp, 'appProtocol')));
    });
  });
  return errs;
}

const ENDPOINTS_META = { ...CORE_META, nameFn: nameIsDNSSubdomain };
export const validateEndpointsCreate = (ep: Obj): Errs => [...validateObjectMeta(ep.metadata, ENDPOINTS_META), ...validateEndpointsBody(ep)];
export const validateEndpointsUpdate = (ep: Obj, old: Obj): Errs => [...validateObjectMetaUpdate(ep.metadata, old.metadata, CORE_META), ...validateEndpointsCreate(ep)];

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

function validateEndpointSliceBody(es: Obj, addressTypes: readonly string[]): Errs {
  const errs: Errs = [];
  const addressType = str(es.addressType);
  if (!addressType) errs.push(required('addressType'));
  else if (!addressTypes.includes(addressType)) errs.push(notSupported('addressType', addressType, addressTypes));
  const endpoints = arr(es.endpoints).map(rec);
  if (endpoints.length > 1000) errs.push(tooMany('endpoints', endpoints.length, 1000));
  else {
    endpoints.forEach((e, i) => {
      const ap = `endpoints[${i}].addresses`;
      const addresses = arr(e.addresses).map(str);
      if (addresses.length === 0) errs.push(required(ap, 'must contain at least 1 address'));
      else if (addresses.length > 100) errs.push(tooMany(ap, addresses.length, 100));
      addresses.forEach((a, j) => {
        const p = index(ap, j);
        if (addressType === 'IPv4' || addressType === 'IPv6') {
          if (parseIPFamily(a) !== (addressType === 'IPv4' ? 4 : 6)) errs.push(invalid(p, a, `must be a valid ${addressType} address`));
          else errs.push(...invalids(p, a, specialIPErrors(a)));
        } else if (addressType === 'FQDN') {
          errs.push(...fqdnErrors(a, p));
        }
      });
      const topo = rec(e.deprecatedTopology);
      if (Object.keys(topo).length > 16) errs.push(tooMany(`endpoints[${i}].deprecatedTopology`, Object.keys(topo).length, 16));
      errs.push(...validateLabels(e.deprecatedTopology, `endpoints[${i}].deprecatedTopology`));
      if (typeof e.hostname === 'string') errs.push(...dnsLabelErrors(e.hostname, `endpoints[${i}].hostname`));
    });
  }
  const ports = arr(es.ports).map(rec);
  if (ports.length > 100) return [...errs, tooMany('ports', ports.length, 100)];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const name = str(port.name);
    if (name) errs.push(...dnsLabelErrors(name, `ports[${i}].name`));
    if (names.has(name)) errs.push(duplicate(`ports[${i}].name`, name));
    else names.add(name);
    if (port.protocol === undefined || port.protocol === null) errs.push(required(`ports[${i}].protocol`));
    else if (!PROTOCOLS.includes(str(port.protocol))) errs.push(notSupported(`ports[${i}].protocol`, port.protocol, PROTOCOLS));
    if (typeof port.appProtocol === 'string') errs.push(...validateQualifiedName(port.appProtocol, `ports[${i}].appProtocol`));
  });
  return errs;
}

/** IsFullyQualifiedDomainName. */
function fqdnErrors(name: string, path: string): Errs {
  if (!name) return [required(path)];
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  const sub = isDNS1123Subdomain(n);
  if (sub.length) return [invalid(path, n, sub.join(','))];
  if (n.split('.').length < 2) return [invalid(path, n, 'should be a domain with at least two segments separated by dots')];
  return [];
}

const SLICE_META = { ...CORE_META, nameFn: nameIsDNSSubdomain };
export const validateEndpointSliceCreate = (es: Obj): Errs => [...validateObjectMeta(es.metadata, SLICE_META), ...validateEndpointSliceBody(es, ADDRESS_TYPES)];

export function validateEndpointSliceUpdate(es: Obj, old: Obj): Errs {
  const errs = [...validateObjectMetaUpdate(es.metadata, old.metadata, CORE_META), ...validateObjectMeta(es.metadata, SLICE_META)];
  errs.push(...validateEndpointSliceBody(es, [...ADDRESS_TYPES, 'IP']));
  if (str(es.addressType) !== str(old.addressType)) errs.push(invalid('addressType', str(es.addressType), 'field is immutable'));
  return errs;
}

/** ValidateServiceStatusUpdate: metadata, and load-balancer ingress only for type LoadBalancer. */
export function validateServiceStatusUpdate(svc: Obj, old: Obj): Errs {
  const errs = [...validateObjectMetaUpdate(svc.metadata, old.metadata, CORE_META)];
  const ingress = arr(rec(rec(svc.status).loadBalancer).ingress).map(rec);
  if (rec(svc.spec).type !== 'LoadBalancer' && ingress.length) {
    errs.push(forbidden('status.loadBalancer.ingress', "may only be used when `spec.type` is 'LoadBalancer'"));
  }
  ingress.forEach((ing, i) => {
    const p = `status.loadBalancer.ingress[${i}]`;
    if (str(ing.ip) && parseIPFamily(str(ing.ip)) === undefined) errs.push(invalid(child(p, 'ip'), str(ing.ip), VALID_IP_MESSAGE));
    if (ing.ipMode !== undefined && !str(ing.ip)) errs.push(forbidden(child(p, 'ipMode'), 'may not be specified when `ip` is not set'));
    if (str(ing.hostname)) {
      errs.push(...invalids(child(p, 'hostname'), str(ing.hostname), isDNS1123Subdomain(str(ing.hostname))));
      if (parseIPFamily(str(ing.hostname)) !== undefined) errs.push(invalid(child(p, 'hostname'), str(ing.hostname), 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}
