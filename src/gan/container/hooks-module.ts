import { ContainerModule, type Newable } from 'inversify';
import { TOKENS } from '../../core/di/tokens.js';
import type { Hook } from '../hooks-runtime/hook.js';

/**
 * The container module of the hooks: each multi-bound to `TOKENS.Hook` in the order given,
 * instances as constants and `@injectable()` classes built by the container (they may
 * `@inject` any token).
 *
 * @param hooks - the run's hooks.
 * @returns the module.
 */
export function hooksModule(hooks: ReadonlyArray<Hook | Newable<Hook>>): ContainerModule {
  return new ContainerModule(({ bind }) => {
    for (const hook of hooks) {
      if (typeof hook === 'function') bind<Hook>(TOKENS.Hook).to(hook);
      else bind<Hook>(TOKENS.Hook).toConstantValue(hook);
    }
  });
}
