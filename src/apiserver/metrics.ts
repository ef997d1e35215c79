/**
 * `/metrics` in Prometheus text format, with the series kube-apiserver exposes for requests and watches:
 * apiserver_request_total, apiserver_request_duration_seconds, apiserver_current_inflight_requests (via the
 * request counter's in-flight gauge), apiserver_longrunning_requests and apiserver_registered_watchers.
 * Each ApiMetrics has its own registry (no process-wide globals), so several servers can run in one process.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface RequestObservation {
  verb: string;
  group: string;
  resource: string;
  code: number;
  seconds: number;
}

export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'verb' | 'group' | 'resource' | 'code'>;
  private readonly latency: Histogram<'verb' | 'group' | 'resource'>;
  private readonly watchers: Gauge<'resource'>;
  private readonly watchesTotal: Counter<'resource'>;

  constructor() {
    this.requests = new Counter({
      name: 'apiserver_request_total',
      help: 'Counter of apiserver requests broken out for each verb, group, resource and HTTP response code.',
      labelNames: ['verb', 'group', 'resource', 'code'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'apiserver_request_duration_seconds',
      help: 'Response latency distribution in seconds for each verb, group and resource.',
      labelNames: ['verb', 'group', 'resource'],
      buckets: [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60],
      registers: [this.registry],
    });
    this.watchers = new Gauge({
      name: 'apiserver_registered_watchers',
      help: 'Number of currently registered watchers for a given resource.',
      labelNames: ['resource'],
      registers: [this.registry],
    });
    this.watchesTotal = new Counter({
      name: 'apiserver_watch_requests_total',
      help: 'Number of watch requests started, per resource.',
      labelNames: ['resource'],
      registers: [this.registry],
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  observeRequest(o: RequestObservation): void {
    this.requests.inc({ verb: o.verb, group: o.group, resource: o.resource, code: String(o.code) });
    this.latency.observe({ verb: o.verb, group: o.group, resource: o.resource }, o.seconds);
  }

  watchStarted(resource: string): void {
    this.watchers.inc({ resource });
    this.watchesTotal.inc({ resource });
  }

  watchEnded(resource: string): void {
    this.watchers.dec({ resource });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
