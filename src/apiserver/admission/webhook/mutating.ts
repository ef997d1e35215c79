/**
 * MutatingAdmissionWebhook: calls the matching mutating webhooks one at a time, in order, applying each one's JSON
 * Patch to `attrs.object` in place before the next is called.
 *
 * Guarantees:
 * - A denial stops the chain with the webhook's status (`admission webhook "<name>" denied the request: ...`).
 * - A failed call follows the webhook's failurePolicy (see handleCallFailure); nothing else is ignored.
 * - A patch that does not apply is a 500, whatever the failurePolicy (Kubernetes does the same); the object is left
 *   as the previous webhook left it.
 * - reinvocationPolicy IfNeeded: once the first pass is over, every IfNeeded webhook that ran before a later webhook
 *   changed the object is called once more, in order. There is never a third pass.
 * - Warnings from webhooks are appended to `attrs.warnings` (see AdmissionAttributesWithWarnings).
 */
import type { KubeObject, MutatingWebhook } from '../../../api/index.js';
import { type JsonValue, applyJsonPatch, deepEqual, internalError } from '../../../machinery/index.js';
import type { AdmissionAttributes } from '../../registry/context.js';
import { type AsyncMutator, addWarning } from '../attributes.js';
import { type WebhookClientDeps, callWebhook } from './client.js';
import { isWebhookCallError, webhookDenied } from './errors.js';
import { type OrderedHook, type WebhookAdmissionDeps, clientDeps, handleCallFailure, orderHooks } from './hooks.js';
import { isExemptFromWebhooks, shouldCallHook } from './match.js';
import { matchConditionsAllow } from './match-conditions.js';

export const MUTATING_WEBHOOK_PLUGIN = 'MutatingAdmissionWebhook';

function replaceInPlace(target: KubeObject, next: KubeObject): void {
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, next);
}

function isObjectWithMetadata(v: JsonValue): v is JsonValue & KubeObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.metadata === 'object' && v.metadata !== null && !Array.isArray(v.metadata);
}

/** Applies a webhook's patch to attrs.object; returns whether the object changed. */
function applyPatch(hookName: string, attrs: AdmissionAttributes, patch: unknown[]): boolean {
  if (patch.length === 0) return false;
  const obj = attrs.object;
  if (!obj) {
    throw internalError(new Error(`admission webhook ${JSON.stringify(hookName)} attempted to modify the object, which is not supported for this operation`));
  }
  let patched: JsonValue;
  try {
    patched = applyJsonPatch(obj as unknown as JsonValue, patch);
  } catch (err) {
    throw internalError(err);
  }
  if (!isObjectWithMetadata(patched)) {
    throw internalError(new Error(`admission webhook ${JSON.stringify(hookName)} returned a patch that leaves no object with metadata`));
  }
  if (patched.apiVersion !== obj.apiVersion || patched.kind !== obj.kind) {
    throw internalError(new Error(`admission webhook ${JSON.stringify(hookName)} may not change apiVersion or kind`));
  }
  if (deepEqual(obj, patched)) return false;
  replaceInPlace(obj, patched);
  return true;
}

async function callOne(entry: OrderedHook<MutatingWebhook>, attrs: AdmissionAttributes, deps: WebhookClientDeps): Promise<boolean> {
  const hook = entry.hook;
  let result;
  try {
    result = await callWebhook(hook, attrs, { mutating: true, deps });
  } catch (err) {
    if (!isWebhookCallError(err)) throw err;
    handleCallFailure(hook, attrs, err);
    return false;
  }
  for (const w of result.warnings) addWarning(attrs, w);
  if (!result.allowed) throw webhookDenied(hook.name, result.status);
  return result.patch ? applyPatch(hook.name, attrs, result.patch) : false;
}

/** The MutatingAdmissionWebhook plugin (mutate only). */
export function mutatingWebhooks(deps: WebhookAdmissionDeps): AsyncMutator {
  const client = clientDeps(deps);
  return {
    name: MUTATING_WEBHOOK_PLUGIN,
    async mutate(attrs) {
      if (isExemptFromWebhooks(attrs)) return;
      const hooks = orderHooks<MutatingWebhook>(deps.source.mutating());
      if (hooks.length === 0) return;
      const reinvocable = new Set<string>();
      const reinvoke = new Set<string>();
      for (const entry of hooks) {
        if (!(await shouldCallHook(entry.hook, attrs, deps.namespaces)) || !matchConditionsAllow(entry.hook, attrs)) continue;
        const changed = await callOne(entry, attrs, client);
        if (changed) for (const id of reinvocable) reinvoke.add(id);
        if (entry.hook.reinvocationPolicy === 'IfNeeded') reinvocable.add(entry.id);
      }
      if (reinvoke.size === 0) return;
      for (const entry of hooks) {
        // A webhook skipped in the first pass is never called for the first time during reinvocation.
        if (!reinvoke.has(entry.id)) continue;
        if (!(await shouldCallHook(entry.hook, attrs, deps.namespaces)) || !matchConditionsAllow(entry.hook, attrs)) continue;
        await callOne(entry, attrs, client);
      }
    },
  };
}
