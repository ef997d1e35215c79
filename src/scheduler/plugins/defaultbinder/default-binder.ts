/** DefaultBinder: binds through the scheduler's Binder port (POST pods/{name}/binding). */
import type { BindPlugin, CycleState, Handle, Plugin } from '../../framework/interface.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';

export class DefaultBinder implements BindPlugin {
  readonly name = Names.DefaultBinder;

  constructor(private readonly handle: Handle) {}

  async bind(state: CycleState, nodeName: string): Promise<Status | null> {
    try {
      await this.handle.binder.bind(state.pod.pod, nodeName);
    } catch (err) {
      return Status.error(err);
    }
    return null;
  }
}

export function newDefaultBinder(_args: unknown, h: Handle): Plugin {
  return new DefaultBinder(h);
}
