/** Query parameters shared by writes: dryRun, fieldManager, fieldValidation. */
import { badRequest } from '../../machinery/index.js';
import type { WriteOptions } from '../registry/context.js';
import type { EndpointContext } from './context.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function writeOptions(ctx: EndpointContext): WriteOptions {
  const dryRun = ctx.query.getAll('dryRun');
  for (const d of dryRun) if (d !== 'All') throw badRequest(`dryRun: Unsupported value: "${d}": supported values: "All"`);
  const fm = ctx.query.get('fieldManager');
  if (fm !== null && (fm.length > 128 || !/^[\x20-\x7e]*$/.test(fm))) {
    throw badRequest('fieldManager: Invalid value: must be at most 128 printable characters');
  }
  const ua = ctx.req.headers['user-agent'] ?? '';
  const manager = fm ?? (ua.split('/')[0] || 'unknown');
  return {
    ...(ctx.user ? { user: ctx.user } : {}),
    dryRun: dryRun.length > 0,
    fieldManager: manager,
    subresource: ctx.ri.subresource,
    warnings: ctx.warnings,
  };
}

export function fieldValidation(ctx: EndpointContext): FieldValidation {
  const v = ctx.query.get('fieldValidation') ?? 'Warn';
  if (v !== 'Strict' && v !== 'Warn' && v !== 'Ignore') {
    throw badRequest(`fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
  }
  return v;
}
