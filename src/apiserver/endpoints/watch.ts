/**
 * WATCH: newline-delimited JSON events over a chunked (HTTP/1.1) or streamed (HTTP/2) response. Each line is
 * `{"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":{...}}`. A watch ends when the client leaves, when
 * timeoutSeconds pass (the stream then just ends, as in Kubernetes), or with an ERROR event (e.g. 410 too old).
 * An in-process caller that takes events as objects gets the watch cache's frozen objects instead of JSON lines
 * (same events, same order, nothing encoded or decoded).
 */
import { badRequest, oneTermEqualFieldSelector, andFieldSelectors, type FieldSelector } from '../../machinery/index.js';
import { type LocalServerResponse, objectEventSink } from '../http/local.js';
import { toApiError } from '../http/respond.js';
import type { WatcherEvent } from '../watchcache/types.js';
import type { EndpointContext } from './context.js';
import { partialMetadata, representationFor, tableOf } from './render.js';
import { predicateFor } from './selectors.js';

export async function handleWatch(ctx: EndpointContext): Promise<void> {
  const { res, query, deps } = ctx;
  const { info, registry } = ctx.target;
  const pred = predicateFor(ctx);
  if (ctx.ri.name) {
    const byName = oneTermEqualFieldSelector('metadata.name', ctx.ri.name);
    pred.field = pred.field ? andFieldSelectors(pred.field as FieldSelector, byName) : byName;
  }
  const rep = representationFor(ctx, true);
  const tsParam = query.get('timeoutSeconds');
  let timeoutSeconds = deps.defaultWatchSeconds();
  if (tsParam !== null) {
    if (!/^[0-9]+$/.test(tsParam)) throw badRequest(`invalid timeoutSeconds: ${JSON.stringify(tsParam)}`);
    timeoutSeconds = Number(tsParam);
  }
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;

  let first = true;
  const encode = (ev: WatcherEvent): string => {
    switch (ev.type) {
      case 'ERROR':
        return `{"type":"ERROR","object":${JSON.stringify(ev.status)}}\n`;
      case 'BOOKMARK':
        return `{"type":"BOOKMARK","object":${JSON.stringify(bookmarkObject(ev.rv))}}\n`;
      default: {
        if (rep.kind === 'table') {
          const t = tableOf(ctx, [ev.object.obj], { resourceVersion: String(ev.object.rv) }, rep.version, first);
          first = false;
          return `{"type":"${ev.type}","object":${JSON.stringify(t)}}\n`;
        }
        if (rep.kind === 'partial-metadata') {
          return `{"type":"${ev.type}","object":${JSON.stringify(partialMetadata(ev.object.obj, rep.version))}}\n`;
        }
        return `{"type":"${ev.type}","object":${ev.object.json}}\n`;
      }
    }
  };

  // In-process watchers of plain objects share the cache's decoded objects; tables and metadata-only views are
  // built per watcher and go as JSON.
  const sink = rep.kind === 'json' ? objectEventSink(res) : undefined;
  const send = sink ? (ev: WatcherEvent) => sink.writeEvent(asObjectEvent(ev)) : (ev: WatcherEvent) => res.write(encode(ev));
  const bookmarkObject = (rv: number) => ({ kind: info.kind, apiVersion, metadata: { resourceVersion: String(rv), creationTimestamp: null } });
  const asObjectEvent = (ev: WatcherEvent) => {
    switch (ev.type) {
      case 'ERROR':
        return { type: 'ERROR', object: ev.status };
      case 'BOOKMARK':
        return { type: 'BOOKMARK', object: bookmarkObject(ev.rv) };
      default:
        return { type: ev.type, object: ev.object.obj };
    }
  };

  let watcher;
  try {
    watcher = await registry.watch({
      pred,
      resourceVersion: query.get('resourceVersion') ?? '',
      allowWatchBookmarks: bookmarks,
    });
  } catch (err) {
    const e = toApiError(err);
    if (e.code !== 410) throw err;
    // Like Kubernetes: a watch from a compacted revision opens, then sends one ERROR event with the 410 Status.
    startStream(ctx, sink);
    send({ type: 'ERROR', status: e.toStatus() });
    res.end();
    return;
  }

  startStream(ctx, sink);
  deps.onWatchStart?.(info.resource);
  const timer = deps.clock.setTimeout(() => watcher.stop(), timeoutSeconds * 1000);
  // Http2ServerResponse has no `destroyed`: track the close ourselves so both transports behave alike.
  let closed = false;
  const onClose = () => {
    closed = true;
    watcher.stop();
  };
  res.on('close', onClose);
  try {
    for await (const ev of watcher) {
      if (closed) break;
      if (!send(ev)) await drainOrClose(res);
    }
  } finally {
    timer.cancel();
    res.off('close', onClose);
    watcher.stop();
    deps.onWatchEnd?.(info.resource);
    if (!closed) res.end();
  }
}

/** Waits for 'drain' or 'close', removing both listeners afterwards (no listener build-up on slow clients). */
function drainOrClose(res: EndpointContext['res']): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function startStream(ctx: EndpointContext, sink: LocalServerResponse | undefined): void {
  sink?.useObjectEvents();
  ctx.res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  ctx.res.flushHeaders();
}
