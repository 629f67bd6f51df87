export { createScheduler, type Scheduler, type SchedulerDeps, type FireOutcome } from './scheduler.js';
export { createRedisRunCoordinator } from './coordinator.js';
