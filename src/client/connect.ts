/** Wiring helpers for composition roots: a RestClient over HTTP(S) from a RestConfig or a kubeconfig. */
import type { Clock } from '../machinery/index.js';
import { HttpTransport, type RestConfig } from './http-transport.js';
import { restConfigFromKubeconfig } from './kubeconfig.js';
import { RestClient } from './rest-client.js';

export interface ConnectOptions {
  clock?: Clock;
  qps?: number;
  burst?: number;
}

/** A RestClient talking HTTP(S) to the server `config` describes. Call `client.transport.close?.()` when done. */
export function restClientFor(config: RestConfig, options: ConnectOptions = {}): RestClient {
  return new RestClient({ transport: new HttpTransport(config), ...options });
}

/** A RestClient for a kubeconfig (path or text) and optional context. */
export function restClientFromKubeconfig(source: string, options: ConnectOptions & { context?: string } = {}): RestClient {
  const { context, ...rest } = options;
  return restClientFor(restConfigFromKubeconfig(source, context), rest);
}
