/**
 * For tests only: a real HTTPS webhook server on 127.0.0.1:0, with a certificate from a throwaway CA, that routes each
 * path to a handler. Handlers get the parsed AdmissionReview and return a reply; `hang` never answers.
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type TestPki, createTestPki } from './test-pki.js';
import type { AdmissionRequest, AdmissionReview } from './types.js';

export type Reply = { status?: number; body: unknown } | { raw: string; status?: number } | 'hang';
export type Handler = (review: AdmissionReview, req: IncomingMessage) => Reply | Promise<Reply>;

export interface Received {
  path: string;
  query: URLSearchParams;
  review: AdmissionReview;
}

export class TestWebhookServer {
  readonly received: Received[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly hanging = new Set<ServerResponse>();
  private arrivals: (() => void)[] = [];

  private constructor(
    readonly pki: TestPki,
    private readonly server: Server,
  ) {}

  static async start(options: { dnsNames?: string[] } = {}): Promise<TestWebhookServer> {
    const pki = await createTestPki({ dnsNames: options.dnsNames ?? [], ips: ['127.0.0.1'] });
    const holder: { self?: TestWebhookServer } = {};
    const server = createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
      void holder.self!.handle(req, res);
    });
    const self = new TestWebhookServer(pki, server);
    holder.self = self;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `https://127.0.0.1:${this.port}${path}`;
  }

  on(path: string, handler: Handler): void {
    this.handlers.set(path, handler);
  }

  /** Resolves once `count` requests in total have arrived. */
  async waitForRequests(count: number): Promise<void> {
    while (this.received.length < count) await new Promise<void>((r) => this.arrivals.push(r));
  }

  reset(): void {
    this.received.length = 0;
    this.handlers.clear();
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'https://localhost');
    const review = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AdmissionReview;
    this.received.push({ path: url.pathname, query: url.searchParams, review });
    for (const wake of this.arrivals.splice(0)) wake();
    const handler = this.handlers.get(url.pathname);
    const reply: Reply = handler ? await handler(review, req) : { status: 404, raw: 'no handler' };
    if (reply === 'hang') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    const status = reply.status ?? 200;
    const text = 'raw' in reply ? reply.raw : JSON.stringify(reply.body);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(text);
  }
}

/** A well-formed v1 answer to `review`. */
export function answer(review: AdmissionReview, response: Record<string, unknown>): Reply {
  return { body: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: review.request!.uid, ...response } } };
}

/** base64 of a JSON Patch, as `response.patch` carries it. */
export function encodePatch(ops: unknown): string {
  return Buffer.from(JSON.stringify(ops)).toString('base64');
}

export function requestOf(review: AdmissionReview): AdmissionRequest {
  return review.request!;
}
