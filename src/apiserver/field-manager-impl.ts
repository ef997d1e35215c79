/**
 * managedFields bookkeeping and server-side apply for the registry, on machinery's structured-merge-diff
 * implementation with the built-in types' list/map semantics. Status is reset for main-resource writes and
 * everything but status for status writes, as Kubernetes' strategies declare in GetResetFields.
 */
import type { KubeObject } from '../api/index.js';
import {
  ApiError,
  ApplyObjectError,
  FieldsV1Error,
  ManagedFieldsError,
  applyObject,
  badRequest,
  builtinApplySchema,
  FieldPathSet,
  computeManagedFields,
  fieldPath,
  type JsonObject,
} from '../machinery/index.js';
import type { FieldManagerHooks } from './registry/field-manager.js';

const STATUS_RESET = FieldPathSet.fromPaths([fieldPath('status')]);
const SPEC_RESET = FieldPathSet.fromPaths([fieldPath('spec')]);
const NO_RESET = FieldPathSet.empty();

function resetFieldsFor(subresource: string, obj: KubeObject): FieldPathSet {
  if (subresource === 'status') return SPEC_RESET;
  return obj.status !== undefined || subresource === '' ? STATUS_RESET : NO_RESET;
}

function asApiError(err: unknown): unknown {
  if (err instanceof ApiError) return err;
  if (err instanceof ApplyObjectError || err instanceof FieldsV1Error || err instanceof ManagedFieldsError) {
    return badRequest(err.message);
  }
  return err;
}

export function makeFieldManager(): FieldManagerHooks {
  return {
    recordUpdate(old, obj, { manager, subresource, now }) {
      let r;
      try {
        r = computeManagedFields({
          old: old as unknown as JsonObject | null,
          updated: obj as unknown as JsonObject,
          manager,
          subresource,
          schema: builtinApplySchema(obj.kind ?? ''),
          apiVersion: obj.apiVersion ?? '',
          now,
          resetFields: resetFieldsFor(subresource, obj),
        });
      } catch (err) {
        throw asApiError(err);
      }
      if (r.managedFields?.length) obj.metadata.managedFields = r.managedFields as KubeObject['metadata']['managedFields'];
      else delete obj.metadata.managedFields;
    },
    apply(live, applied, { manager, force, subresource, now }) {
      const kind = live?.kind ?? applied.kind ?? '';
      const apiVersion = live?.apiVersion ?? applied.apiVersion ?? '';
      try {
        const r = applyObject({
          live: live as unknown as JsonObject | null,
          applied: applied as unknown as JsonObject,
          manager,
          force,
          schema: builtinApplySchema(kind),
          apiVersion,
          kind,
          subresource,
          now,
          resetFields: subresource === 'status' ? SPEC_RESET : STATUS_RESET,
        });
        return r.object as unknown as KubeObject;
      } catch (err) {
        throw asApiError(err);
      }
    },
  };
}
