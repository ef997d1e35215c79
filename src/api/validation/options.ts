/** Request-option validation that has nothing to do with a kind: metav1.DeleteOptions. */
import type { FieldError } from '../../machinery/index.js';
import { arr, invalid, isRecord, notSupported, str, asGo } from './helpers.js';

/** ValidateDeleteOptions: propagationPolicy and orphanDependents are exclusive; dryRun only `All`. */
export function validateDeleteOptions(options: unknown): FieldError[] {
  if (!isRecord(options)) return [];
  const errs: FieldError[] = [];
  const policy = options.propagationPolicy;
  const hasPolicy = policy !== undefined && policy !== null;
  if (options.orphanDependents !== undefined && options.orphanDependents !== null && hasPolicy) {
    errs.push(invalid('propagationPolicy', policy, 'orphanDependents and deletionPropagation cannot be both set'));
  }
  if (hasPolicy && !['Foreground', 'Background', 'Orphan'].includes(str(policy))) {
    errs.push(notSupported('propagationPolicy', policy, ['Foreground', 'Background', 'Orphan', 'nil']));
  }
  const dryRun = arr(options.dryRun);
  if (dryRun.some((d) => d !== 'All')) errs.push(invalid('dryRun', asGo(dryRun, 'stringSlice'), 'supported values: "All"'));
  return errs;
}
