/**
 * The API server: an HTTP handler that serves Kubernetes' REST API from a Store. Filters run in Kubernetes' order —
 * panic recovery → request info → max in-flight → authentication → authorization → timeout — then the route:
 * discovery, openapi, health, metrics, or a resource endpoint (where admission runs inside the registry).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceInfo, ResourceRegistry } from '../api/index.js';
import { type Clock, ApiError, notAcceptable } from '../machinery/index.js';
import type { Store } from '../store/index.js';
import { AGGREGATED_CT, aggregatedDiscovery, apiGroupDoc, apiGroupList, apiResourceList, apiVersions } from './discovery/discovery.js';
import type { ConnectHandler, EndpointDeps, ServedResource } from './endpoints/context.js';
import { dispatchResource } from './endpoints/dispatch.js';
import { handlePodLog } from './endpoints/pod-log.js';
import { type Authorizer, alwaysAllow, handleReview } from './endpoints/reviews.js';
import type { UnknownFieldFinder } from './endpoints/unknown-fields.js';
import { negotiateDiscovery } from './http/negotiate.js';
import { authorizerAttributes } from './http/authorizer-attributes.js';
import { InFlightLimiter } from './http/inflight.js';
import { parseRequestInfo, type RequestInfo, type ResourceRequestInfo } from './http/request-info.js';
import { forbiddenError } from './rbac/index.js';
import type { AuditEntry } from './audit/index.js';

/** Where requests are audited (audit.AuditLogger implements it). */
export interface AuditLog {
  log(entry: AuditEntry): void;
}


const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
const UNSECURED: UserInfo = { username: 'system:unsecured', groups: ['system:masters', 'system:authenticated'] };
import { writeError, writeJson, writeRaw } from './http/respond.js';
import { isHealthPath, writeHealth } from './http/health.js';
import { DEFAULT_VERSION, REVIEW_RESOURCES } from './served.js';
import type { ApiMetrics } from './metrics.js';
import type { UserInfo } from './registry/context.js';
import { AdmissionChain, type AdmissionPlugin, namespaceLifecycle } from './admission/index.js';
import type { KubeObject } from '../api/index.js';
import type { FieldManagerHooks } from './registry/field-manager.js';
import { GenericRegistry } from './registry/generic.js';
import { IpAllocator, PortAllocator, strategyFor } from './registry/strategies/index.js';
import { objectOf } from './watchcache/types.js';
import { asServerResponse, LocalServerResponse, localIncomingMessage, type LocalRequest, type LocalResponse } from './http/local.js';

export interface Authenticator {
  /** The user a request comes from; null when it carries no credentials (anonymous); throws 401 when they are bad. */
  authenticate(req: IncomingMessage): Promise<UserInfo | null>;
}

export interface OpenApiProvider {
  /** `/openapi/v3` index. */
  index(): unknown;
  has(path: string): boolean;
  /** `/openapi/v3/<path>`: the serialized document and its content hash (what the index's `hash=` names). */
  get(path: string): { json: string; hash: string };
}

export interface OpenApiV2Provider {
  readonly etag: string;
  /** The document in the representation `accept` asks for, or undefined when none is acceptable. */
  negotiate(accept: string | undefined): { contentType: string; body: string | Uint8Array } | undefined;
}

export interface ApiServerDeps {
  store: Store;
  clock: Clock;
  resources: ResourceRegistry;
  newUid(): string;
  nameSuffix(): string;
  fieldManager: FieldManagerHooks;
  metrics: ApiMetrics;
  /** Admission plugins after the built-in NamespaceLifecycle, in order. */
  admissionPlugins?: readonly AdmissionPlugin[];
  authenticator?: Authenticator;
  authorizer?: Authorizer;
  openapi?: OpenApiProvider;
  /** `/openapi/v2` (Swagger 2.0; protobuf for kubectl ≤ 1.28's apply and explain). */
  openapiV2?: OpenApiV2Provider;
  schema?: UnknownFieldFinder;
  /** `/version` answer. */
  version?: Record<string, string>;
  serviceCIDR?: string;
  /** Events each resource's watch cache keeps for watches from the past (default 50,000). */
  watchCacheCapacity?: number;
  maxBodyBytes?: number;
  /** --max-requests-inflight / --max-mutating-requests-inflight (400 / 200); beyond them requests queue briefly. */
  maxInFlight?: number;
  maxMutatingInFlight?: number;
  /** Non-watch requests running longer than this get 504 (default 60 s). */
  requestTimeoutMs?: number;
  /** Extra readiness checks (`/readyz`), e.g. "every component synced". */
  readyChecks?: Record<string, () => boolean>;
  connect?: Partial<Record<string, ConnectHandler>>;
  random?: () => number;
}



export class ApiServer {
  readonly serviceIPs: IpAllocator;
  readonly nodePorts = new PortAllocator();
  private readonly served = new Map<string, ServedResource>();
  private readonly endpointDeps: EndpointDeps;
  private readonly admissionChain: AdmissionChain;
  private authenticator: Authenticator | undefined;
  private authorizer: Authorizer | undefined;
  private audit: AuditLog | undefined;
  private readonly readOnlySeats: InFlightLimiter;
  private readonly mutatingSeats: InFlightLimiter;
  private started = false;
  private serverAddress = '127.0.0.1:6443';

  constructor(readonly deps: ApiServerDeps) {
    this.readOnlySeats = new InFlightLimiter({ max: deps.maxInFlight ?? 400, clock: deps.clock });
    this.mutatingSeats = new InFlightLimiter({ max: deps.maxMutatingInFlight ?? 200, clock: deps.clock });
    this.serviceIPs = new IpAllocator(deps.serviceCIDR ?? '10.96.0.0/12');
    const sdeps = { serviceIPs: this.serviceIPs, nodePorts: this.nodePorts };
    const admission = new AdmissionChain([namespaceLifecycle({ getNamespace: (n) => this.getNamespace(n) }), ...(deps.admissionPlugins ?? [])]);
    this.admissionChain = admission;
    this.authenticator = deps.authenticator;
    this.authorizer = deps.authorizer;
    for (const info of deps.resources.all()) {
      if (REVIEW_RESOURCES.has(`${info.group}/${info.resource}`)) continue;
      if (info.verbs.length === 1 && info.verbs[0] === 'create') continue;
      const strategy = strategyFor(info, sdeps);
      const registry = new GenericRegistry({
        store: deps.store,
        strategy,
        clock: deps.clock,
        storageResource: storageResourceOf(info),
        newUid: deps.newUid,
        nameSuffix: deps.nameSuffix,
        fieldManager: deps.fieldManager,
        admission,
        ...(deps.watchCacheCapacity ? { cache: { capacity: deps.watchCacheCapacity } } : {}),
      });
      this.served.set(`${info.group}/${info.resource}`, { info, registry });
    }
    this.endpointDeps = {
      clock: deps.clock,
      resource: (g, r) => this.served.get(`${g}/${r}`),
      fieldManager: deps.fieldManager,
      maxBodyBytes: deps.maxBodyBytes ?? 3 * 1024 * 1024,
      defaultWatchSeconds: () => Math.floor(1800 * (1 + (deps.random ?? Math.random)())),
      connect: { 'pods/log': handlePodLog, ...(deps.connect ?? {}) },
      ...(deps.schema ? { schema: deps.schema } : {}),
      onWatchStart: (r) => deps.metrics.watchStarted(r),
      onWatchEnd: (r) => deps.metrics.watchEnded(r),
    };
  }

  /**
   * Installs authentication, authorization, more admission plugins (after the built-in NamespaceLifecycle) and the
   * audit log. Done after construction because these read the server's own watch caches.
   */
  configureSecurity(o: { authenticator?: Authenticator; authorizer?: Authorizer; admissionPlugins?: readonly AdmissionPlugin[]; audit?: AuditLog }): void {
    if (o.authenticator) this.authenticator = o.authenticator;
    if (o.authorizer) this.authorizer = o.authorizer;
    if (o.admissionPlugins) this.admissionChain.add(...o.admissionPlugins);
    if (o.audit) this.audit = o.audit;
  }

  /** Serves `resource/subresource` (e.g. `serviceaccounts/token`) with `handler`. */
  addConnectHandler(key: string, handler: ConnectHandler): void {
    this.endpointDeps.connect = { ...this.endpointDeps.connect, [key]: handler };
  }

  /** True when `group/resource` is stored by this server. */
  serves(group: string, resource: string): boolean {
    return this.served.has(`${group}/${resource}`);
  }

  /** The registry serving `group/resource` (used by bootstrap and tests). */
  registry(group: string, resource: string): GenericRegistry {
    const s = this.served.get(`${group}/${resource}`);
    if (!s) throw new Error(`resource ${resource}.${group} is not served`);
    return s.registry;
  }

  /** A namespace from the watch cache, or from the store when the cache has not seen it yet. */
  async getNamespace(name: string): Promise<KubeObject | null> {
    const reg = this.registry('', 'namespaces');
    const cached = reg.cacher.get(reg.key('', name));
    if (cached) return cached.obj as KubeObject;
    return reg.tryGet('', name);
  }

  /** Loads allocations from the store and waits for every watch cache. Call once before serving. */
  async start(opts: { serverAddress?: string } = {}): Promise<void> {
    if (opts.serverAddress) this.serverAddress = opts.serverAddress;
    const services = this.registry('', 'services');
    const listed = await services.list('', { pred: { namespace: '' }, resourceVersion: '' });
    for (const item of listed.items) {
      const o = objectOf(item);
      const spec = (o.spec ?? {}) as { clusterIPs?: string[]; clusterIP?: string; ports?: { nodePort?: number }[] };
      for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) {
        if (ip && ip !== 'None' && this.serviceIPs.contains(ip)) this.serviceIPs.reserve(ip);
      }
      for (const p of spec.ports ?? []) if (p.nodePort) this.nodePorts.reserve(p.nodePort);
    }
    await Promise.all([...this.served.values()].map((s) => s.registry.cacher.ready()));
    this.started = true;
  }

  stop(): void {
    for (const s of this.served.values()) s.registry.stop();
  }

  /** The Node request handler. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    void this.serve(req, res, 'authenticate');
  };

  /**
   * Serves a request from a client in this process as `user` (already authenticated, like kube-apiserver's loopback
   * client): authorization, admission, storage, audit and metrics run exactly as for a request from the network.
   */
  serveLocal(request: LocalRequest, user: UserInfo): Promise<LocalResponse> {
    const res = new LocalServerResponse({ ...(request.signal ? { signal: request.signal } : {}), objectEvents: request.objectEvents ?? false, objectBody: request.objectBody ?? false });
    void this.serve(localIncomingMessage(request), asServerResponse(res), user);
    return res.head;
  }

  /**
   * The handler for the plain-HTTP `--insecure-port`: no authentication or authorization; requests run as
   * `system:unsecured` in `system:masters`, like kube-apiserver's removed insecure port.
   */
  readonly handleInsecure = (req: IncomingMessage, res: ServerResponse): void => {
    void this.serve(req, res, UNSECURED);
  };

  /** `who`: authenticate the request, or the user a trusted entry point (insecure port, in-process) vouches for. */
  private async serve(req: IncomingMessage, res: ServerResponse, who: 'authenticate' | UserInfo): Promise<void> {
    const started = this.deps.clock.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const ri = parseRequestInfo(req.method ?? 'GET', url.pathname, url.searchParams);
    const isWatch = ri.isResourceRequest && (ri.verb === 'watch' || ri.verb === 'connect');
    const mutating = req.method !== 'GET' && req.method !== 'HEAD';
    let releaseSeat: (() => void) | undefined;
    let user: UserInfo | undefined;
    try {
      if (!isWatch && !isHealthPath(url.pathname)) releaseSeat = await (mutating ? this.mutatingSeats : this.readOnlySeats).acquire();
      if (who === UNSECURED) {
        user = UNSECURED;
      } else {
        if (who === 'authenticate') {
          const authenticated = this.authenticator ? await this.authenticator.authenticate(req) : null;
          user = authenticated ?? (this.authenticator ? ANONYMOUS : undefined);
        } else user = who;
        if (this.authorizer && user) await this.authorize(user, ri);
      }
      if (ri.isResourceRequest) await this.serveResource(req, res, ri, url.searchParams, user);
      else await this.serveNonResource(req, res, url);
    } catch (err) {
      if (!res.headersSent) writeError(res, err);
      else if (!res.writableEnded) res.end();
    } finally {
      releaseSeat?.();
      this.audit?.log({
        requestURI: req.url ?? '/',
        verb: ri.verb,
        ...(user ? { user: { username: user.username, groups: user.groups, ...(user.uid ? { uid: user.uid } : {}) } } : {}),
        sourceIPs: [req.socket?.remoteAddress ?? ''],
        userAgent: req.headers['user-agent'] ?? '',
        ...(ri.isResourceRequest
          ? { objectRef: { resource: ri.resource, namespace: ri.namespace, name: ri.name, apiGroup: ri.group, apiVersion: ri.version, subresource: ri.subresource } }
          : {}),
        responseStatus: { code: res.statusCode },
        requestReceivedAt: started,
      });
      if (!isWatch) {
        const resource = ri.isResourceRequest ? ri.resource + (ri.subresource ? `/${ri.subresource}` : '') : '';
        this.deps.metrics.observeRequest({
          verb: ri.verb.toUpperCase(),
          group: ri.isResourceRequest ? ri.group : '',
          resource,
          code: res.statusCode,
          seconds: (this.deps.clock.now() - started) / 1000,
        });
      }
    }
  }

  /** The authorization filter: 403 Forbidden with Kubernetes' wording unless the authorizer allows the request. */
  private async authorize(user: UserInfo, ri: RequestInfo): Promise<void> {
    const attrs = authorizerAttributes(user, ri);
    const d = await this.authorizer!.authorize(attrs);
    if (!d.allowed) throw forbiddenError(attrs, d.reason);
  }

  private async serveResource(req: IncomingMessage, res: ServerResponse, ri: ResourceRequestInfo, query: URLSearchParams, user: UserInfo | undefined) {
    const info = this.deps.resources.byGVR({ group: ri.group, version: ri.version, resource: ri.resource });
    if (!info) throw pageNotFound();
    if (ri.namespace && !info.namespaced && ri.resource !== 'namespaces') throw pageNotFound();
    const served = this.served.get(`${info.group}/${info.resource}`);
    if (!served) {
      if (REVIEW_RESOURCES.has(`${info.group}/${info.resource}`)) {
        return handleReview(
          { req, res, ri, query, user, target: { info, registry: undefined as never }, deps: this.endpointDeps, warnings: [] },
          this.authorizer ?? alwaysAllow,
        );
      }
      throw pageNotFound();
    }
    const ctx = { req, res, ri, query, user, target: served, deps: this.endpointDeps, warnings: [] };
    if (ri.verb === 'watch' || ri.verb === 'connect') return dispatchResource(ctx);
    const ms = this.deps.requestTimeoutMs ?? 60_000;
    let timer: { cancel(): void } | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = this.deps.clock.setTimeout(() => reject(new ApiError(504, 'Timeout', 'request did not complete within the allowed duration', { retryAfterSeconds: 1 })), ms);
    });
    try {
      await Promise.race([dispatchResource(ctx), timedOut]);
    } finally {
      timer?.cancel();
    }
  }

  private async serveNonResource(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const p = url.pathname.replace(/\/+$/, '') || '/';
    const reg = this.deps.resources;
    const accept = req.headers.accept;
    if (p === '/version') return writeJson(res, 200, this.deps.version ?? DEFAULT_VERSION);
    if (p === '/healthz' || p === '/livez' || p === '/readyz' || p.startsWith('/healthz/') || p.startsWith('/livez/') || p.startsWith('/readyz/')) {
      const checks: Record<string, boolean> = { ping: true, log: true, etcd: true };
      if (p.startsWith('/readyz')) {
        checks['informer-sync'] = this.started;
        for (const [name, fn] of Object.entries(this.deps.readyChecks ?? {})) checks[name] = fn();
      }
      return writeHealth(res, { path: p, verbose: url.searchParams.has('verbose'), checks });
    }
    if (p === '/metrics') return writeRaw(res, 200, await this.deps.metrics.render(), this.deps.metrics.contentType);
    if (p === '/api' || p === '/apis') {
      const rep = negotiateDiscovery(accept);
      res.setHeader('Vary', 'Accept');
      if (rep.kind === 'discovery') {
        return writeJson(res, 200, aggregatedDiscovery(reg, p === '/api', rep.version), AGGREGATED_CT(rep.version));
      }
      return writeJson(res, 200, p === '/api' ? apiVersions(this.serverAddress) : apiGroupList(reg));
    }
    const segs = p.split('/').filter(Boolean);
    if (segs[0] === 'api' && segs.length === 2) {
      const doc = apiResourceList(reg, '', segs[1]!);
      if (doc) return writeJson(res, 200, doc);
    }
    if (segs[0] === 'apis' && segs.length === 2) {
      const doc = apiGroupDoc(reg, segs[1]!);
      if (doc) return writeJson(res, 200, doc);
    }
    if (segs[0] === 'apis' && segs.length === 3) {
      const doc = apiResourceList(reg, segs[1]!, segs[2]!);
      if (doc) return writeJson(res, 200, doc);
    }
    if (p === '/openapi/v2' && this.deps.openapiV2) {
      const v2 = this.deps.openapiV2;
      const rep = v2.negotiate(accept);
      res.setHeader('Vary', 'Accept');
      if (!rep) throw notAcceptable('only application/json and application/com.github.proto-openapi.spec.v2@v1.0+protobuf are served');
      const etag = `"${v2.etag}"`;
      res.setHeader('Etag', etag);
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304);
        res.end();
        return;
      }
      return writeRaw(res, 200, typeof rep.body === 'string' ? rep.body : Buffer.from(rep.body), rep.contentType);
    }
    if (segs[0] === 'openapi' && segs[1] === 'v3' && this.deps.openapi) {
      if (segs.length === 2) return writeJson(res, 200, this.deps.openapi.index());
      const path = segs.slice(2).join('/');
      if (this.deps.openapi.has(path)) {
        const doc = this.deps.openapi.get(path);
        const asked = url.searchParams.get('hash');
        res.setHeader('Etag', `"${doc.hash}"`);
        // Documents are immutable per hash; a request for another hash gets the current one uncached.
        res.setHeader('Cache-Control', asked === doc.hash ? 'public, immutable' : 'no-cache, private');
        return writeRaw(res, 200, doc.json, 'application/json');
      }
    }
    throw pageNotFound();
  }
}

/** The 404 Kubernetes answers for paths it does not serve. */
function pageNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** Where a resource lives in the store. Both Event APIs share one storage (core shape), as in Kubernetes. */
function storageResourceOf(info: ResourceInfo): string {
  if (info.group === '' || info.group === 'apps' || (info.group === 'events.k8s.io' && info.resource === 'events')) return info.resource;
  return `${info.group}/${info.resource}`;
}

