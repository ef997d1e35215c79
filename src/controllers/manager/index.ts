/** manager: the controller manager — one informer factory, recorders and optional leader election for N controllers. */
export { ControllerManager, type ControllerManagerExit, type ControllerManagerOptions, type LeaderElectionConfig } from './manager.js';
export {
  CONTROLLER_NAMES,
  DEFAULT_WORKERS,
  controllerFactories,
  selectControllers,
  type ControllerName,
  type ManagedControllerFactory,
  type ManagedControllerOptions,
} from './registry.js';
export { CONTROLLER_MANAGER_BURST, CONTROLLER_MANAGER_QPS, runControllerManager, type ControllerManagerHandle, type RunControllerManagerOptions } from './run.js';
export { parseGoDuration } from './duration.js';
