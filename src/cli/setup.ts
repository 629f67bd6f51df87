/**
 * What every command needs first: settings from the environment (with
 * --config/--feeds taking precedence), the validated config, a logger. A bad
 * config ends the process with exit code 2 and one line per problem, each
 * naming the file and the field.
 */
import { readFileSync } from 'node:fs';
import { loadConfig, readSettings, type AppConfig, type Settings } from '../config/index.js';
import { systemClock } from '../core/clock.js';
import { ConfigError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/log.js';
import { openContext, type Context } from '../roles/context.js';

export const EXIT_CONFIG = 2;

export class ExitError extends Error {
  readonly kind = 'exit';

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface GlobalOptions {
  config?: string;
  feeds?: string;
}

export function packageVersion(): string {
  // src/cli and dist/cli are both two levels below the package root.
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

export function settingsFrom(options: GlobalOptions): Settings {
  try {
    return readSettings({
      ...process.env,
      ...(options.config ? { BANTIN_CONFIG: options.config } : {}),
      ...(options.feeds ? { BANTIN_FEEDS: options.feeds } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new ExitError(EXIT_CONFIG, `bantin: invalid environment: ${error.problems.join('; ')}`);
    throw error;
  }
}

export async function configFrom(settings: Settings): Promise<AppConfig> {
  try {
    return await loadConfig({ configDir: settings.BANTIN_CONFIG, feedsDir: settings.BANTIN_FEEDS });
  } catch (error) {
    if (error instanceof ConfigError) {
      const lines = error.message.split('\n').map((l) => `bantin: config error: ${l}`);
      throw new ExitError(EXIT_CONFIG, lines.join('\n'));
    }
    throw error;
  }
}

export async function setup(options: GlobalOptions): Promise<{ settings: Settings; config: AppConfig; log: Logger }> {
  const settings = settingsFrom(options);
  const config = await configFrom(settings);
  const log = createLogger({ level: settings.LOG_LEVEL });
  return { settings, config, log };
}

export async function context(options: GlobalOptions): Promise<Context> {
  const { settings, config, log } = await setup(options);
  return openContext({ settings, config, log, clock: systemClock, version: packageVersion() });
}

/** A `--name N` option that must be a whole number ≥ 1: `fallback` when it is not given, exit 2 naming it when it is not one. */
export function countOption(command: string, name: string, text: string | boolean | undefined, fallback: number): number;
export function countOption(command: string, name: string, text: string | boolean | undefined, fallback: null): number | null;
export function countOption(command: string, name: string, text: string | boolean | undefined, fallback: number | null): number | null {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (typeof text !== 'string' || !Number.isInteger(n) || n < 1) throw new ExitError(2, `bantin ${command}: --${name} must be a whole number ≥ 1, got "${String(text)}"`);
  return n;
}
