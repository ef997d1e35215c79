/**
 * ValidatingAdmissionWebhook: calls every matching validating webhook in parallel and waits for all of them (each is
 * bounded by its own timeout). If any rejects or fails closed, the request is refused with the first such error in
 * webhook order, so the answer does not depend on which webhook happened to reply first. Webhooks see the object
 * read-only; a validating webhook that returns a patch is a malformed response.
 */
import type { ValidatingWebhook } from '../../../api/index.js';
import type { AdmissionAttributes } from '../../registry/context.js';
import { type AsyncValidator, addWarning } from '../attributes.js';
import { type WebhookClientDeps, callWebhook } from './client.js';
import { isWebhookCallError, webhookDenied } from './errors.js';
import { type OrderedHook, type WebhookAdmissionDeps, clientDeps, handleCallFailure, orderHooks } from './hooks.js';
import { isExemptFromWebhooks, shouldCallHook } from './match.js';
import { matchConditionsAllow } from './match-conditions.js';

export const VALIDATING_WEBHOOK_PLUGIN = 'ValidatingAdmissionWebhook';

/** Runs one webhook; resolves to the error that should refuse the request, or undefined. Never rejects. */
async function runOne(entry: OrderedHook<ValidatingWebhook>, attrs: AdmissionAttributes, deps: WebhookClientDeps): Promise<unknown> {
  const hook = entry.hook;
  try {
    const result = await callWebhook(hook, attrs, { mutating: false, deps });
    for (const w of result.warnings) addWarning(attrs, w);
    return result.allowed ? undefined : webhookDenied(hook.name, result.status);
  } catch (err) {
    if (!isWebhookCallError(err)) return err;
    try {
      handleCallFailure(hook, attrs, err);
      return undefined;
    } catch (failed) {
      return failed;
    }
  }
}

/** The ValidatingAdmissionWebhook plugin (validate only). */
export function validatingWebhooks(deps: WebhookAdmissionDeps): AsyncValidator {
  const client = clientDeps(deps);
  return {
    name: VALIDATING_WEBHOOK_PLUGIN,
    async validate(attrs) {
      if (isExemptFromWebhooks(attrs)) return;
      const hooks = orderHooks<ValidatingWebhook>(deps.source.validating());
      const matched: OrderedHook<ValidatingWebhook>[] = [];
      for (const entry of hooks) {
        if ((await shouldCallHook(entry.hook, attrs, deps.namespaces)) && matchConditionsAllow(entry.hook, attrs)) matched.push(entry);
      }
      if (matched.length === 0) return;
      const errors = await Promise.all(matched.map((entry) => runOne(entry, attrs, client)));
      const first = errors.find((e) => e !== undefined);
      if (first !== undefined) throw first;
    },
  };
}
