/**
 * PATCH in the four flavours Kubernetes accepts: JSON patch (RFC 6902), JSON merge patch (RFC 7386), strategic
 * merge patch (per-field merge keys), and server-side apply (application/apply-patch+yaml, with managed fields).
 * Patches apply to the stored object and go through the same optimistic-concurrency update as PUT.
 */
import type { KubeObject } from '../../api/index.js';
import { patchSchemaFor } from '../../api/index.js';
import {
  ApiError,
  PatchError,
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  badRequest,
  deepCopy,
  notFound,
  unsupportedMediaType,
  type JsonValue,
} from '../../machinery/index.js';
import { mediaType, parseJsonBody, parseYamlBody, readBody } from '../http/body.js';
import { updateObject } from '../registry/update.js';
import type { EndpointContext } from './context.js';
import { respondObject } from './render.js';
import { checkTypeMeta } from './type-meta.js';
import { applyFieldValidation } from './unknown-fields.js';
import { writeOptions } from './write-options.js';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

const patchTypes: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

export const SUPPORTED_PATCH_TYPES = Object.keys(patchTypes);

export async function handlePatch(ctx: EndpointContext): Promise<void> {
  const { info, registry } = ctx.target;
  const ct = ctx.req.headers['content-type'];
  const type = patchTypes[mediaType(ct)];
  if (!type) throw unsupportedMediaType(ct ?? '');
  const buf = await readBody(ctx.req, ctx.deps.maxBodyBytes);
  const patch = type === 'apply' ? parseYamlBody(buf) : parseJsonBody(buf);
  const opts = writeOptions(ctx);
  const target = ctx.ri.subresource === 'status' ? 'status' : 'main';
  const gvk = { group: info.group, version: info.version, kind: info.kind };

  if (type === 'apply') {
    if (!ctx.query.get('fieldManager')) throw badRequest('PATCH, application/apply-patch+yaml requires fieldManager to be set');
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw badRequest('apply patch must be a JSON or YAML object');
    checkTypeMeta(info, patch as Record<string, unknown>);
    applyFieldValidation(ctx, patch as Record<string, unknown>);
    const force = ctx.query.get('force') === 'true';
    const applied = patch as KubeObject;
    const r = await updateObject(
      registry,
      ctx.ri.namespace,
      ctx.ri.name,
      (current) => {
        const merged = ctx.deps.fieldManager.apply(current, deepCopy(applied), {
          manager: opts.fieldManager ?? '',
          force,
          subresource: ctx.ri.subresource,
          now: ctx.deps.clock.now(),
        });
        if (current) merged.metadata.resourceVersion = (applied.metadata?.resourceVersion as string | undefined) ?? '';
        return merged;
      },
      { ...opts, target, forceAllowCreate: target === 'main', managedFieldsDone: true },
    );
    respondObject(ctx, r.created ? 201 : 200, r.object);
    return;
  }

  const r = await updateObject(
    registry,
    ctx.ri.namespace,
    ctx.ri.name,
    (current) => {
      if (!current) throw notFound({ group: info.group, resource: info.resource }, ctx.ri.name);
      const patched = applyPatch(type, current as unknown as JsonValue, patch as JsonValue, gvk);
      if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) throw badRequest('patched object is not an object');
      const obj = patched as unknown as KubeObject;
      if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
      // Only a resourceVersion the patch itself sets is a precondition; otherwise the update is unconditional.
      if (!patchSetsResourceVersion(patch)) delete obj.metadata.resourceVersion;
      return obj;
    },
    { ...opts, target },
  );
  respondObject(ctx, 200, r.object);
}

export function applyPatch(type: Exclude<PatchType, 'apply'>, doc: JsonValue, patch: JsonValue, gvk: { group: string; version: string; kind: string }): JsonValue {
  try {
    switch (type) {
      case 'json':
        return applyJsonPatch(doc, patch);
      case 'merge':
        if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw badRequest('merge patch must be a JSON object');
        return applyMergePatch(doc, patch);
      case 'strategic':
        if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw badRequest('strategic merge patch must be a JSON object');
        if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw badRequest('strategic merge patch needs an object to patch');
        return applyStrategicMergePatch(doc, patch, patchSchemaFor(gvk.group, gvk.version, gvk.kind));
    }
  } catch (err) {
    if (err instanceof PatchError) throw patchErrorToApi(err);
    throw err;
  }
}

/** PatchError carries the HTTP code Kubernetes answers with (400 bad input, 422 failed JSON-patch ops, ...). */
function patchErrorToApi(err: PatchError): ApiError {
  const reasons: Record<number, ConstructorParameters<typeof ApiError>[1]> = {
    400: 'BadRequest',
    409: 'Conflict',
    413: 'RequestEntityTooLarge',
    422: 'Invalid',
  };
  return new ApiError(err.code, reasons[err.code] ?? 'InternalError', err.message);
}

function patchSetsResourceVersion(patch: unknown): boolean {
  if (Array.isArray(patch)) return patch.some((op) => typeof op === 'object' && op !== null && (op as { path?: string }).path === '/metadata/resourceVersion');
  const md = (patch as { metadata?: { resourceVersion?: unknown } } | null)?.metadata;
  return typeof md === 'object' && md !== null && typeof md.resourceVersion === 'string';
}
