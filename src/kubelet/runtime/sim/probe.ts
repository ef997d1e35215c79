/**
 * How SimRuntime answers probes and lifecycle hooks. Probes follow the scripts in the pod's annotations (see
 * behaviour.ts); their outputs read like the real prober's. Exec probes are answered by the script too, not by running
 * the command (a typical `cat /tmp/healthy` would otherwise always fail). httpGet/tcpSocket lifecycle hooks succeed
 * after `sim.skiff.io/hook-seconds`; exec hooks are run by the kubelet through ExecSync instead.
 */
import type { Clock } from '../../../machinery/index.js';
import type { ProbeOutcome, ProbeRequest } from '../../prober/types.js';
import { hookMs, probeAnswer, probeScript } from './behaviour.js';
import type { SimContainer } from './process.js';
import type { SimSandbox } from './sandboxes.js';

interface ProbeContext {
  clock: Clock;
  container: SimContainer;
  sandbox: SimSandbox;
}

function failureOutput(request: ProbeRequest, ctx: ProbeContext): string {
  const h = request.handler;
  const ip = request.podIP ?? ctx.sandbox.ip ?? '127.0.0.1';
  if (h.httpGet) return 'HTTP probe failed with statuscode: 503';
  if (h.tcpSocket) return `dial tcp ${h.tcpSocket.host ?? ip}:${h.tcpSocket.port}: connect: connection refused`;
  if ('grpc' in h && h.grpc) return 'service unhealthy (responded with "NOT_SERVING")';
  return `sim.skiff.io/${request.type}: probe scripted to fail`;
}

export async function answerProbe(request: ProbeRequest, ctx: ProbeContext): Promise<ProbeOutcome> {
  const { container: c, clock } = ctx;
  if (request.type === 'preStop' || request.type === 'postStart') {
    const ms = hookMs(ctx.sandbox.sim, c.name);
    if (ms > 0) await clock.sleep(ms);
    return { result: 'success', output: '' };
  }
  if (c.state !== 'CONTAINER_RUNNING') return { result: 'failure', output: failureOutput(request, ctx) };
  // Read on every probe: a live annotation change (SimRuntime.updatePodSandboxAnnotations) answers from this probe on.
  const script = probeScript(ctx.sandbox.sim, c.name, request.type);
  const pass = probeAnswer(script, (clock.now() - c.startedAt) / 1000);
  return pass ? { result: 'success', output: '' } : { result: 'failure', output: failureOutput(request, ctx) };
}
