export { createScheduler, type Scheduler, type SchedulerDeps, type FireOutcome, type Schedulable } from './scheduler.js';
export { createRedisRunCoordinator } from './coordinator.js';
