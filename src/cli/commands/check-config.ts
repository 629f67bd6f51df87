/**
 * `bantin check-config`: validate every source and feed file (exit 2 on the
 * first look, naming file and field), then run every site profile's
 * regression cases against their saved pages (exit 1 if one fails).
 */
import { runProfileCases } from '../../normalize/index.js';
import type { Command } from '../command.js';
import { configFrom, settingsFrom } from '../setup.js';

export const checkConfigCommand: Command = {
  name: 'check-config',
  summary: "validate config and feeds, and run every site profile's regression cases",
  usage: 'bantin check-config [--config DIR] [--feeds DIR]',
  options: {},
  async run(values) {
    const settings = settingsFrom({ config: values.config as string | undefined, feeds: values.feeds as string | undefined });
    const config = await configFrom(settings);
    console.log(`config ok: ${config.sources.length} source(s) in ${settings.BANTIN_CONFIG}/sources, ${config.feeds.length} feed(s) in ${settings.BANTIN_FEEDS}`);
    let passed = 0;
    let failed = 0;
    for (const source of config.sources) {
      for (const result of await runProfileCases(source)) {
        if (result.ok) {
          passed++;
          console.log(`  ok    ${source.id}  ${result.fixture}`);
          continue;
        }
        failed++;
        console.log(`  FAIL  ${source.id}  ${result.fixture}${result.error ? `: ${result.error}` : ''}`);
        for (const m of result.mismatches) {
          console.log(`        ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
        }
      }
    }
    console.log(`profile cases: ${passed} passed, ${failed} failed`);
    return failed > 0 ? 1 : 0;
  },
};
