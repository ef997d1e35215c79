/** ValidatePodSpec: the checks shared by pods and the pod templates of workloads. */
import { isDNS1123Subdomain, nameIsDNSSubdomain, validateLabels, validateQualifiedName } from '../../machinery/index.js';
import {
  type Errs,
  arr,
  child,
  duplicate,
  inclusiveRange,
  index,
  invalid,
  invalids,
  isRecord,
  notSupported,
  rec,
  required,
  str,
  asGo,
} from './helpers.js';
import { VALID_IP_MESSAGE, parseIPFamily } from './formats.js';
import { dnsLabelErrors, validateContainers, validateInitContainers } from './pod-container.js';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './pod-scheduling.js';
import { validateVolumes } from './pod-volumes.js';
import { validateContainerResourceName } from './resources.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;
const MAX_ID = 0xffffffff;

function idErrors(v: unknown, path: string): Errs {
  return typeof v === 'number' && (v < 0 || v > MAX_ID) ? [invalid(path, v, inclusiveRange(0, MAX_ID))] : [];
}

function validatePodSecurityContext(spec: Record<string, unknown>, path: string): Errs {
  const sc = spec.securityContext;
  if (!isRecord(sc)) return [];
  const errs: Errs = [...idErrors(sc.fsGroup, child(path, 'fsGroup')), ...idErrors(sc.runAsUser, child(path, 'runAsUser')), ...idErrors(sc.runAsGroup, child(path, 'runAsGroup'))];
  arr(sc.supplementalGroups).forEach((g, i) => errs.push(...idErrors(g, index(child(path, 'supplementalGroups'), i))));
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(invalid(child(path, 'shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  if (sc.fsGroupChangePolicy !== undefined && sc.fsGroupChangePolicy !== 'Always' && sc.fsGroupChangePolicy !== 'OnRootMismatch') {
    errs.push(notSupported(child(path, 'fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  return errs;
}

function validateDNSConfig(spec: Record<string, unknown>, path: string): Errs {
  const { dnsConfig } = spec;
  const dnsPolicy = str(spec.dnsPolicy);
  if (dnsPolicy === 'None') {
    if (!isRecord(dnsConfig)) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (arr(dnsConfig.nameservers).length === 0) return [required(child(path, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!isRecord(dnsConfig)) return [];
  const errs: Errs = [];
  const nameservers = arr(dnsConfig.nameservers).map(str);
  if (nameservers.length > 3) errs.push(invalid(child(path, 'nameservers'), asGo(nameservers, 'stringSlice'), 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => {
    if (parseIPFamily(ns) === undefined) errs.push(invalid(index(child(path, 'nameservers'), i), ns, VALID_IP_MESSAGE));
  });
  const searches = arr(dnsConfig.searches).map(str);
  if (searches.length > 32) errs.push(invalid(child(path, 'searches'), asGo(searches, 'stringSlice'), 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(invalid(child(path, 'searches'), asGo(searches, 'stringSlice'), 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  searches.forEach((s, i) => {
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    errs.push(...invalids(index(child(path, 'searches'), i), trimmed, isDNS1123Subdomain(trimmed)));
  });
  arr(dnsConfig.options).forEach((o, i) => {
    if (!str(rec(o).name)) errs.push(required(index(child(path, 'options'), i), 'must not be empty'));
  });
  return errs;
}

/** PodValidationOptions that matter here. */
export interface PodSpecRules {
  /** The spec belongs to a Pod (not a template): host ports must equal container ports under hostNetwork. */
  resourceIsPod?: boolean;
  /** Where the spec sits: `spec`, or `spec.template.spec` in a workload. */
  path: string;
}

/** ValidatePodSpec. */
export function validatePodSpec(specIn: unknown, rules: PodSpecRules): Errs {
  const { path } = rules;
  const spec = rec(specIn);
  const errs: Errs = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(required(child(path, 'terminationGracePeriodSeconds')));
  }
  const vols = validateVolumes(spec.volumes, child(path, 'volumes'));
  errs.push(...vols.errs);
  errs.push(...validateContainers(spec.containers, { volumes: vols.names, path: child(path, 'containers') }));
  errs.push(...validateInitContainers(spec.initContainers, { regular: spec.containers, volumes: vols.names, path: child(path, 'initContainers') }));
  if (spec.hostNetwork === true) {
    arr(spec.containers).forEach((c, i) => {
      arr(rec(c).ports).forEach((raw, j) => {
        const port = rec(raw);
        const hp = port.hostPort ?? 0;
        if ((rules.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
          errs.push(invalid(child(index(child(index(child(path, 'containers'), i), 'ports'), j), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const restart = str(spec.restartPolicy);
  if (!restart) errs.push(required(child(path, 'restartPolicy')));
  else if (!RESTART_POLICIES.includes(restart)) errs.push(notSupported(child(path, 'restartPolicy'), restart, RESTART_POLICIES));
  const dnsPolicy = str(spec.dnsPolicy);
  if (!dnsPolicy) errs.push(required(child(path, 'dnsPolicy')));
  else if (!DNS_POLICIES.includes(dnsPolicy)) errs.push(notSupported(child(path, 'dnsPolicy'), dnsPolicy, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(spec, child(path, 'securityContext')));
  arr(spec.imagePullSecrets).forEach((raw, i) => {
    const ref = rec(raw);
    if (Object.keys(ref).some((k) => k !== 'name')) errs.push(invalid(index(child(path, 'imagePullSecrets'), i), ref, 'only name may be set'));
  });
  errs.push(...validateAffinity(spec.affinity, child(path, 'affinity')));
  errs.push(...validateDNSConfig(spec, child(path, 'dnsConfig')));
  arr(spec.readinessGates).forEach((g, i) => errs.push(...validateQualifiedName(str(rec(g).conditionType), child(index(child(path, 'readinessGates'), i), 'conditionType'))));
  const gates = new Set<string>();
  arr(spec.schedulingGates).forEach((g, i) => {
    const name = str(rec(g).name);
    const p = index(child(path, 'schedulingGates'), i);
    errs.push(...validateQualifiedName(name, p));
    if (gates.has(name)) errs.push(duplicate(p, name));
    gates.add(name);
  });
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, child(path, 'topologySpreadConstraints')));
  for (const f of ['serviceAccountName', 'nodeName', 'priorityClassName']) {
    const v = str(spec[f]);
    if (v) errs.push(...invalids(child(path, f), v, nameIsDNSSubdomain(v, false)));
  }
  if (typeof spec.activeDeadlineSeconds === 'number' && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > MAX_INT32)) {
    errs.push(invalid(child(path, 'activeDeadlineSeconds'), spec.activeDeadlineSeconds, inclusiveRange(1, MAX_INT32)));
  }
  if (str(spec.hostname)) errs.push(...dnsLabelErrors(str(spec.hostname), child(path, 'hostname')));
  if (str(spec.subdomain)) errs.push(...dnsLabelErrors(str(spec.subdomain), child(path, 'subdomain')));
  errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  arr(spec.hostAliases).forEach((raw, i) => {
    const a = rec(raw);
    const p = index(child(path, 'hostAliases'), i);
    if (parseIPFamily(str(a.ip)) === undefined) errs.push(invalid(child(p, 'ip'), str(a.ip), VALID_IP_MESSAGE));
    arr(a.hostnames).forEach((h, j) => errs.push(...invalids(index(child(p, 'hostnames'), j), str(h), isDNS1123Subdomain(str(h)))));
  });
  if (typeof spec.runtimeClassName === 'string') {
    errs.push(...invalids(child(path, 'runtimeClassName'), spec.runtimeClassName, nameIsDNSSubdomain(spec.runtimeClassName, false)));
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    const pp = str(spec.preemptionPolicy);
    if (!pp) errs.push(required(child(path, 'preemptionPolicy')));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') errs.push(notSupported(child(path, 'preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
  for (const name of Object.keys(rec(spec.overhead))) errs.push(...validateContainerResourceName(name, `${child(path, 'overhead')}[${name}]`));
  if (isRecord(spec.os)) {
    const os = str(spec.os.name);
    if (!os) errs.push(required(child(path, 'os', 'name'), 'cannot be empty'));
    else if (os !== 'linux' && os !== 'windows') errs.push(notSupported(child(path, 'os'), os, ['linux', 'windows']));
  }
  return errs;
}
