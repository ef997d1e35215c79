/**
 * Container validation (core validateContainers / validateInitContainers / validateContainerCommon and what they
 * call): names, images, ports, env, volume mounts, pull policy, resources, probes, lifecycle hooks.
 */
import { isDNS1123Label, isQualifiedName, nameIsDNSSubdomain } from '../../machinery/index.js';
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
  nonNegative,
  notFound,
  notSupported,
  portNumErrors,
  rec,
  required,
  str,
} from './helpers.js';
import { isConfigMapKey, isEnvVarName, isHTTPHeaderName, isValidPortName } from './formats.js';
import { validateResourceRequirements } from './resources.js';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

/** ValidateDNS1123Label as field errors. */
export const dnsLabelErrors = (value: string, path: string): Errs => invalids(path, value, isDNS1123Label(value));

function validateContainerPorts(ports: unknown, path: string): Errs {
  const errs: Errs = [];
  const names = new Set<string>();
  arr(ports).forEach((raw, i) => {
    const port = rec(raw);
    const p = index(path, i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...invalids(child(p, 'name'), name, msgs));
      else if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    if (!port.containerPort) errs.push(required(child(p, 'containerPort')));
    else errs.push(...invalids(child(p, 'containerPort'), port.containerPort, portNumErrors(port.containerPort)));
    if (port.hostPort) errs.push(...invalids(child(p, 'hostPort'), port.hostPort, portNumErrors(port.hostPort)));
    const protocol = str(port.protocol);
    if (!protocol) errs.push(required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(p, 'protocol'), protocol, PROTOCOLS));
  });
  return errs;
}

function keySelectorErrors(sel: Record<string, unknown>, path: string): Errs {
  const errs = invalids(child(path, 'name'), str(sel.name), nameIsDNSSubdomain(str(sel.name), false));
  const k = str(sel.key);
  if (!k) errs.push(required(child(path, 'key')));
  else errs.push(...invalids(child(path, 'key'), k, isConfigMapKey(k)));
  return errs;
}

function validateEnv(env: unknown, path: string): Errs {
  const errs: Errs = [];
  arr(env).forEach((raw, i) => {
    const ev = rec(raw);
    const p = index(path, i);
    const name = str(ev.name);
    if (!name) errs.push(required(child(p, 'name')));
    else errs.push(...invalids(child(p, 'name'), name, isEnvVarName(name)));
    if (!isRecord(ev.valueFrom)) return;
    const from = ev.valueFrom;
    const fp = child(p, 'valueFrom');
    let sources = 0;
    if (isRecord(from.fieldRef)) {
      sources++;
      const ref = from.fieldRef;
      if (!str(ref.apiVersion)) errs.push(required(child(fp, 'fieldRef', 'apiVersion')));
      else if (!str(ref.fieldPath)) errs.push(required(child(fp, 'fieldRef', 'fieldPath')));
      else {
        const fieldPath = str(ref.fieldPath);
        const subscripted = /^metadata\.(annotations|labels)\['?([^'\]]*)'?\]$/.exec(fieldPath);
        if (subscripted) {
          const k = subscripted[1] === 'annotations' ? subscripted[2]!.toLowerCase() : subscripted[2]!;
          errs.push(...invalids(child(fp, 'fieldRef'), k, isQualifiedName(k)));
        } else if (!ENV_FIELD_PATHS.includes(fieldPath)) {
          errs.push(notSupported(child(fp, 'fieldRef', 'fieldPath'), fieldPath, ENV_FIELD_PATHS));
        }
      }
    }
    if (isRecord(from.resourceFieldRef)) {
      sources++;
      if (!str(from.resourceFieldRef.resource)) errs.push(required(child(fp, 'resourceFieldRef', 'resource')));
    }
    if (isRecord(from.configMapKeyRef)) {
      sources++;
      errs.push(...keySelectorErrors(from.configMapKeyRef, child(fp, 'configMapKeyRef')));
    }
    if (isRecord(from.secretKeyRef)) {
      sources++;
      errs.push(...keySelectorErrors(from.secretKeyRef, child(fp, 'secretKeyRef')));
    }
    if (sources === 0) errs.push(invalid(fp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (str(ev.value)) errs.push(invalid(fp, '', 'may not be specified when `value` is not empty'));
    else if (sources > 1) errs.push(invalid(fp, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateEnvFrom(envFrom: unknown, path: string): Errs {
  const errs: Errs = [];
  arr(envFrom).forEach((raw, i) => {
    const ev = rec(raw);
    const p = index(path, i);
    if (str(ev.prefix)) errs.push(...invalids(child(p, 'prefix'), str(ev.prefix), isEnvVarName(str(ev.prefix))));
    let sources = 0;
    for (const ref of ['configMapRef', 'secretRef'] as const) {
      if (!isRecord(ev[ref])) continue;
      sources++;
      const name = str(ev[ref].name);
      if (!name) errs.push(required(child(p, ref, 'name')));
      else errs.push(...invalids(child(p, ref, 'name'), name, nameIsDNSSubdomain(name, true)));
    }
    if (sources === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, { volumes, path }: { volumes: ReadonlySet<string>; path: string }): Errs {
  const errs: Errs = [];
  const seen = new Set<string>();
  arr(mounts).forEach((raw, i) => {
    const m = rec(raw);
    const p = index(path, i);
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.push(required(child(p, 'name')));
    if (!volumes.has(name)) errs.push(notFound(child(p, 'name'), name));
    if (!mountPath) errs.push(required(child(p, 'mountPath')));
    if (seen.has(mountPath)) errs.push(invalid(child(p, 'mountPath'), mountPath, 'must be unique'));
    seen.add(mountPath);
    if (str(m.subPath) && str(m.subPathExpr)) {
      errs.push(invalid(child(p, 'subPathExpr'), str(m.subPathExpr), 'subPathExpr and subPath are mutually exclusive'));
    }
  });
  return errs;
}

function validateHandler(handler: Record<string, unknown>, { path, kinds }: { path: string; kinds: readonly string[] }): Errs {
  const errs: Errs = [];
  let count = 0;
  for (const kind of kinds) {
    if (!isRecord(handler[kind])) continue;
    if (count > 0) {
      errs.push(forbidden(child(path, kind), 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const h = handler[kind];
    const hp = child(path, kind);
    switch (kind) {
      case 'exec':
        if (arr(h.command).length === 0) errs.push(required(child(hp, 'command')));
        break;
      case 'httpGet':
        if (!str(h.path)) errs.push(required(child(hp, 'path')));
        errs.push(...portNumOrNameErrors(h.port, child(hp, 'port')));
        if (h.scheme !== 'HTTP' && h.scheme !== 'HTTPS') errs.push(notSupported(child(hp, 'scheme'), h.scheme ?? '', ['HTTP', 'HTTPS']));
        for (const header of arr(h.httpHeaders)) {
          const n = str(rec(header).name);
          errs.push(...invalids(child(hp, 'httpHeaders'), n, isHTTPHeaderName(n)));
        }
        break;
      case 'tcpSocket':
        errs.push(...portNumOrNameErrors(h.port, child(hp, 'port')));
        break;
      case 'grpc':
        errs.push(...portNumOrNameErrors(typeof h.port === 'number' ? h.port : 0, child(hp, 'port')));
        break;
      case 'sleep':
        break;
    }
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

/** ValidatePortNumOrName. */
export function portNumOrNameErrors(port: unknown, path: string): Errs {
  if (typeof port === 'string') return invalids(path, port, isValidPortName(port));
  return invalids(path, typeof port === 'number' ? port : 0, portNumErrors(port ?? 0));
}

function validateProbe(probe: unknown, { path, kind }: { path: string; kind: 'liveness' | 'readiness' | 'startup' }): Errs {
  if (!isRecord(probe)) return [];
  const errs = validateHandler(probe, { path, kinds: ['exec', 'httpGet', 'tcpSocket', 'grpc'] });
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(probe[f], child(path, f)));
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace <= 0) errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), grace, 'must be greater than 0'));
  if (kind === 'readiness' && grace !== undefined && grace !== null) {
    errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), grace, 'must not be set for readinessProbes'));
  }
  if (kind !== 'readiness' && probe.successThreshold !== 1) {
    errs.push(invalid(child(path, 'successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  }
  return errs;
}

function validateLifecycle(lifecycle: unknown, path: string): Errs {
  if (!isRecord(lifecycle)) return [];
  const errs: Errs = [];
  for (const hook of ['postStart', 'preStop']) {
    if (isRecord(lifecycle[hook])) errs.push(...validateHandler(lifecycle[hook], { path: child(path, hook), kinds: ['exec', 'httpGet', 'tcpSocket', 'sleep'] }));
  }
  return errs;
}

function validateSecurityContext(sc: unknown, path: string): Errs {
  if (!isRecord(sc)) return [];
  const errs: Errs = [];
  for (const f of ['runAsUser', 'runAsGroup']) {
    const v = sc[f];
    if (typeof v === 'number' && (v < 0 || v > 0xffffffff)) errs.push(invalid(child(path, f), v, 'must be between 0 and 4294967295, inclusive'));
  }
  if (sc.procMount !== undefined && sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') {
    errs.push(notSupported(child(path, 'procMount'), sc.procMount, ['Default', 'Unmasked']));
  }
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
  return errs;
}

/** Where a container list sits and which volumes its mounts may name. */
export interface ContainerContext {
  volumes: ReadonlySet<string>;
  path: string;
}

/** validateContainerCommon: what every container kind must satisfy. */
function validateContainerCommon(c: Record<string, unknown>, { volumes, path }: ContainerContext): Errs {
  const errs: Errs = [];
  const name = str(c.name);
  if (!name) errs.push(required(child(path, 'name')));
  else errs.push(...dnsLabelErrors(name, child(path, 'name')));
  if (!str(c.image)) errs.push(required(child(path, 'image')));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(child(path, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(c.ports, child(path, 'ports')));
  errs.push(...validateEnv(c.env, child(path, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, { volumes, path: child(path, 'volumeMounts') }));
  const pull = str(c.imagePullPolicy);
  if (!pull) errs.push(required(child(path, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(child(path, 'imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, child(path, 'resources')));
  errs.push(...validateSecurityContext(c.securityContext, child(path, 'securityContext')));
  return errs;
}

/** Host ports must not collide (protocol/hostIP/port) within the list. */
function hostPortConflicts(containers: readonly Record<string, unknown>[], path: string): Errs {
  const seen = new Set<string>();
  const errs: Errs = [];
  containers.forEach((c, ci) => {
    arr(c.ports).forEach((raw, pi) => {
      const port = rec(raw);
      if (!port.hostPort) return;
      const k = `${str(port.protocol)}/${str(port.hostIP)}/${String(port.hostPort)}`;
      if (seen.has(k)) errs.push(duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), k));
      else seen.add(k);
    });
  });
  return errs;
}

/** validateContainers: regular containers (at least one; unique names). */
export function validateContainers(containers: unknown, { volumes, path }: ContainerContext): Errs {
  const list = arr(containers).map(rec);
  if (list.length === 0) return [required(path)];
  const errs: Errs = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, { volumes, path: p }));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else names.add(name);
    errs.push(...validateLifecycle(c.lifecycle, child(p, 'lifecycle')));
    errs.push(...validateProbe(c.livenessProbe, { path: child(p, 'livenessProbe'), kind: 'liveness' }));
    errs.push(...validateProbe(c.readinessProbe, { path: child(p, 'readinessProbe'), kind: 'readiness' }));
    errs.push(...validateProbe(c.startupProbe, { path: child(p, 'startupProbe'), kind: 'startup' }));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) errs.push(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(list, path));
  return errs;
}

/** validateInitContainers: names unique across init and regular containers; probes only on sidecars. */
export function validateInitContainers(init: unknown, { regular, volumes, path }: ContainerContext & { regular: unknown }): Errs {
  const errs: Errs = [];
  const names = new Set(arr(regular).map((c) => str(rec(c).name)));
  arr(init)
    .map(rec)
    .forEach((c, i) => {
      const p = index(path, i);
      errs.push(...validateContainerCommon(c, { volumes, path: p }));
      const sidecar = c.restartPolicy === 'Always';
      if (c.restartPolicy !== undefined && c.restartPolicy !== null && !sidecar) {
        errs.push(notSupported(child(p, 'restartPolicy'), c.restartPolicy, ['Always']));
      }
      const name = str(c.name);
      if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else if (name) names.add(name);
      errs.push(...hostPortConflicts([c], path));
      if (sidecar) {
        errs.push(...validateLifecycle(c.lifecycle, child(p, 'lifecycle')));
        errs.push(...validateProbe(c.livenessProbe, { path: child(p, 'livenessProbe'), kind: 'liveness' }));
        errs.push(...validateProbe(c.readinessProbe, { path: child(p, 'readinessProbe'), kind: 'readiness' }));
        errs.push(...validateProbe(c.startupProbe, { path: child(p, 'startupProbe'), kind: 'startup' }));
      } else {
        for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
          if (c[f] !== undefined && c[f] !== null) errs.push(forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
        }
      }
    });
  return errs;
}

/** validateContainerOnlyForPod: images of real pods may not carry surrounding whitespace. */
export function imageWhitespaceErrors(containers: unknown, path: string): Errs {
  const errs: Errs = [];
  arr(containers).forEach((c, i) => {
    const image = str(rec(c).image);
    if (image !== image.trim()) errs.push(invalid(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return errs;
}
