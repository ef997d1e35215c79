/**
 * Incremental decoding of a watch stream: newline-delimited JSON `{"type": ..., "object": ...}` events. Chunks may
 * split anywhere — inside a line, inside a multi-byte UTF-8 character, between `\r` and `\n` — and events come out
 * exactly once each, in stream order, as soon as their terminating newline arrives. A final line without a newline is
 * still decoded when the stream ends.
 */
import type { KubeObject } from '../api/index.js';
import { ClientError, apiErrorFromStatus, isStatusObject } from './errors.js';

/** The object of a BOOKMARK event: only the kind and `metadata.resourceVersion` are meaningful. */
export interface BookmarkObject {
  kind?: string;
  apiVersion?: string;
  metadata: { resourceVersion?: string; annotations?: Record<string, string> };
}

/** One watch event. ERROR events never appear here: the stream throws the ApiError they carry instead. */
export type WatchEvent<T extends KubeObject> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T }
  | { type: 'BOOKMARK'; object: BookmarkObject };

/** Splits UTF-8 bytes into lines. Blank lines are dropped; a trailing `\r` is removed. */
export class LineDecoder {
  readonly #text = new TextDecoder('utf-8', { fatal: false });
  #pending = '';

  /** Feeds one chunk; returns the lines it completed. */
  push(chunk: Uint8Array): string[] {
    return this.#split(this.#text.decode(chunk, { stream: true }));
  }

  /** Ends the stream; returns the last line if it had no newline. */
  end(): string[] {
    const rest = this.#pending + this.#text.decode();
    this.#pending = '';
    const line = rest.endsWith('\r') ? rest.slice(0, -1) : rest;
    return line.trim() ? [line] : [];
  }

  #split(text: string): string[] {
    const out: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      let line = this.#pending + text.slice(start, nl);
      this.#pending = '';
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line.trim()) out.push(line);
      start = nl + 1;
    }
    this.#pending += text.slice(start);
    return out;
  }
}

const EVENT_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);

/**
 * Decodes one watch line. Throws the ApiError of an ERROR event's Status, or ClientError('Decode') for a line that is
 * not a well-formed event.
 */
export function decodeWatchLine<T extends KubeObject>(line: string): WatchEvent<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    throw new ClientError('Decode', `watch event is not JSON: ${line.slice(0, 200)}`, { cause: err });
  }
  return checkWatchEvent<T>(parsed, () => line.slice(0, 200));
}

/**
 * Checks one decoded watch event (from a JSON line, or as an in-process transport hands it over). Throws as
 * `decodeWatchLine` does; `describe` gives the text quoted in errors.
 */
export function checkWatchEvent<T extends KubeObject>(parsed: unknown, describe: () => string): WatchEvent<T> {
  const ev = parsed as { type?: unknown; object?: unknown };
  if (typeof ev !== 'object' || ev === null || typeof ev.type !== 'string' || typeof ev.object !== 'object' || ev.object === null) {
    throw new ClientError('Decode', `malformed watch event: ${describe()}`);
  }
  if (ev.type === 'ERROR') {
    if (isStatusObject(ev.object)) throw apiErrorFromStatus(ev.object);
    throw apiErrorFromStatus({ message: `watch ERROR event without a Status: ${describe()}` });
  }
  if (!EVENT_TYPES.has(ev.type)) throw new ClientError('Decode', `unknown watch event type ${JSON.stringify(ev.type)}`);
  const obj = ev.object as { metadata?: unknown };
  if (typeof obj.metadata !== 'object' || obj.metadata === null) {
    throw new ClientError('Decode', `watch event object has no metadata: ${describe()}`);
  }
  return ev as WatchEvent<T>;
}

/** Decodes a whole watch body, yielding events as their lines complete. */
export async function* decodeWatchStream<T extends KubeObject>(body: AsyncIterable<Uint8Array>): AsyncGenerator<WatchEvent<T>> {
  const lines = new LineDecoder();
  for await (const chunk of body) {
    for (const line of lines.push(chunk)) yield decodeWatchLine<T>(line);
  }
  for (const line of lines.end()) yield decodeWatchLine<T>(line);
}

/** Checks events an in-process transport handed over already decoded (shared objects: never mutate them). */
export async function* checkWatchEvents<T extends KubeObject>(events: AsyncIterable<unknown>): AsyncGenerator<WatchEvent<T>> {
  for await (const ev of events) yield checkWatchEvent<T>(ev, () => JSON.stringify(ev).slice(0, 200));
}
