/**
 * The OpenAPI 3.0 schema objects skiff serves, with the Kubernetes vendor extensions kube-apiserver puts on its
 * built-in definitions. Definitions are keyed by their Kubernetes name (`io.k8s.api.apps.v1.Deployment`) and refer to
 * each other with `#/components/schemas/<name>`.
 */
import type { GroupVersionKind } from '../meta.js';

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
export type ListType = 'atomic' | 'set' | 'map';
export type MapType = 'atomic' | 'granular';

export interface SchemaObject {
  description?: string;
  type?: SchemaType;
  format?: string;
  $ref?: string;
  items?: SchemaObject;
  additionalProperties?: SchemaObject | boolean;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  enum?: (string | number | boolean)[];
  default?: string | number | boolean;
  oneOf?: SchemaObject[];
  allOf?: SchemaObject[];
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-list-type'?: ListType;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: MapType;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

/** Definition name → schema. Treat as immutable: documents share the schema objects. */
export type DefinitionTable = Readonly<Record<string, SchemaObject>>;

/** The `$ref` prefix of OpenAPI v3 component schemas. */
export const SCHEMA_REF_PREFIX = '#/components/schemas/';

export function schemaRef(definitionName: string): string {
  return SCHEMA_REF_PREFIX + definitionName;
}

/**
 * A property referring to a definition, with its own description and extensions. Like kube-apiserver, the reference
 * is wrapped in a one-element `allOf` when it has siblings (OpenAPI 3.0 ignores siblings of `$ref`, and kubectl
 * explain prints the property's own description only in this form).
 */
export function refProperty(definitionName: string, siblings: Omit<SchemaObject, '$ref' | 'allOf'> = {}): SchemaObject {
  const ref = { $ref: schemaRef(definitionName) };
  return Object.keys(siblings).length ? { allOf: [ref], ...siblings } : ref;
}

/** The definition name a `$ref` points at, or undefined for a ref outside `#/components/schemas/`. */
export function refName(ref: string): string | undefined {
  return ref.startsWith(SCHEMA_REF_PREFIX) ? ref.slice(SCHEMA_REF_PREFIX.length) : undefined;
}

/** Kubernetes' definition name prefix for each short package name used by the compact tables. */
export const PACKAGE_PREFIXES: Readonly<Record<string, string>> = {
  meta: 'io.k8s.apimachinery.pkg.apis.meta.v1',
  runtime: 'io.k8s.apimachinery.pkg.runtime',
  resource: 'io.k8s.apimachinery.pkg.api.resource',
  intstr: 'io.k8s.apimachinery.pkg.util.intstr',
  core: 'io.k8s.api.core.v1',
  apps: 'io.k8s.api.apps.v1',
  autoscaling: 'io.k8s.api.autoscaling.v1',
  policy: 'io.k8s.api.policy.v1',
  authentication: 'io.k8s.api.authentication.v1',
  authorization: 'io.k8s.api.authorization.v1',
  discovery: 'io.k8s.api.discovery.v1',
  coordination: 'io.k8s.api.coordination.v1',
  events: 'io.k8s.api.events.v1',
  rbac: 'io.k8s.api.rbac.v1',
  admissionregistration: 'io.k8s.api.admissionregistration.v1',
};

/** `core.Pod` → `io.k8s.api.core.v1.Pod`. Throws OpenApiError for an unknown package. */
export function qualifiedName(shortName: string): string {
  const dot = shortName.indexOf('.');
  const prefix = dot > 0 ? PACKAGE_PREFIXES[shortName.slice(0, dot)] : undefined;
  if (!prefix) throw new OpenApiError('InvalidDefinition', `unknown package in definition name ${JSON.stringify(shortName)}`);
  return `${prefix}.${shortName.slice(dot + 1)}`;
}

export type OpenApiErrorReason = 'InvalidDefinition' | 'UnknownPath' | 'DanglingReference';

/** A broken definition table or a request for a document skiff does not serve. */
export class OpenApiError extends Error {
  override readonly name = 'OpenApiError';
  constructor(
    readonly reason: OpenApiErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export function isOpenApiError(err: unknown): err is OpenApiError {
  return err instanceof OpenApiError;
}

/** Freezes `value` and everything reachable from it; already-frozen parts are not walked again. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
