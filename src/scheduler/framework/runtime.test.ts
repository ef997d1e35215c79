import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../machinery/index.js';
import { Snapshot } from '../cache/snapshot.js';
import { Nominator } from '../queue/nominator.js';
import { FakeBinder, makeNode, makePod } from '../testing/index.js';
import { CycleState, type Plugin, type PluginFactory } from './interface.js';
import type { NodeInfo } from './node-info.js';
import { PodInfo } from './pod-info.js';
import { SchedulingFramework, type PluginEntry } from './runtime.js';
import { Code, Status } from './status.js';

const snapshot = Snapshot.of([makeNode('a').obj(), makeNode('b').obj()]);
const podState = () => new CycleState(PodInfo.of(makePod('p').obj()));

function framework(plugins: Record<string, Plugin>, entries?: PluginEntry[], clock = new FakeClock()) {
  const registry = new Map<string, PluginFactory>(Object.entries(plugins).map(([name, p]) => [name, () => p]));
  return new SchedulingFramework(registry, { schedulerName: 'test', plugins: entries ?? Object.keys(plugins).map((name) => ({ name })) }, {
    clock,
    snapshot: () => snapshot,
    nominator: new Nominator(),
    binder: new FakeBinder(),
    random: () => 0,
  });
}

describe('SchedulingFramework', () => {
  it('rejects unknown plugins, duplicates and non-positive weights', () => {
    expect(() => framework({}, [{ name: 'Nope' }])).toThrow(/does not exist/);
    const p = { name: 'S', score: () => 1 };
    expect(() => framework({ S: p }, [{ name: 'S' }, { name: 'S' }])).toThrow(/already registered/);
    expect(() => framework({ S: p }, [{ name: 'S', weight: 0 }])).toThrow(/weight/);
  });

  it('Filter stops at the first rejection and attributes it; PreFilter Skip suppresses the plugin\'s Filter', () => {
    const calls: string[] = [];
    const fwk = framework({
      Skipper: { name: 'Skipper', preFilter: () => Status.skip(), filter: () => (calls.push('Skipper'), Status.unschedulable('never')) } as Plugin,
      First: { name: 'First', filter: (_s: CycleState, n: NodeInfo) => (calls.push('First'), n.name === 'a' ? Status.unschedulable('no a') : null) } as Plugin,
      Second: { name: 'Second', filter: () => (calls.push('Second'), null) } as Plugin,
    });
    const state = podState();
    expect(fwk.runPreFilterPlugins(state, snapshot.list()).status).toBeNull();
    const s = fwk.runFilterPlugins(state, snapshot.get('a')!);
    expect([s?.code, s?.plugin, s?.message()]).toEqual([Code.Unschedulable, 'First', 'no a']);
    expect(calls).toEqual(['First']);
    expect(fwk.runFilterPlugins(state, snapshot.get('b')!)).toBeNull();
  });

  it('turns a non-rejecting Filter failure or a throw into an Error naming the plugin', () => {
    const fwk = framework({ Boom: { name: 'Boom', filter: () => { throw new Error('kaput'); } } as Plugin });
    const s = fwk.runFilterPlugins(podState(), snapshot.get('a')!);
    expect(s?.code).toBe(Code.Error);
    expect(s?.message()).toBe('running "Boom" filter plugin: kaput');
  });

  it('intersects PreFilter node sets and fails when they are disjoint', () => {
    const names = (n: string[]) => ({ nodeNames: new Set(n) });
    const fwk = framework({ A: { name: 'A', preFilter: () => names(['a', 'b']) } as Plugin, B: { name: 'B', preFilter: () => names(['b']) } as Plugin });
    expect([...fwk.runPreFilterPlugins(podState(), snapshot.list()).nodeNames!]).toEqual(['b']);
    const disjoint = framework({ A: { name: 'A', preFilter: () => names(['a']) } as Plugin, B: { name: 'B', preFilter: () => names(['b']) } as Plugin });
    const out = disjoint.runPreFilterPlugins(podState(), snapshot.list());
    expect(out.status?.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(out.status?.message()).toBe("node(s) didn't satisfy plugin(s) [A B] simultaneously");
  });

  it('normalizes, range-checks and weights scores', () => {
    const fwk = framework(
      {
        Raw: { name: 'Raw', score: (_s: CycleState, n: NodeInfo) => (n.name === 'a' ? 10 : 5), normalizeScore: (_s: CycleState, l: { scores: number[] }) => ((l.scores[0] = 100), (l.scores[1] = 50), null) } as Plugin,
        Flat: { name: 'Flat', score: () => 7 } as Plugin,
      },
      [{ name: 'Raw', weight: 2 }, { name: 'Flat', weight: 3 }],
    );
    expect(fwk.runScorePlugins(podState(), snapshot.list())).toEqual([221, 121]);
    const bad = framework({ Big: { name: 'Big', score: () => 101 } as Plugin });
    const s = bad.runScorePlugins(podState(), snapshot.list()) as Status;
    expect(s.message()).toBe('plugin "Big" returns an invalid score 101, it should in the range of [0, 100] after normalizing');
  });

  it('Permit Wait holds the pod until every waiting plugin allows it', async () => {
    const fwk = framework({ W1: { name: 'W1', permit: () => Status.wait(10_000) } as Plugin, W2: { name: 'W2', permit: () => Status.wait(10_000) } as Plugin });
    const state = podState();
    expect(fwk.binding.permit(state, 'a')?.code).toBe(Code.Wait);
    const wp = fwk.getWaitingPod('p')!;
    expect(wp.pendingPlugins().sort()).toEqual(['W1', 'W2']);
    const done = fwk.binding.waitOnPermit(state);
    wp.allow('W1');
    wp.allow('W2');
    expect(await done).toBeNull();
    expect(fwk.getWaitingPod('p')).toBeUndefined();
  });

  it('Permit Wait times out as an Unschedulable rejection', async () => {
    const clock = new FakeClock();
    const fwk = framework({ W: { name: 'W', permit: () => Status.wait(5000) } as Plugin }, undefined, clock);
    const state = podState();
    fwk.binding.permit(state, 'a');
    const done = fwk.binding.waitOnPermit(state);
    clock.advance(5000);
    const s = await done;
    expect([s?.code, s?.plugin, s?.message()]).toEqual([Code.Unschedulable, 'W', 'rejected due to timeout after waiting 5s at plugin W']);
  });

  it('Bind tries plugins until one does not Skip; errors name the outcome', async () => {
    const bound: string[] = [];
    const fwk = framework({
      Skipper: { name: 'Skipper', bind: async () => Status.skip() } as Plugin,
      Real: { name: 'Real', bind: async (_s: CycleState, node: string) => (bound.push(node), null) } as Plugin,
    });
    expect(await fwk.binding.bind(podState(), 'b')).toBeNull();
    expect(bound).toEqual(['b']);
    const failing = framework({ Bad: { name: 'Bad', bind: async () => Status.error(new Error('conflict')) } as Plugin });
    expect((await failing.binding.bind(podState(), 'b'))?.message()).toBe('bind status: Error, conflict');
    expect((await framework({}).binding.bind(podState(), 'b'))?.code).toBe(Code.Error);
  });

  it('Unreserve runs in reverse order and survives a throwing plugin', () => {
    const order: string[] = [];
    const mk = (name: string, opts: { throws?: boolean } = {}) =>
      ({
        name,
        reserve: () => null,
        unreserve: () => {
          order.push(name);
          if (opts.throws) throw new Error(name);
        },
      }) as Plugin;
    const fwk = framework({ A: mk('A'), B: mk('B', { throws: true }), C: mk('C') });
    const errors = fwk.binding.unreserve(podState(), 'a');
    expect(order).toEqual(['C', 'B', 'A']);
    expect(errors).toHaveLength(1);
  });
});
