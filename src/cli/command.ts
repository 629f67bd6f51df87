import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

export const GLOBAL_OPTIONS = {
  config: { type: 'string' },
  feeds: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const GLOBAL_HELP = `  --config DIR   config directory holding sources/*.yaml (env BANTIN_CONFIG, default ./config)
  --feeds DIR    directory of published feed definitions (env BANTIN_FEEDS, default ./feeds)
  -h, --help     this help`;

export function parse(command: Command, args: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const { values, positionals } = parseArgs({
    args,
    options: { ...GLOBAL_OPTIONS, ...command.options },
    allowPositionals: command.allowPositionals ?? false,
    strict: true,
  });
  return { values: values as Record<string, string | boolean | undefined>, positionals };
}

export function helpText(command: Command): string {
  return `bantin ${command.name}: ${command.summary}\n\nUsage: ${command.usage}\n\nOptions:\n${GLOBAL_HELP}`;
}
