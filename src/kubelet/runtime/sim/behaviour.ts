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
 * | sim.skiff.io/readiness                  | pass, fail, fail-after:N,     | answer of readiness probes, N seconds after the container    |
 * |                                         | pass-after:N, or a sequence   | started (default pass); a sequence such as                   |
 * |                                         | of those joined by commas     | `fail-after:10,pass-after:30` flips at each N (N ascending)  |
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
 *
 * Live changes (`kubectl annotate pod P sim.skiff.io/readiness=fail --overwrite`): on every pod sync the kubelet hands
 * the pod's current annotations to the runtime through `updatePodSandboxAnnotations`, a sim-only extension that is
 * not part of CRI. From then on: probe scripts answer the next probe (times stay relative to the container's start, so
 * `fail-after:N` means the same whenever it is set); termination-seconds, sigterm-exit-code and hook-seconds apply to
 * the next stop or hook; exit-code, exit-after-seconds and crash-loop apply from the container's next start (a run
 * in progress keeps the exit it was started with); pull-error applies to the next pull.
 */
import type { ContainerKind } from '../labels.js';
import type { PullFailure } from '../service.js';

export const SIM_ANNOTATION_PREFIX = 'sim.skiff.io/';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** One change of a probe's answer: from `atSeconds` after the container started on, the answer is `pass`. */
export interface ProbeStep {
  atSeconds: number;
  pass: boolean;
}

/** A probe answer over time: `initial` before the first step, then the answer of the latest step reached. */
export interface ProbeScript {
  initial: boolean;
  /** Ordered by `atSeconds` (non-decreasing). */
  steps: readonly ProbeStep[];
}

/** The annotations of one sandbox that matter to the simulation (usually none: then a shared empty map). */
export type SimAnnotations = ReadonlyMap<string, string>;

const EMPTY: SimAnnotations = new Map();

/** Keeps only the `sim.skiff.io/` annotations, so a sandbox holds no more than it needs. */
export function simAnnotationsOf(annotations: Readonly<Record<string, string>> | undefined): SimAnnotations {
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

const ALWAYS_PASS: ProbeScript = { initial: true, steps: [] };

function parseStep(text: string): ProbeStep | undefined {
  if (text === 'pass' || text === 'fail') return { atSeconds: 0, pass: text === 'pass' };
  const m = /^(fail|pass)-after:([0-9]+(?:\.[0-9]+)?)$/.exec(text);
  return m ? { atSeconds: Number(m[2]), pass: m[1] === 'pass' } : undefined;
}

/**
 * The scripted answer of a probe; default: always passes. `X-after:N` answers the opposite of X before N when it is
 * the first step. Unparseable values (an unknown step, or steps whose times go down) also pass.
 */
export function probeScript(a: SimAnnotations, container: string, probe: ProbeKind): ProbeScript {
  const v = lookup(a, probe, container, 'regular');
  if (v === undefined) return ALWAYS_PASS;
  const steps: ProbeStep[] = [];
  for (const part of v.split(',')) {
    const step = parseStep(part.trim());
    if (!step || (steps.length > 0 && step.atSeconds < steps[steps.length - 1]!.atSeconds)) return ALWAYS_PASS;
    steps.push(step);
  }
  return { initial: !steps[0]!.pass, steps };
}

/** The answer of `script` `elapsedSeconds` after the container started. */
export function probeAnswer(script: ProbeScript, elapsedSeconds: number): boolean {
  let pass = script.initial;
  for (const step of script.steps) {
    if (elapsedSeconds < step.atSeconds) break;
    pass = step.pass;
  }
  return pass;
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
