/**
 * The `bantin` command. Each subcommand is a small module; this file only
 * dispatches, prints help, and turns typed errors into exit codes.
 */
import { ConfigError } from '../core/errors.js';
import { RedisServerError } from '../redis/server.js';
import { helpText, parse, type Command } from './command.js';
import { roleCommands } from './commands/roles.js';
import { ExitError, EXIT_CONFIG } from './setup.js';

/**
 * Every command but the roles, loaded only when one of them (or the usage)
 * is asked for: a long-running role would otherwise hold the ops API, Bull
 * Board, Hono and the onboarding stack in memory for nothing.
 */
async function otherCommands(): Promise<Command[]> {
  const [crawl, sources, sourcesAdd, jobs, sourceControl, unlock, storeMigrate, storeCheck, storePrune, extract, checkConfig] = await Promise.all([
    import('./commands/crawl.js'),
    import('./commands/sources.js'),
    import('./commands/sources-add.js'),
    import('./commands/jobs.js'),
    import('./commands/source-control.js'),
    import('./commands/unlock.js'),
    import('./commands/store-migrate.js'),
    import('./commands/store-check.js'),
    import('./commands/store-prune.js'),
    import('./commands/extract.js'),
    import('./commands/check-config.js'),
  ]);
  return [
    crawl.crawlCommand,
    sources.sourcesCommand,
    sourcesAdd.sourcesAddCommand,
    jobs.jobsCommand,
    ...sourceControl.sourceControlCommands,
    unlock.unlockCommand,
    storeMigrate.storeMigrateCommand,
    storeCheck.storeCheckCommand,
    storePrune.storePruneCommand,
    extract.extractCommand,
    checkConfig.checkConfigCommand,
  ];
}

function usage(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'bantin: Vietnamese news, crawled and re-published as RSS, Atom and JSON Feed',
    '',
    'Usage: bantin <command> [options]   (bantin <command> --help for its options)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const isRole = roleCommands.some((c) => c.name === name);
  const commands = isRole ? roleCommands : [...roleCommands, ...(await otherCommands())];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage(commands));
    return name === undefined ? 2 : 0;
  }
  // Two-word commands (`sources add`) take their second word off the arguments.
  const command = commands.find((c) => c.name === `${name} ${rest[0]}`) ?? commands.find((c) => c.name === name);
  const args = command?.name.includes(' ') ? rest.slice(1) : rest;
  if (!command) {
    console.error(`bantin: unknown command "${name}"\n\n${usage(commands)}`);
    return 2;
  }
  try {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(command, args);
    } catch (error) {
      console.error(`bantin ${name}: ${(error as Error).message}\n\n${helpText(command)}`);
      return 2;
    }
    if (parsed.values.help) {
      console.log(helpText(command));
      return 0;
    }
    return await command.run(parsed.values, parsed.positionals);
  } catch (error) {
    if (error instanceof ExitError) {
      console.error(error.message);
      return error.code;
    }
    if (error instanceof ConfigError) {
      console.error(`bantin: config error: ${error.message}`);
      return EXIT_CONFIG;
    }
    if (error instanceof RedisServerError) {
      console.error(`bantin: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
