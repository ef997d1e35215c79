/**
 * Helpers every admission plugin in this folder shares: Kubernetes' `admission.NewForbidden` wording and the warnings
 * channel back to the caller.
 */
import { type ApiError, forbidden } from '../../machinery/index.js';
import type { AdmissionAttributes } from '../registry/context.js';
import type { AdmissionPlugin } from './chain.js';

/**
 * AdmissionAttributes with the optional warnings list plugins push onto. The lead's handler creates `warnings: []` on
 * the attributes it hands to the chain and sends each entry as a `Warning: 299 - "<text>"` header. Plugins never
 * replace the array; when it is absent they create it, so a caller that reads it after the chain sees every warning.
 */
export interface AdmissionAttributesWithWarnings extends AdmissionAttributes {
  warnings?: string[];
}

/** Appends a warning for the client (see AdmissionAttributesWithWarnings). */
export function addWarning(attrs: AdmissionAttributes, warning: string): void {
  const a = attrs as AdmissionAttributesWithWarnings;
  (a.warnings ??= []).push(warning);
}

/**
 * admission.NewForbidden: `<resource> "<name>" is forbidden: <why>`, 403. The name is the object's name, else its
 * generateName (names are not generated yet during mutation), else the request's name, else `Unknown`.
 */
export function admissionForbidden(attrs: AdmissionAttributes, why: string): ApiError {
  const meta = attrs.object?.metadata;
  const name = meta?.name || meta?.generateName || attrs.name || 'Unknown';
  return forbidden({ group: attrs.group, resource: attrs.resource }, name, why);
}

/** True for the main resource (not a subresource) of `resource` in the core group. */
export function isCoreResource(attrs: AdmissionAttributes, resource: string): boolean {
  return attrs.group === '' && attrs.resource === resource && attrs.subresource === '';
}

/** A plugin whose mutate phase always returns a promise (what the mutating plugins in this folder return). */
export interface AsyncMutator extends AdmissionPlugin {
  mutate(attrs: AdmissionAttributes): Promise<void>;
}

/** A plugin whose validate phase always returns a promise. */
export interface AsyncValidator extends AdmissionPlugin {
  validate(attrs: AdmissionAttributes): Promise<void>;
}

/** A plugin with both phases, each always returning a promise. */
export interface AsyncMutatorValidator extends AdmissionPlugin {
  mutate(attrs: AdmissionAttributes): Promise<void>;
  validate(attrs: AdmissionAttributes): Promise<void>;
}
