/**
 * fieldValidation=Strict|Warn|Ignore for unknown fields, as Kubernetes does it: Strict fails with 400
 * (`strict decoding error: unknown field "spec.foo"`), Warn (the server default) answers with Warning headers,
 * Ignore drops them silently. Unknown fields are found by the schema the server was given.
 */
import { badRequest } from '../../machinery/index.js';
import type { EndpointContext } from './context.js';
import { fieldValidation } from './write-options.js';

/** Finds fields a schema does not know, as dotted paths (`spec.foo`, `spec.template.spec.containers[0].bad`). */
export interface UnknownFieldFinder {
  unknownFields(gvk: { group: string; version: string; kind: string }, obj: unknown): string[];
}

export function applyFieldValidation(ctx: EndpointContext, body: Record<string, unknown>): void {
  const mode = fieldValidation(ctx);
  const finder = ctx.deps.schema;
  if (mode === 'Ignore' || !finder) return;
  const { info } = ctx.target;
  const unknown = finder.unknownFields({ group: info.group, version: info.version, kind: info.kind }, body);
  if (!unknown.length) return;
  if (mode === 'Strict') {
    const list = unknown.map((f) => `unknown field "${f}"`).join(', ');
    throw badRequest(`${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: strict decoding error: ${list}`);
  }
  addWarnings(ctx, unknown.map((f) => `unknown field "${f}"`));
}

export function addWarnings(ctx: EndpointContext, messages: string[]): void {
  const prev = ctx.res.getHeader('Warning');
  const existing = Array.isArray(prev) ? prev : prev !== undefined ? [String(prev)] : [];
  ctx.res.setHeader('Warning', [...existing, ...messages.map((m) => `299 - ${JSON.stringify(m)}`)]);
}
