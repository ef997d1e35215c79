/** Compute-resource names and quantities (core validation: validateContainerResourceName, validateResourceRequirements). */
import { isQualifiedName, type Quantity, QuantityParseError, parseQuantity } from '../../machinery/index.js';
import { type Errs, child, forbidden, invalid, invalids, isRecord, key, required } from './helpers.js';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'persistentvolumeclaims',
  'configmaps',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);
const INTEGER_RESOURCES = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

export const isHugePageResourceName = (name: string): boolean => name.startsWith('hugepages-');
const isStandardResourceName = (name: string): boolean => STANDARD_RESOURCES.has(name) || isHugePageResourceName(name);
/** Native: unprefixed, or prefixed with a kubernetes.io domain. */
export const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
/** Extended resources (`example.com/gpu`) are integers and cannot be overcommitted. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}
/** Requests may be below limits only for native, non-hugepage resources. */
export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePageResourceName(name);
const isIntegerResourceName = (name: string): boolean => INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);

/** validateResourceName. */
export function validateResourceName(name: string, path: string): Errs {
  const errs = invalids(path, name, isQualifiedName(name));
  if (errs.length) return errs;
  if (!name.includes('/') && !isStandardResourceName(name)) errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  return errs;
}

/** validateContainerResourceName. */
export function validateContainerResourceName(name: string, path: string): Errs {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePageResourceName(name)) {
      errs.push(invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** Parses a quantity field; a malformed one is reported at `path` with Kubernetes' parse message. */
export function quantityAt(value: unknown, path: string, errs: Errs): Quantity | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') {
    errs.push(invalid(path, value, 'must be a quantity'));
    return undefined;
  }
  try {
    return parseQuantity(value);
  } catch (err) {
    if (!(err instanceof QuantityParseError)) throw err;
    errs.push(invalid(path, value, err.message));
    return undefined;
  }
}

/** ValidateResourceQuantityValue: not negative; a whole number for integer resources. */
export function validateResourceQuantityValue(name: string, q: Quantity, path: string): Errs {
  const errs: Errs = [];
  if (q.sign() < 0) errs.push(invalid(path, q.toString(), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(name) && q.scaledValue(-3) % 1000n !== 0n) errs.push(invalid(path, q.toString(), 'must be an integer'));
  return errs;
}

/** validateResourceRequirements for a container: names, values, requests ≤ limits, limits for non-overcommittable. */
export function validateResourceRequirements(requirements: unknown, path: string): Errs {
  if (!isRecord(requirements)) return [];
  const errs: Errs = [];
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = new Map<string, Quantity>();
  let limCpuMem = false;
  let reqCpuMem = false;
  let hugePages = false;
  for (const [name, raw] of Object.entries(isRecord(requirements.limits) ? requirements.limits : {})) {
    const p = key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityAt(raw, p, errs);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, p));
    limits.set(name, q);
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, raw] of Object.entries(isRecord(requirements.requests) ? requirements.requests : {})) {
    const p = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityAt(raw, p, errs);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, p));
    const limit = limits.get(name);
    if (limit) {
      if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (q.cmp(limit) > 0) {
        errs.push(invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}
