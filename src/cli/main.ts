/**
 * The `bantin` command. Each subcommand is a small module; this file only
 * dispatches, prints help, and turns typed errors into exit codes.
 */
import { ConfigError } from '../core/errors.js';
import { RedisServerError } from '../redis/server.js';
import { helpText, parse, type Command } from './command.js';
import { checkConfigCommand } from './commands/check-config.js';
import { crawlCommand } from './commands/crawl.js';
import { extractCommand } from './commands/extract.js';
import { jobsCommand } from './commands/jobs.js';
import { roleCommands } from './commands/roles.js';
import { sourceControlCommands } from './commands/source-control.js';
import { sourcesCommand } from './commands/sources.js';
import { sourcesAddCommand } from './commands/sources-add.js';
import { storeMigrateCommand } from './commands/store-migrate.js';
import { unlockCommand } from './commands/unlock.js';
import { ExitError, EXIT_CONFIG } from './setup.js';

const COMMANDS: Command[] = [
  ...roleCommands,
  crawlCommand,
  sourcesCommand,
  sourcesAddCommand,
  jobsCommand,
  ...sourceControlCommands,
  unlockCommand,
  storeMigrateCommand,
  extractCommand,
  checkConfigCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'bantin: Vietnamese news, crawled and re-published as RSS, Atom and JSON Feed',
    '',
    'Usage: bantin <command> [options]   (bantin <command> --help for its options)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  // Two-word commands (`sources add`) take their second word off the arguments.
  const command = COMMANDS.find((c) => c.name === `${name} ${rest[0]}`) ?? COMMANDS.find((c) => c.name === name);
  const args = command?.name.includes(' ') ? rest.slice(1) : rest;
  if (!command) {
    console.error(`bantin: unknown command "${name}"\n\n${usage()}`);
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
