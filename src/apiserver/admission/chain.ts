/**
 * The admission chain in Kubernetes' order: every plugin's `mutate` (in plugin order), then — after the registry's
 * schema validation — every plugin's `validate`. A plugin rejects by throwing an ApiError.
 */
import type { Admission, AdmissionAttributes } from '../registry/context.js';

export interface AdmissionPlugin {
  readonly name: string;
  mutate?(attrs: AdmissionAttributes): Promise<void> | void;
  validate?(attrs: AdmissionAttributes): Promise<void> | void;
}

export class AdmissionChain implements Admission {
  private readonly plugins: AdmissionPlugin[];

  constructor(plugins: readonly AdmissionPlugin[]) {
    this.plugins = [...plugins];
  }

  /** Appends plugins (they run after the ones already present). */
  add(...plugins: AdmissionPlugin[]): void {
    this.plugins.push(...plugins);
  }

  async mutate(attrs: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) if (p.mutate) await p.mutate(attrs);
  }

  async validate(attrs: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) if (p.validate) await p.validate(attrs);
  }
}
