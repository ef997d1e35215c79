/**
 * How a simulated container behaves, read from the pod's annotations (which the kubelet passes to the runtime as the
 * sandbox's annotations, exactly as with a real CRI runtime). Like kwok's stages, but per pod and driven by the
 * runtime, so the kubelet above it runs its real logic (restarts, back-off, probes, termination).
 *
 * Every key may be narrowed to one container by suffixing `.<container-name>`; the narrowed key wins.
 *
 * | annotation                              | value                         | effect                                                       |
 * |-----------------------------------------|-------------------------------|--------------------------------------------------------------|
 * | sim.skiff.io/exit-code                  | integer 0..255                | every run of the container exits with this code              |
 * | sim.skiff.io/exit-after-seconds         | seconds (decimal), default 0  | how long a run lasts before that exit                        |
 * | sim.skiff.io/crash-loop                 | "true"                        | every run exits with code 1 (or exit-code) after exit-after  |
 * | sim.skiff.io/readiness                  | pass, fail, fail-after:N,     | answer of readiness probes; N seconds after the container    |
 * |                                         | pass-after:N                  | started (default pass)                                       |
 * | sim.skiff.io/liveness                   | same                          | answer of liveness probes                                    |
 * | sim.skiff.io/startup                    | same                          | answer of startup probes                                     |
 * | sim.skiff.io/pull-error                 | ErrImagePull,                 | pulling any image for this pod fails with that CRI error     |
 * |                                         | RegistryUnavailable,          |                                                              |
 * |                                         | SignatureValidationFailed     |                                                              |
 * | sim.skiff.io/termination-seconds        | seconds, default 0            | how long the process takes to exit after SIGTERM; if longer  |
 * |                                         |                               | than the stop timeout it is SIGKILLed (exit 137)             |
 * | sim.skiff.io/sigterm-exit-code          | integer, default 0            | exit code after a graceful SIGTERM                           |
 * | sim.skiff.io/hook-seconds               | seconds, default 0            | how long httpGet/tcpSocket lifecycle hooks take              |
 *
 * Defaults: a regular container runs until stopped; an init container (kind `init`) exits 0 right after it starts,
 * and only the container-narrowed keys (`sim.skiff.io/exit-code.<init-name>`) change that, so that pod-wide keys
 * describe the app containers.
 */
import type { ContainerKind } from '../labels.js';
import type { PullFailure } from '../service.js';

export const SIM_ANNOTATION_PREFIX = 'sim.skiff.io/';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** A probe answer over time: before `afterSeconds` the answer is `before`, from then on `after`. */
export interface ProbeScript {
  before: boolean;
  after: boolean;
  afterSeconds: number;
}

/** The annotations of one sandbox that matter to the simulation (usually none: then a shared empty map). */
export type SimAnnotations = ReadonlyMap<string, string>;

const EMPTY: SimAnnotations = new Map();

/** Keeps only the `sim.skiff.io/` annotations, so a sandbox holds no more than it needs. */
export function simAnnotationsOf(annotations: Record<string, string> | undefined): SimAnnotations {
  if (!annotations) return EMPTY;
  let out: Map<string, string> | undefined;
  for (const k in annotations) {
    if (!k.startsWith(SIM_ANNOTATION_PREFIX)) continue;
    (out ??= new Map()).set(k.slice(SIM_ANNOTATION_PREFIX.length), annotations[k]!);
  }
  return out ?? EMPTY;
}

function lookup(a: SimAnnotations, key: string, container: string, kind: ContainerKind): string | undefined {
  const narrowed = a.get(`${key}.${container}`);
  if (narrowed !== undefined) return narrowed;
  return kind === 'init' ? undefined : a.get(key);
}

function seconds(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

function exitCode(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 255 ? n : undefined;
}

/** How one run of a container ends on its own: `undefined` means it runs until stopped. */
export function plannedExit(
  a: SimAnnotations,
  container: string,
  kind: ContainerKind,
): { code: number; afterMs: number } | undefined {
  const code = exitCode(lookup(a, 'exit-code', container, kind));
  const crash = lookup(a, 'crash-loop', container, kind) === 'true';
  const afterMs = seconds(lookup(a, 'exit-after-seconds', container, kind), 0) * 1000;
  if (code !== undefined) return { code, afterMs };
  if (crash) return { code: 1, afterMs };
  if (kind === 'init') return { code: 0, afterMs };
  return undefined;
}

/** The scripted answer of a probe; default: always passes. Unparseable values also pass. */
export function probeScript(a: SimAnnotations, container: string, probe: ProbeKind): ProbeScript {
  const v = lookup(a, probe, container, 'regular');
  if (v === 'fail') return { before: false, after: false, afterSeconds: 0 };
  const m = v === undefined ? null : /^(fail|pass)-after:([0-9]+(?:\.[0-9]+)?)$/.exec(v);
  if (m) {
    const failLater = m[1] === 'fail';
    return { before: failLater, after: !failLater, afterSeconds: Number(m[2]) };
  }
  return { before: true, after: true, afterSeconds: 0 };
}

export function pullFailure(a: SimAnnotations, container?: string): PullFailure | undefined {
  const v = container === undefined ? a.get('pull-error') : lookup(a, 'pull-error', container, 'regular');
  if (v === 'ErrImagePull' || v === 'RegistryUnavailable' || v === 'SignatureValidationFailed') return v;
  return undefined;
}

export function terminationMs(a: SimAnnotations, container: string, kind: ContainerKind): number {
  return seconds(lookup(a, 'termination-seconds', container, kind), 0) * 1000;
}

export function sigtermExitCode(a: SimAnnotations, container: string, kind: ContainerKind): number {
  return exitCode(lookup(a, 'sigterm-exit-code', container, kind)) ?? 0;
}

export function hookMs(a: SimAnnotations, container: string): number {
  return seconds(lookup(a, 'hook-seconds', container, 'regular'), 0) * 1000;
}
