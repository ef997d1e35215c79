/** What every resource endpoint handler receives. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceInfo } from '../../api/index.js';
import type { Clock } from '../../machinery/index.js';
import type { ResourceRequestInfo } from '../http/request-info.js';
import type { UserInfo } from '../registry/context.js';
import type { GenericRegistry } from '../registry/generic.js';
import type { FieldManagerHooks } from '../registry/field-manager.js';
import type { UnknownFieldFinder } from './unknown-fields.js';

export interface ServedResource {
  info: ResourceInfo;
  registry: GenericRegistry;
}

export interface EndpointDeps {
  clock: Clock;
  /** Looks up another served resource (e.g. namespaces for lifecycle checks). */
  resource(group: string, resource: string): ServedResource | undefined;
  fieldManager: FieldManagerHooks;
  maxBodyBytes: number;
  /** Longest watch when the client gives no timeoutSeconds (Kubernetes: 30–60 min). */
  defaultWatchSeconds(): number;
  /** Handlers for subresources served outside the registry (pods/log, pods/exec), by `resource/subresource`. */
  connect?: Partial<Record<string, ConnectHandler>>;
  /** Finds unknown fields for fieldValidation (absent: unknown fields are not checked). */
  schema?: UnknownFieldFinder;
  onWatchStart?(resource: string): void;
  onWatchEnd?(resource: string): void;
}

export type ConnectHandler = (ctx: EndpointContext) => Promise<void>;

export interface EndpointContext {
  req: IncomingMessage;
  res: ServerResponse;
  ri: ResourceRequestInfo;
  query: URLSearchParams;
  user: UserInfo | undefined;
  target: ServedResource;
  deps: EndpointDeps;
  /** Warnings for the client (admission, unknown fields): sent as `Warning: 299 - "..."` headers. */
  warnings: string[];
}
