/**
 * framework.Status: the value every plugin returns for an expected outcome. `null` stands for Success on hot paths
 * (Filter, PreScore), so a passing node costs no allocation.
 *
 * Codes follow kube-scheduler's framework/interface.go:
 * - Success: the plugin ran and the pod may proceed.
 * - Error: an internal error; the pod goes to the backoff queue, never to the unschedulable pool.
 * - Unschedulable: the node can't run the pod now, but preemption might change that.
 * - UnschedulableAndUnresolvable: the node can't run the pod and preemption won't help.
 * - Wait: (Permit only) the pod waits until a plugin allows or rejects it, or the timeout passes.
 * - Skip: (PreFilter/PreScore) this plugin's Filter/Score is skipped for this cycle; (Bind) let the next binder try.
 */
export const Code = {
  Success: 0,
  Error: 1,
  Unschedulable: 2,
  UnschedulableAndUnresolvable: 3,
  Wait: 4,
  Skip: 5,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

const CODE_NAMES: Record<Code, string> = {
  0: 'Success',
  1: 'Error',
  2: 'Unschedulable',
  3: 'UnschedulableAndUnresolvable',
  4: 'Wait',
  5: 'Skip',
};

export function codeName(code: Code): string {
  return CODE_NAMES[code];
}

/** An immutable plugin outcome with human-readable reasons. `plugin` is filled in by the framework. */
export class Status {
  readonly code: Code;
  readonly reasons: readonly string[];
  /** Name of the plugin that produced this status (set by the framework; empty when unknown). */
  readonly plugin: string;
  /** For Wait statuses: how long the pod may wait on Permit, in milliseconds. */
  readonly timeoutMs: number;
  /** For Error statuses: the underlying error. */
  readonly cause: unknown;

  constructor(code: Code, reasons: readonly string[] = [], opts: { plugin?: string; timeoutMs?: number; cause?: unknown } = {}) {
    this.code = code;
    this.reasons = reasons;
    this.plugin = opts.plugin ?? '';
    this.timeoutMs = opts.timeoutMs ?? 0;
    this.cause = opts.cause;
  }

  static success(): Status {
    return SUCCESS;
  }

  static unschedulable(...reasons: string[]): Status {
    return new Status(Code.Unschedulable, reasons);
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status(Code.UnschedulableAndUnresolvable, reasons);
  }

  static skip(): Status {
    return SKIP;
  }

  /** A Wait status for Permit: the pod is held for at most `timeoutMs`. */
  static wait(timeoutMs: number, reason = ''): Status {
    return new Status(Code.Wait, reason ? [reason] : [], { timeoutMs });
  }

  /** AsStatus: wraps an error as an Error status whose message is the error's message. */
  static error(err: unknown): Status {
    const message = err instanceof Error ? err.message : String(err);
    return new Status(Code.Error, [message], { cause: err });
  }

  /** Message(): the reasons joined by ", " (Kubernetes' format). */
  message(): string {
    return this.reasons.join(', ');
  }

  isSuccess(): boolean {
    return this.code === Code.Success;
  }

  isSkip(): boolean {
    return this.code === Code.Skip;
  }

  isWait(): boolean {
    return this.code === Code.Wait;
  }

  /** IsRejected: Unschedulable or UnschedulableAndUnresolvable. */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable;
  }

  /** A copy attributed to `plugin`. */
  withPlugin(plugin: string): Status {
    if (this.plugin === plugin) return this;
    return new Status(this.code, this.reasons, { plugin, timeoutMs: this.timeoutMs, cause: this.cause });
  }

  toString(): string {
    const msg = this.message();
    return msg ? `${codeName(this.code)}: ${msg}` : codeName(this.code);
  }
}

const SUCCESS = new Status(Code.Success);
const SKIP = new Status(Code.Skip);

/** True for `null`/`undefined` (the hot-path spelling of Success) and for Success statuses. */
export function isSuccess(s: Status | null | undefined): boolean {
  return s === null || s === undefined || s.code === Code.Success;
}

/** The status's code, reading `null`/`undefined` as Success. */
export function codeOf(s: Status | null | undefined): Code {
  return s ? s.code : Code.Success;
}

/** A scheduler-internal failure carrying a Status (e.g. a plugin error during a cycle). */
export class SchedulingError extends Error {
  override readonly name = 'SchedulingError';
  constructor(
    message: string,
    readonly status?: Status,
  ) {
    super(message);
  }
}
