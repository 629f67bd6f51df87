import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';

export type Logger = PinoLogger;

/** Built by the process entry point and passed down; never created on import. */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  return options.destination
    ? pino({ level, base: { service: 'bantin' } }, options.destination)
    : pino({ level, base: { service: 'bantin' } });
}

/** For tests and library use where logs are not wanted. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
