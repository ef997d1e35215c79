/**
 * The probe seam: the kubelet's prober workers decide *when* to probe and what a result means; a ProbeExecutor
 * decides *whether* a probe passes. SimRuntime answers from pod annotations; a network executor can answer httpGet
 * and tcpSocket probes against pod IPs.
 */
import type { LifecycleHandler, ProbeHandler } from '../../api/index.js';

export type ProbeType = 'liveness' | 'readiness' | 'startup';

/** prober/results: Success, Failure, or Unknown (the probe could not be run; keeps the previous result). */
export type ProbeResult = 'success' | 'failure' | 'unknown';

export interface ProbeRequest {
  /** `preStop` / `postStart` for lifecycle hooks run through the same executor. */
  type: ProbeType | 'preStop' | 'postStart';
  /** The runtime's container id (without the `sim://` prefix). */
  containerId: string;
  containerName: string;
  podIP?: string;
  handler: ProbeHandler | LifecycleHandler;
  timeoutSeconds: number;
}

export interface ProbeOutcome {
  result: ProbeResult;
  /** What Kubernetes puts after "Liveness probe failed: ", e.g. `HTTP probe failed with statuscode: 503`. */
  output: string;
}

export interface ProbeExecutor {
  /** Never rejects for a failing probe; rejects only when the executor itself is broken. */
  probe(request: ProbeRequest): Promise<ProbeOutcome>;
}
