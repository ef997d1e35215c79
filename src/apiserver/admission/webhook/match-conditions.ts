/**
 * Webhook matchConditions (Kubernetes' matchconditions.Matcher): CEL expressions over `object`, `oldObject` and
 * `request` (the AdmissionRequest the webhook would get) that must all be true for the webhook to be called.
 *
 * - Any condition false → the webhook is skipped, even if another failed to evaluate.
 * - None false but one failed (an evaluation error, a non-boolean result, or `authorizer`, which skiff does not
 *   offer) → an error the webhook's failurePolicy decides on, as for a failed call.
 * - All true (or none given) → the webhook is called.
 * Expressions are parsed once and cached (their syntax is also checked when a webhook configuration is written).
 */
import { type ParseResult, parse } from '@marcbachmann/cel-js';
import type { ValidatingWebhook } from '../../../api/index.js';
import type { AdmissionAttributes } from '../../registry/context.js';
import { buildAdmissionRequest } from './client.js';
import { WebhookCallError } from './errors.js';
import { handleCallFailure } from './hooks.js';

export type MatchConditionsResult = { kind: 'match' } | { kind: 'skip'; condition: string } | { kind: 'error'; message: string };

const compiled = new Map<string, ParseResult | Error>();
const MAX_CACHED = 1024;

/** The compiled expression, or the parse error (both cached by expression text). */
function compile(expression: string): ParseResult | Error {
  let c = compiled.get(expression);
  if (c === undefined) {
    try {
      c = parse(expression);
    } catch (err) {
      c = err instanceof Error ? err : new Error(String(err));
    }
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(expression, c);
  }
  return c;
}

export function evaluateMatchConditions(hook: Readonly<ValidatingWebhook>, attrs: AdmissionAttributes): MatchConditionsResult {
  const conditions = hook.matchConditions ?? [];
  if (conditions.length === 0) return { kind: 'match' };
  const request = buildAdmissionRequest('', attrs);
  const context = { object: attrs.object ?? null, oldObject: attrs.oldObject ?? null, request };
  const errors: string[] = [];
  for (const cond of conditions) {
    const name = cond.name;
    if (/\bauthorizer\b/.test(cond.expression)) {
      errors.push(`expression '${name}': the authorizer variable is not supported by skiff`);
      continue;
    }
    const fn = compile(cond.expression);
    if (fn instanceof Error) {
      errors.push(`expression '${name}': ${fn.message.split('\n')[0]}`);
      continue;
    }
    let value: unknown;
    try {
      value = fn(context);
    } catch (err) {
      errors.push(`expression '${name}' resulted in error: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
      continue;
    }
    if (value === false) return { kind: 'skip', condition: name };
    if (value !== true) errors.push(`expression '${name}' did not evaluate to a bool: ${JSON.stringify(value)}`);
  }
  return errors.length ? { kind: 'error', message: `failed evaluating match conditions: ${errors.join('; ')}` } : { kind: 'match' };
}

/**
 * Whether the webhook is to be called given its matchConditions. A condition that fails to evaluate is a failed call:
 * under failurePolicy Fail this throws Kubernetes' 500 (`failed calling webhook "<name>": failed evaluating match
 * conditions: ...`); under Ignore the webhook is skipped with a warning.
 */
export function matchConditionsAllow(hook: Readonly<ValidatingWebhook>, attrs: AdmissionAttributes): boolean {
  const r = evaluateMatchConditions(hook, attrs);
  if (r.kind === 'match') return true;
  if (r.kind === 'error') handleCallFailure(hook, attrs, new WebhookCallError(hook.name, r.message));
  return false;
}
