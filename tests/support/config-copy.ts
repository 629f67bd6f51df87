/**
 * A copy of the shipped config with the Kinhtedothi source pointed at the
 * fixture site: what an operator does to crawl a mirror or a local copy.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ConfigCopy {
  configDir: string;
  feedsDir: string;
  remove(): Promise<void>;
}

export async function configFor(origin: string, edits: [string | RegExp, string][] = []): Promise<ConfigCopy> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-e2e-config-'));
  await cp(path.join(ROOT, 'config'), path.join(dir, 'config'), { recursive: true });
  const file = path.join(dir, 'config/sources/kinhtedothi.yaml');
  let yaml = (await readFile(file, 'utf8')).replace('baseUrl: https://kinhtedothi.vn', `baseUrl: ${origin}`);
  // The fixture site needs no politeness delay; everything else is the shipped file.
  yaml = yaml.replace(/minIntervalMs: \d+/, 'minIntervalMs: 0');
  for (const [from, to] of edits) yaml = yaml.replace(from, to);
  await writeFile(file, yaml);
  return {
    configDir: path.join(dir, 'config'),
    feedsDir: path.join(ROOT, 'feeds'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
