/**
 * The kubelet's own API, the part the API server proxies to for `kubectl logs`:
 *   GET /containerLogs/{namespace}/{pod}/{container}?follow=&tailLines=&sinceSeconds=&timestamps=&previous=
 * One server serves every node of a simulated fleet (they share the host address). It listens on loopback only and
 * has no authentication of its own (the API server has authorized the request); a real kubelet's port needs TLS and
 * client-certificate authentication before it may listen anywhere else.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Pod } from '../api/index.js';
import type { Kubelet } from './kubelet.js';

export interface KubeletServerDeps {
  /** The pod (from the node's cache) and the kubelet running it. */
  find(namespace: string, name: string): { pod: Pod; kubelet: Kubelet } | undefined;
  onError?(err: unknown): void;
}

function text(res: ServerResponse, code: number, body: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(body);
}

export async function handleContainerLogs(deps: KubeletServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://kubelet');
  const m = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (req.method !== 'GET' || !m) return text(res, 404, '404 page not found');
  const [ns, name, container] = m.slice(1).map(decodeURIComponent) as [string, string, string];
  const found = deps.find(ns, name);
  if (!found) return text(res, 404, `pod ${ns}/${name} not found on this node`);
  const q = url.searchParams;
  const num = (k: string) => (q.get(k) !== null && /^[0-9]+$/.test(q.get(k)!) ? Number(q.get(k)) : undefined);
  const ac = new AbortController();
  res.on('close', () => ac.abort());
  const tailLines = num('tailLines');
  const sinceSeconds = num('sinceSeconds');
  let lines: AsyncIterable<string>;
  try {
    lines = found.kubelet.logs(found.pod, container, {
      follow: q.get('follow') === 'true',
      timestamps: q.get('timestamps') === 'true',
      previous: q.get('previous') === 'true',
      signal: ac.signal,
      ...(tailLines !== undefined ? { tailLines } : {}),
      ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    });
  } catch (err) {
    return text(res, 400, err instanceof Error ? err.message : String(err));
  }
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.flushHeaders();
  try {
    for await (const line of lines) {
      if (ac.signal.aborted) break;
      res.write(line.endsWith('\n') ? line : `${line}\n`);
    }
  } catch (err) {
    if (!ac.signal.aborted) deps.onError?.(err);
  }
  res.end();
}

export function createKubeletServer(deps: KubeletServerDeps): Server {
  return createServer((req, res) => {
    handleContainerLogs(deps, req, res).catch((err: unknown) => {
      deps.onError?.(err);
      if (!res.headersSent) text(res, 500, err instanceof Error ? err.message : String(err));
      else res.end();
    });
  });
}
