/**
 * OpenAPI document shapes and the building blocks of operations: parameters, request bodies and responses as
 * kube-apiserver declares them (parameters are written inline; kubectl reads `parameters[].name` of the patch
 * operation directly and does not follow `$ref`s there).
 */
import type { GroupVersionKind } from '../meta.js';
import { schemaRef, type SchemaObject } from './schema.js';

export interface ParameterObject {
  name: string;
  in: 'query' | 'path';
  description?: string;
  required?: boolean;
  schema: { type: 'string' | 'boolean' | 'integer'; uniqueItems: true };
}

export interface MediaTypeObject {
  schema: SchemaObject;
}

export interface ResponseObject {
  description: string;
  content?: Record<string, MediaTypeObject>;
}

export interface RequestBodyObject {
  content: Record<string, MediaTypeObject>;
  required?: boolean;
}

/** `x-kubernetes-action` values of kube-apiserver operations. */
export type KubernetesAction =
  | 'get'
  | 'list'
  | 'put'
  | 'patch'
  | 'post'
  | 'delete'
  | 'deletecollection'
  | 'watch'
  | 'watchlist'
  | 'connect';

export interface OperationObject {
  tags: string[];
  description: string;
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject>;
  /** Absent on the discovery operations (`/api/`, `/apis/`, `/apis/<group>/`, `/apis/<group>/<version>/`). */
  'x-kubernetes-action'?: KubernetesAction;
  'x-kubernetes-group-version-kind'?: GroupVersionKind;
}

export interface PathItemObject {
  get?: OperationObject;
  put?: OperationObject;
  post?: OperationObject;
  patch?: OperationObject;
  delete?: OperationObject;
  parameters?: ParameterObject[];
}

export interface OpenApiDocument {
  openapi: '3.0.0';
  info: { title: string; version: string };
  paths: Record<string, PathItemObject>;
  components: { schemas: Record<string, SchemaObject> };
}

type ParamType = ParameterObject['schema']['type'];

function query(name: string, type: ParamType, description: string): ParameterObject {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } };
}

export function pathParameter(name: string, description: string): ParameterObject {
  return { name, in: 'path', description, required: true, schema: { type: 'string', uniqueItems: true } };
}

export const NAMESPACE_PARAM = pathParameter('namespace', 'Namespace of the object: its scope for names and authorization.');
export const PRETTY = query('pretty', 'string', "If 'true', the output is pretty printed.");

const DRY_RUN = query(
  'dryRun',
  'string',
  'When present, the request runs through every stage but nothing is persisted. The only valid value is All.',
);
const FIELD_MANAGER = query(
  'fieldManager',
  'string',
  'Name of the actor making the change, recorded in managedFields; at most 128 printable characters. Required for apply patches.',
);
const FIELD_VALIDATION = query(
  'fieldValidation',
  'string',
  'How the server treats unknown or duplicate fields in the request body: Ignore drops them silently, Warn drops them and returns a warning for each (the default), Strict fails the request listing every such field.',
);
const FORCE = query(
  'force',
  'boolean',
  'For apply patches only: take ownership of fields that conflict with other managers instead of failing; must be unset for other patch types.',
);
const GRACE_PERIOD = query('gracePeriodSeconds', 'integer', 'Seconds before the object is deleted; 0 deletes at once, unset uses the default of the kind.');
const IGNORE_STORE_READ_ERROR = query(
  'ignoreStoreReadErrorWithClusterBreakingPotential',
  'boolean',
  'If true, deletes an object that cannot be read from storage (for example corrupt data), skipping the usual checks; may break the cluster.',
);
const ORPHAN = query('orphanDependents', 'boolean', 'Deprecated, use propagationPolicy: whether dependents are orphaned instead of deleted.');
const PROPAGATION = query(
  'propagationPolicy',
  'string',
  'How dependents are garbage collected: Orphan, Background or Foreground. Defaults to the finalizers on the object and then the default of the kind.',
);

const ALLOW_BOOKMARKS = query('allowWatchBookmarks', 'boolean', 'Ask for BOOKMARK events in a watch; servers may send them at their discretion.');
const CONTINUE = query('continue', 'string', 'Continue token of a previous paginated list response, to fetch the next page.');
const FIELD_SELECTOR = query('fieldSelector', 'string', 'Restrict the objects returned by their fields; defaults to everything.');
const LABEL_SELECTOR = query('labelSelector', 'string', 'Restrict the objects returned by their labels; defaults to everything.');
const LIMIT = query('limit', 'integer', 'Maximum number of objects to return; when more exist the response carries a continue token.');
const RESOURCE_VERSION = query(
  'resourceVersion',
  'string',
  'Constrains which resource versions the request may be served from; for watches, the version to start after.',
);
const RESOURCE_VERSION_MATCH = query('resourceVersionMatch', 'string', 'How resourceVersion applies to a list: NotOlderThan or Exact.');
const SEND_INITIAL_EVENTS = query(
  'sendInitialEvents',
  'boolean',
  'For watches: start with synthetic ADDED events for the current state, then a bookmark marking their end.',
);
const TIMEOUT_SECONDS = query('timeoutSeconds', 'integer', 'Time limit of the list or watch call, regardless of activity.');
const WATCH = query('watch', 'boolean', 'Stream add, update and delete notifications instead of returning a list.');

/** Parameters of list and watch calls, in name order. */
export const LIST_PARAMS: readonly ParameterObject[] = [
  ALLOW_BOOKMARKS,
  CONTINUE,
  FIELD_SELECTOR,
  LABEL_SELECTOR,
  LIMIT,
  RESOURCE_VERSION,
  RESOURCE_VERSION_MATCH,
  SEND_INITIAL_EVENTS,
  TIMEOUT_SECONDS,
  WATCH,
];
export const WRITE_PARAMS: readonly ParameterObject[] = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
export const PATCH_PARAMS: readonly ParameterObject[] = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE];
export const DELETE_PARAMS: readonly ParameterObject[] = [DRY_RUN, GRACE_PERIOD, IGNORE_STORE_READ_ERROR, ORPHAN, PROPAGATION];
export const DELETE_COLLECTION_PARAMS: readonly ParameterObject[] = [
  CONTINUE,
  DRY_RUN,
  FIELD_SELECTOR,
  GRACE_PERIOD,
  IGNORE_STORE_READ_ERROR,
  LABEL_SELECTOR,
  LIMIT,
  ORPHAN,
  PROPAGATION,
  RESOURCE_VERSION,
  RESOURCE_VERSION_MATCH,
  SEND_INITIAL_EVENTS,
  TIMEOUT_SECONDS,
];

export const LOG_PARAMS: readonly ParameterObject[] = [
  query('container', 'string', 'Container to stream logs of; may be omitted when the pod has one container.'),
  query('follow', 'boolean', 'Keep streaming the log as it grows.'),
  query('insecureSkipTLSVerifyBackend', 'boolean', "Skip verifying the kubelet's serving certificate when fetching the log."),
  query('limitBytes', 'integer', 'Stop after this many bytes of log output.'),
  query('previous', 'boolean', 'Return the log of the previous, terminated container instance.'),
  query('sinceSeconds', 'integer', 'Only return log lines newer than this many seconds.'),
  query('stream', 'string', 'Which stream to return: All (default), Stdout or Stderr.'),
  query('tailLines', 'integer', 'Number of lines from the end of the log to show.'),
  query('timestamps', 'boolean', 'Prefix every line with an RFC 3339 timestamp.'),
];

export const EXEC_PARAMS: readonly ParameterObject[] = [
  query('command', 'string', 'Command to run, one argument per command parameter.'),
  query('container', 'string', 'Container to run the command in; may be omitted when the pod has one container.'),
  query('stderr', 'boolean', 'Redirect the standard error stream of the command.'),
  query('stdin', 'boolean', 'Redirect the standard input stream of the command.'),
  query('stdout', 'boolean', 'Redirect the standard output stream of the command.'),
  query('tty', 'boolean', 'Allocate a terminal for the command.'),
];

export const PORT_FORWARD_PARAMS: readonly ParameterObject[] = [query('ports', 'integer', 'Ports of the pod to forward to.')];

/** The content types kube-apiserver answers objects in. */
const OBJECT_CONTENT_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
/** List and watch calls can also stream. */
const STREAM_CONTENT_TYPES = [...OBJECT_CONTENT_TYPES, 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];
/** The patch formats every built-in resource accepts. */
export const PATCH_CONTENT_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

function content(types: readonly string[], schema: SchemaObject): Record<string, MediaTypeObject> {
  return Object.fromEntries(types.map((t) => [t, { schema }]));
}

export const UNAUTHORIZED: ResponseObject = { description: 'Unauthorized' };

/** Responses keyed by status code (`200: 'OK'`, ...), all carrying `definition` in the object content types. */
export function responses(definition: string, codes: Readonly<Record<string, string>>, stream = false): Record<string, ResponseObject> {
  const body = content(stream ? STREAM_CONTENT_TYPES : OBJECT_CONTENT_TYPES, { $ref: schemaRef(definition) });
  const out: Record<string, ResponseObject> = {};
  for (const [code, description] of Object.entries(codes)) out[code] = { description, content: body };
  out['401'] = UNAUTHORIZED;
  return out;
}

/** Responses of operations that answer raw text (logs) or switch protocols (exec, port-forward). */
export function textResponses(types: readonly string[]): Record<string, ResponseObject> {
  return { '200': { description: 'OK', content: content(types, { type: 'string' }) }, '401': UNAUTHORIZED };
}

export function bodyOf(definition: string): RequestBodyObject {
  return { content: { '*/*': { schema: { $ref: schemaRef(definition) } } }, required: true };
}

export function patchBody(): RequestBodyObject {
  return { content: content(PATCH_CONTENT_TYPES, { $ref: schemaRef('io.k8s.apimachinery.pkg.apis.meta.v1.Patch') }), required: true };
}

export function deleteOptionsBody(): RequestBodyObject {
  return { content: { '*/*': { schema: { $ref: schemaRef('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions') } } } };
}
