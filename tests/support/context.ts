/**
 * A role context the way `bantin` builds one, from environment variables
 * (REDIS_URL, BANTIN_CONFIG, BANTIN_FEEDS, ...), with a silent logger: what
 * tests that start real roles in-process share.
 */
import { loadConfig, readSettings } from '../../src/config/index.js';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { openContext, type Context } from '../../src/roles/context.js';

export async function testContext(env: Record<string, string | undefined>): Promise<Context> {
  const settings = readSettings(env);
  return openContext({
    settings,
    config: await loadConfig({ configDir: settings.BANTIN_CONFIG, feedsDir: settings.BANTIN_FEEDS }),
    log: silentLogger(),
    clock: systemClock,
    version: 'test',
  });
}
