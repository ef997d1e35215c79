/**
 * Create, as Kubernetes' registry does it: defaults → mutating admission → system fields and generateName →
 * strategy.prepareForCreate → validation → validating admission → managedFields → store.
 */
import type { KubeObject } from '../../api/index.js';
import { alreadyExists, badRequest, fieldErrors, internalError, invalid } from '../../machinery/index.js';
import { isKeyExists } from '../../store/index.js';
import type { WriteOptions } from './context.js';
import type { GenericRegistry } from './generic.js';
import { rfc3339 } from './time.js';

/** How many fresh names a generateName create tries before giving up (Kubernetes retries too). */
const GENERATE_NAME_ATTEMPTS = 8;

export async function createObject(reg: GenericRegistry, namespace: string, obj: KubeObject, opts: WriteOptions = {}): Promise<KubeObject> {
  const s = reg.strategy;
  const { clock } = reg.deps;
  if (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata)) obj.metadata = {};
  const meta = obj.metadata;
  if (s.namespaced) {
    if (meta.namespace && namespace && meta.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = namespace || meta.namespace || '';
  } else {
    delete meta.namespace;
  }
  if (meta.resourceVersion) throw internalError(new Error('resourceVersion should not be set on objects to be created'));
  obj.apiVersion = s.gvk.group ? `${s.gvk.group}/${s.gvk.version}` : s.gvk.version;
  obj.kind = s.gvk.kind;

  s.applyDefaults(obj);
  await reg.deps.admission?.mutate(admissionAttrs(reg, 'CREATE', obj, null, opts));

  const now = clock.now();
  meta.uid = reg.deps.newUid();
  meta.creationTimestamp = rfc3339(now);
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  if (s.tracksGeneration) meta.generation = 1;
  else delete meta.generation;
  s.prepareForCreate(obj);
  try {
    return await validateAndStore(reg, obj, opts, now);
  } catch (err) {
    s.releaseOnFailure?.(obj);
    throw err;
  }
}

async function validateAndStore(reg: GenericRegistry, obj: KubeObject, opts: WriteOptions, now: number): Promise<KubeObject> {
  const s = reg.strategy;
  const meta = obj.metadata;
  const generated = !meta.name && !!meta.generateName;
  if (generated) meta.name = generateName(meta.generateName!, reg.deps.nameSuffix());
  if (!meta.name) {
    throw invalid({ group: s.gvk.group, kind: s.gvk.kind }, '', [fieldErrors.required('metadata.name', 'name or generateName is required')]);
  }
  const errs = opts.internal ? [] : s.validateCreate(obj);
  if (errs.length) throw invalid({ group: s.gvk.group, kind: s.gvk.kind }, meta.name, errs);
  await reg.deps.admission?.validate(admissionAttrs(reg, 'CREATE', obj, null, opts));
  if (!opts.managedFieldsDone) reg.deps.fieldManager?.recordUpdate(null, obj, { manager: opts.fieldManager ?? '', subresource: '', now });

  if (opts.dryRun) {
    s.releaseOnFailure?.(obj);
    return obj;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await reg.deps.store.create(reg.key(meta.namespace ?? '', meta.name), reg.encode(obj));
      return reg.written(res.kv, obj);
    } catch (err) {
      if (!isKeyExists(err)) throw err;
      if (!generated || attempt >= GENERATE_NAME_ATTEMPTS) throw alreadyExists(s.gr, meta.name);
      meta.name = generateName(meta.generateName!, reg.deps.nameSuffix());
    }
  }
}

/** generateName + suffix, with the base cut so the whole name stays within 63 characters (as Kubernetes does). */
export function generateName(base: string, suffix: string): string {
  const max = 63 - suffix.length;
  return (base.length > max ? base.slice(0, max) : base) + suffix;
}

export function admissionAttrs(
  reg: GenericRegistry,
  operation: 'CREATE' | 'UPDATE' | 'DELETE',
  obj: KubeObject | null,
  old: KubeObject | null,
  opts: WriteOptions,
) {
  const s = reg.strategy;
  const o = obj ?? old;
  return {
    operation,
    object: obj,
    oldObject: old,
    namespace: o?.metadata.namespace ?? '',
    name: o?.metadata.name ?? '',
    group: s.gvk.group,
    version: s.gvk.version,
    kind: s.gvk.kind,
    resource: s.gr.resource,
    subresource: opts.subresource ?? '',
    user: opts.user,
    dryRun: !!opts.dryRun,
    ...(opts.warnings ? { warnings: opts.warnings } : {}),
  };
}
