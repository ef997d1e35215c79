/** Pod volumes (core ValidateVolumes): unique DNS-label names, exactly one source each, common source checks. */
import {
  type Errs,
  arr,
  child,
  duplicate,
  forbidden,
  index,
  invalid,
  isRecord,
  rec,
  required,
  notSupported,
  str,
} from './helpers.js';
import { dnsLabelErrors } from './pod-container.js';
import { quantityAt } from './resources.js';

/** The source fields in the order Kubernetes checks them (the first one set wins; later ones are "more than 1"). */
const SOURCES = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'cinder',
  'cephfs',
  'quobyte',
  'downwardAPI',
  'fc',
  'flexVolume',
  'configMap',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'storageos',
  'projected',
  'scaleIO',
  'csi',
  'ephemeral',
  'image',
] as const;

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const FILE_MODE_MESSAGE = 'must be a number between 0 and 0777 (octal), both inclusive';

function fileModeErrors(mode: unknown, path: string): Errs {
  return typeof mode === 'number' && (mode < 0 || mode > 0o777) ? [invalid(path, mode, FILE_MODE_MESSAGE)] : [];
}

function noBacksteps(p: string, path: string): Errs {
  return p.split('/').includes('..') ? [invalid(path, p, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, no '..' elements. */
function localDescendingPath(p: string, path: string): Errs {
  const errs: Errs = [];
  if (p.startsWith('/')) errs.push(invalid(path, p, 'must be a relative path'));
  return [...errs, ...noBacksteps(p, path)];
}

function keyToPathErrors(items: unknown, path: string): Errs {
  const errs: Errs = [];
  arr(items).forEach((raw, i) => {
    const item = rec(raw);
    const p = index(path, i);
    if (!str(item.key)) errs.push(required(child(p, 'key')));
    if (!str(item.path)) errs.push(required(child(p, 'path')));
    errs.push(...localDescendingPath(str(item.path), child(p, 'path')));
    errs.push(...fileModeErrors(item.mode, child(p, 'mode')));
  });
  return errs;
}

function downwardAPIItems(items: unknown, path: string): Errs {
  const errs: Errs = [];
  arr(items).forEach((raw, i) => {
    const item = rec(raw);
    const p = index(path, i);
    if (!str(item.path)) errs.push(required(child(p, 'path')));
    errs.push(...localDescendingPath(str(item.path), child(p, 'path')));
    errs.push(...fileModeErrors(item.mode, child(p, 'mode')));
    const sources = Number(isRecord(item.fieldRef)) + Number(isRecord(item.resourceFieldRef));
    if (sources > 1) errs.push(invalid(p, '', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  });
  return errs;
}

function validateSource(kind: (typeof SOURCES)[number], src: Record<string, unknown>, path: string): Errs {
  const errs: Errs = [];
  switch (kind) {
    case 'emptyDir':
      if (src.sizeLimit !== undefined) {
        const q = quantityAt(src.sizeLimit, child(path, 'sizeLimit'), errs);
        if (q && q.sign() < 0) errs.push(forbidden(child(path, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      }
      break;
    case 'hostPath':
      if (!str(src.path)) return [required(child(path, 'path'))];
      errs.push(...noBacksteps(str(src.path), child(path, 'path')));
      if (src.type !== undefined && src.type !== null && !HOST_PATH_TYPES.includes(str(src.type))) {
        errs.push(notSupported(child(path, 'type'), src.type, HOST_PATH_TYPES));
      }
      break;
    case 'secret':
      if (!str(src.secretName)) errs.push(required(child(path, 'secretName')));
      errs.push(...fileModeErrors(src.defaultMode, child(path, 'defaultMode')));
      errs.push(...keyToPathErrors(src.items, child(path, 'items')));
      break;
    case 'configMap':
      if (!str(src.name)) errs.push(required(child(path, 'name')));
      errs.push(...fileModeErrors(src.defaultMode, child(path, 'defaultMode')));
      errs.push(...keyToPathErrors(src.items, child(path, 'items')));
      break;
    case 'persistentVolumeClaim':
      if (!str(src.claimName)) errs.push(required(child(path, 'claimName')));
      break;
    case 'downwardAPI':
      errs.push(...fileModeErrors(src.defaultMode, child(path, 'defaultMode')));
      errs.push(...downwardAPIItems(src.items, child(path, 'items')));
      break;
    case 'projected':
      errs.push(...fileModeErrors(src.defaultMode, child(path, 'defaultMode')));
      arr(src.sources).forEach((raw, i) => {
        const s = rec(raw);
        const p = index(child(path, 'sources'), i);
        const kinds = ['secret', 'downwardAPI', 'configMap', 'serviceAccountToken', 'clusterTrustBundle'].filter((k) => isRecord(s[k]));
        if (kinds.length !== 1) errs.push(forbidden(p, 'may not specify more than 1 volume type per source'));
        if (isRecord(s.serviceAccountToken)) {
          const t = s.serviceAccountToken;
          const exp = t.expirationSeconds;
          if (typeof exp === 'number' && exp < 600) errs.push(invalid(child(p, 'serviceAccountToken', 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
          if (typeof exp === 'number' && exp > 2 ** 32) errs.push(invalid(child(p, 'serviceAccountToken', 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
          if (!str(t.path)) errs.push(required(child(p, 'serviceAccountToken', 'path')));
        }
        if (isRecord(s.downwardAPI)) errs.push(...downwardAPIItems(s.downwardAPI.items, child(p, 'downwardAPI', 'items')));
        for (const k of ['secret', 'configMap']) if (isRecord(s[k])) errs.push(...keyToPathErrors(rec(s[k]).items, child(p, k, 'items')));
      });
      break;
    case 'nfs':
      if (!str(src.server)) errs.push(required(child(path, 'server')));
      if (!str(src.path)) errs.push(required(child(path, 'path')));
      else if (!str(src.path).startsWith('/')) errs.push(invalid(child(path, 'path'), str(src.path), 'must be an absolute path'));
      break;
    case 'csi':
      if (!str(src.driver)) errs.push(required(child(path, 'driver')));
      break;
    case 'image':
      if (!str(src.reference)) errs.push(required(child(path, 'reference')));
      break;
    default:
      break;
  }
  return errs;
}

/** ValidateVolumes: returns the names of the valid volumes (for volumeMounts) and the errors. */
export function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errs: Errs } {
  const names = new Set<string>();
  const errs: Errs = [];
  arr(volumes).forEach((raw, i) => {
    const vol = rec(raw);
    const p = index(path, i);
    const el: Errs = [];
    let count = 0;
    for (const kind of SOURCES) {
      if (!isRecord(vol[kind])) continue;
      const sp = child(p, kind === 'downwardAPI' ? 'downwarAPI' : kind);
      if (count > 0) {
        el.push(forbidden(sp, 'may not specify more than 1 volume type'));
        continue;
      }
      count++;
      el.push(...validateSource(kind, vol[kind], child(p, kind)));
    }
    if (count === 0) el.push(required(p, 'must specify a volume type'));
    const name = str(vol.name);
    if (!name) el.push(required(child(p, 'name')));
    else el.push(...dnsLabelErrors(name, child(p, 'name')));
    if (names.has(name)) el.push(duplicate(child(p, 'name'), name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}
