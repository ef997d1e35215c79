/**
 * Rule comparison for escalation checks: Kubernetes' Covers / BreakdownRule (component-helpers/auth/rbac/validation),
 * CompactRules and CompactString (pkg/registry/rbac/validation, pkg/apis/rbac/v1). Pure.
 *
 * Guarantee: `covers(owner, servant).covered` is true exactly when every (group, resource, verb, resourceName) and
 * every (nonResourceURL, verb) tuple of `servant` is covered by a single owner rule; `uncovered` lists the atomic
 * tuples that are not, in servant order.
 */
import type { PolicyRule } from '../../api/index.js';
import { ALL, list, trimStars } from './rule-match.js';

/** Splits a rule into rules of one verb and one resource (and one name), or one verb and one URL. */
export function breakdownRule(rule: Readonly<PolicyRule>): PolicyRule[] {
  const out: PolicyRule[] = [];
  const names = list(rule.resourceNames);
  for (const group of list(rule.apiGroups)) {
    for (const resource of list(rule.resources)) {
      for (const verb of list(rule.verbs)) {
        if (names.length > 0) {
          for (const n of names) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [n] });
        } else {
          out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        }
      }
    }
  }
  for (const url of list(rule.nonResourceURLs)) {
    for (const verb of list(rule.verbs)) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

const hasAll = (set: readonly string[], wanted: readonly string[]): boolean => wanted.every((w) => set.includes(w));

function resourceCoversAll(owned: readonly string[], wanted: readonly string[]): boolean {
  if (owned.includes(ALL) || hasAll(owned, wanted)) return true;
  for (const path of wanted) {
    if (owned.includes(path)) continue;
    const slash = path.indexOf('/');
    if (slash < 0) return false;
    if (!owned.includes(`*/${path.slice(slash + 1)}`)) return false;
  }
  return true;
}

/** Whether an owner's nonResourceURL covers a requested one (`/api/*` covers `/api/v1`, not `/api`). */
export function nonResourceURLCovers(owner: string, path: string): boolean {
  if (owner === path) return true;
  return owner.endsWith('*') && path.startsWith(trimStars(owner));
}

function ruleCovers(owner: Readonly<PolicyRule>, sub: Readonly<PolicyRule>): boolean {
  const ownerVerbs = list(owner.verbs);
  const ownerGroups = list(owner.apiGroups);
  const ownerNames = list(owner.resourceNames);
  const subNames = list(sub.resourceNames);
  const verbs = ownerVerbs.includes(ALL) || hasAll(ownerVerbs, list(sub.verbs));
  const groups = ownerGroups.includes(ALL) || hasAll(ownerGroups, list(sub.apiGroups));
  const resources = resourceCoversAll(list(owner.resources), list(sub.resources));
  const urls = list(sub.nonResourceURLs).every((p) => list(owner.nonResourceURLs).some((o) => nonResourceURLCovers(o, p)));
  const names = subNames.length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, subNames);
  return verbs && groups && resources && names && urls;
}

export function covers(ownerRules: readonly Readonly<PolicyRule>[], servantRules: readonly Readonly<PolicyRule>[]): { covered: boolean; uncovered: PolicyRule[] } {
  const uncovered: PolicyRule[] = [];
  for (const servant of servantRules) {
    for (const sub of breakdownRule(servant)) {
      if (!ownerRules.some((o) => ruleCovers(o, sub))) uncovered.push(sub);
    }
  }
  return { covered: uncovered.length === 0, uncovered };
}

/**
 * Merges rules with exactly one group and one resource and nothing but verbs (what `covers` leaves over) into one rule
 * per group/resource, verbs in order of appearance; other rules pass through unchanged, before the merged ones.
 */
export function compactRules(rules: readonly Readonly<PolicyRule>[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const groups = list(r.apiGroups);
    const resources = list(r.resources);
    const isSimple = list(r.resourceNames).length === 0 && list(r.nonResourceURLs).length === 0 && groups.length === 1 && resources.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([groups[0], resources[0]]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...list(r.verbs)];
    else simple.set(key, { apiGroups: [...groups], resources: [...resources], verbs: [...list(r.verbs)] });
  }
  return [...out, ...simple.values()];
}

/** Go's strconv.Quote (what `%q` prints) for the strings RBAC rules hold. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1').replace(/\u007f/g, '\\x7f');
}

/** Go's `%q` of a []string: `["a" "b"]`. */
export function goQuoteList(xs: readonly string[]): string {
  return `[${xs.map(goQuote).join(' ')}]`;
}

/** CompactString: `{APIGroups:[""], Resources:["pods"], Verbs:["get"]}`, empty fields left out. */
export function compactString(r: Readonly<PolicyRule>): string {
  const parts: string[] = [];
  const add = (label: string, v: unknown) => {
    const xs = list(v);
    if (xs.length > 0) parts.push(`${label}:${goQuoteList(xs)}`);
  };
  add('APIGroups', r.apiGroups);
  add('Resources', r.resources);
  add('NonResourceURLs', r.nonResourceURLs);
  add('ResourceNames', r.resourceNames);
  add('Verbs', r.verbs);
  return `{${parts.join(', ')}}`;
}
