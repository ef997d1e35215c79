/**
 * Does one PolicyRule allow one request? Kubernetes' RuleAllows (plugin/pkg/auth/authorizer/rbac) and the matchers of
 * pkg/apis/rbac/v1/evaluation_helpers.go, with the same wildcard semantics:
 * - verbs, apiGroups, resources: `*` matches anything; otherwise exact, case-sensitive equality;
 * - resources: a request for `pods/log` matches `pods/log` or the any-resource form (`*`, then `/log`), never `pods`;
 * - resourceNames: an empty list matches any name (including none), otherwise the request's name must be listed;
 * - nonResourceURLs: `*` matches any path; `/apis/*` matches every path starting with `/apis/` (not `/apis`).
 * Pure functions; rules read from storage may be malformed, so non-array fields count as empty.
 */
import type { PolicyRule } from '../../api/index.js';
import type { AuthorizationAttributes } from '../endpoints/reviews.js';

export const ALL = '*';

/** A rule's string list, tolerating absent or malformed fields. */
export function list(v: unknown): readonly string[] {
  if (!Array.isArray(v)) return EMPTY;
  for (const x of v) if (typeof x !== 'string') return (v as unknown[]).filter((y): y is string => typeof y === 'string');
  return v as string[];
}

const EMPTY: readonly string[] = Object.freeze([]);

export function verbMatches(rule: Readonly<PolicyRule>, verb: string): boolean {
  for (const v of list(rule.verbs)) if (v === ALL || v === verb) return true;
  return false;
}

export function apiGroupMatches(rule: Readonly<PolicyRule>, group: string): boolean {
  for (const g of list(rule.apiGroups)) if (g === ALL || g === group) return true;
  return false;
}

/** `combined` is `resource` or `resource/subresource`; `subresource` is the bare subresource ('' for none). */
export function resourceMatches(rule: Readonly<PolicyRule>, combined: string, subresource: string): boolean {
  for (const r of list(rule.resources)) {
    if (r === ALL || r === combined) return true;
    if (subresource && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

export function resourceNameMatches(rule: Readonly<PolicyRule>, name: string): boolean {
  const names = list(rule.resourceNames);
  return names.length === 0 || names.includes(name);
}

/** Go's strings.TrimRight(s, "*"). */
export function trimStars(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '*') end--;
  return s.slice(0, end);
}

export function nonResourceURLMatches(rule: Readonly<PolicyRule>, path: string): boolean {
  for (const u of list(rule.nonResourceURLs)) {
    if (u === ALL || u === path) return true;
    if (u.endsWith('*') && path.startsWith(trimStars(u))) return true;
  }
  return false;
}

export type RequestFacts = Pick<AuthorizationAttributes, 'verb' | 'group' | 'resource' | 'subresource' | 'name' | 'path' | 'isResourceRequest'>;

export function ruleAllows(attrs: RequestFacts, rule: Readonly<PolicyRule>): boolean {
  if (!verbMatches(rule, attrs.verb)) return false;
  if (!attrs.isResourceRequest) return nonResourceURLMatches(rule, attrs.path);
  const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  return apiGroupMatches(rule, attrs.group) && resourceMatches(rule, combined, attrs.subresource) && resourceNameMatches(rule, attrs.name);
}

export function rulesAllow(attrs: RequestFacts, rules: readonly Readonly<PolicyRule>[]): boolean {
  return rules.some((r) => ruleAllows(attrs, r));
}
