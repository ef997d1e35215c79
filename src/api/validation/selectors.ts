/** metav1.LabelSelector validation and matching (apimachinery/pkg/apis/meta/v1/validation). */
import {
  isValidLabelValue,
  SelectorError,
  type Selector,
  selectorFromLabelSelector,
  validateLabels,
  validateQualifiedName,
} from '../../machinery/index.js';
import { type Errs, arr, child, forbidden, index, invalid, invalids, isRecord, rec, required, str } from './helpers.js';

export interface SelectorRules {
  /** Tolerate bad values in matchExpressions (only for objects already stored that way). */
  allowInvalidLabelValue?: boolean;
}

/** ValidateLabelSelector. An absent selector is valid here; callers that require one check that themselves. */
export function validateLabelSelector(selector: unknown, path: string, rules: SelectorRules = {}): Errs {
  if (!isRecord(selector)) return [];
  const errs: Errs = [...validateLabels(selector.matchLabels, child(path, 'matchLabels'))];
  arr(selector.matchExpressions).forEach((raw, i) => {
    const expr = rec(raw);
    const p = index(child(path, 'matchExpressions'), i);
    const values = arr(expr.values);
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(child(p, 'operator'), str(expr.operator), 'not a valid selector operator'));
    }
    errs.push(...validateQualifiedName(str(expr.key), child(p, 'key')));
    if (!rules.allowInvalidLabelValue) {
      values.forEach((v, j) => errs.push(...invalids(index(child(p, 'values'), j), str(v), isValidLabelValue(str(v)))));
    }
  });
  return errs;
}

/** True when the selector has neither matchLabels nor matchExpressions (`len(MatchLabels)+len(MatchExpressions) == 0`). */
export function isEmptySelector(selector: unknown): boolean {
  const s = rec(selector);
  return Object.keys(rec(s.matchLabels)).length + arr(s.matchExpressions).length === 0;
}

/** metav1.LabelSelectorAsSelector, or undefined where Kubernetes would return an error. */
export function asSelector(selector: unknown): Selector | undefined {
  try {
    return selectorFromLabelSelector(isRecord(selector) ? (selector as Parameters<typeof selectorFromLabelSelector>[0]) : undefined);
  } catch (err) {
    if (err instanceof SelectorError) return undefined;
    throw err;
  }
}
