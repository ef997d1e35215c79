/**
 * A simulated container's log: a bounded ring of timestamped lines plus the CRI-style reader (tail, since, follow,
 * timestamps). Memory per container is bounded by `capacity` lines.
 */
import type { Clock } from '../../../machinery/index.js';
import { rfc3339Nano } from '../../time.js';
import type { LogReadOptions } from '../types.js';

interface Line {
  at: number;
  text: string;
}

export class LogBuffer {
  /** lines[i] has sequence number baseSeq + i; lines before `head` are dropped. */
  private lines: Line[] = [];
  private head = 0;
  private baseSeq = 0;
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly capacity = 1000) {}

  /** Appends a line; the oldest line is dropped once `capacity` lines are held. Ignored after close(). */
  append(at: number, text: string): void {
    if (this.closed) return;
    this.lines.push({ at, text });
    if (this.lines.length - this.head > this.capacity) this.head++;
    if (this.head >= 64 && this.head * 2 >= this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.baseSeq += this.head;
      this.head = 0;
    }
    this.wake();
  }

  /** Marks the end of the log (the container exited or was removed): followers finish after the last line. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Number of lines held. */
  get length(): number {
    return this.lines.length - this.head;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  private changed(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.push(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /**
   * Yields the selected lines in order; with `follow`, keeps yielding new lines until close() or the signal aborts.
   * A follower that falls more than `capacity` lines behind skips the dropped lines.
   */
  async *read(clock: Clock, options: LogReadOptions = {}): AsyncGenerator<string> {
    const { tailLines, sinceSeconds, timestamps, follow, signal } = options;
    const since = sinceSeconds !== undefined ? clock.now() - sinceSeconds * 1000 : -Infinity;
    let nextSeq = this.baseSeq + this.head;
    if (tailLines !== undefined) nextSeq = Math.max(nextSeq, this.baseSeq + this.lines.length - Math.max(0, tailLines));
    for (;;) {
      while (nextSeq < this.baseSeq + this.lines.length) {
        const i = Math.max(nextSeq - this.baseSeq, this.head);
        const l = this.lines[i]!;
        nextSeq = this.baseSeq + i + 1;
        if (l.at >= since) yield timestamps ? `${rfc3339Nano(l.at)} ${l.text}` : l.text;
      }
      if (!follow || this.closed || signal?.aborted) return;
      await this.changed(signal);
      if (signal?.aborted) return;
    }
  }
}
