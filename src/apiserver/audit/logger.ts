/**
 * The audit log backend: one audit.k8s.io/v1 Event per request, one JSON object per line, appended to a file.
 *
 * Guarantees:
 * - `log` never blocks and never throws for I/O: it serializes the event and queues the line. Lines are written in the
 *   order `log` was called, in batches, by a single writer.
 * - The queue is bounded (`maxQueuedEvents`). When the disk cannot keep up and the queue is full, new events are
 *   dropped and counted (`dropped`) rather than slowing requests down — Kubernetes' non-blocking audit mode.
 * - `flush` resolves once every line queued before it was written; `close` flushes, then closes the file. Events
 *   logged after `close` began are dropped.
 * - Write and serialization failures go to `reportError`; the logger keeps running.
 */
import { type FileHandle, open } from 'node:fs/promises';
import type { Clock } from '../../machinery/index.js';
import { type AuditEntry, type AuditLevel, buildAuditEvent } from './event.js';

/** Where lines go. The file sink appends; tests and other backends may provide their own. */
export interface AuditSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export interface AuditLoggerOptions {
  /** The policy's level for every request (None disables logging). */
  level: AuditLevel;
  clock: Clock;
  /** auditIDs for entries that carry none. */
  newId(): string;
  reportError(err: unknown): void;
  /** A per-request level (e.g. a rule list); its answer replaces `level`. An entry's own `level` wins over both. */
  policy?: (entry: AuditEntry) => AuditLevel;
  /** Default 10,000. */
  maxQueuedEvents?: number;
  /** Lines per write (default 500). */
  maxBatch?: number;
}

/** An AuditSink appending to `path` (created if missing, mode 0600 as audit logs hold request bodies). */
export async function fileAuditSink(path: string): Promise<AuditSink> {
  const fh: FileHandle = await open(path, 'a', 0o600);
  return {
    write: async (text) => {
      await fh.appendFile(text, 'utf8');
    },
    close: () => fh.close(),
  };
}

export class AuditLogger {
  private readonly queue: string[] = [];
  private draining: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private droppedCount = 0;

  constructor(
    private readonly sink: AuditSink,
    private readonly options: AuditLoggerOptions,
  ) {}

  /** Opens (appending to) the file at `path`. */
  static async open(path: string, options: AuditLoggerOptions): Promise<AuditLogger> {
    return new AuditLogger(await fileAuditSink(path), options);
  }

  /** Events dropped because the queue was full or the logger was closing. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Queues the request's Event (see the module guarantees). */
  log(entry: AuditEntry): void {
    if (this.closing) {
      this.droppedCount++;
      return;
    }
    const level = entry.level ?? this.options.policy?.(entry) ?? this.options.level;
    if (level === 'None') return;
    const completedAt = entry.completedAt ?? this.options.clock.now();
    const event = buildAuditEvent(entry, { level, auditID: entry.auditID ?? this.options.newId(), completedAt });
    if (!event) return;
    let line: string;
    try {
      line = JSON.stringify(event);
    } catch (err) {
      // Request or response bodies that cannot be serialized: keep the metadata, report the failure.
      this.options.reportError(err);
      line = JSON.stringify({ ...event, requestObject: undefined, responseObject: undefined });
    }
    if (this.queue.length >= (this.options.maxQueuedEvents ?? 10_000)) {
      this.droppedCount++;
      return;
    }
    this.queue.push(line);
    this.kick();
  }

  /** Resolves once every line queued so far has been handed to the sink. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Flushes and closes the sink. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.flush();
      await this.sink.close();
    })();
    return this.closing;
  }

  /** Starts the single writer unless it is running. */
  private kick(): void {
    if (this.draining) return;
    const run: Promise<void> = this.drain().finally(() => {
      if (this.draining === run) this.draining = undefined;
    });
    this.draining = run;
  }

  private async drain(): Promise<void> {
    const max = this.options.maxBatch ?? 500;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, max);
      try {
        await this.sink.write(`${batch.join('\n')}\n`);
      } catch (err) {
        this.droppedCount += batch.length;
        this.options.reportError(err);
      }
    }
  }
}
