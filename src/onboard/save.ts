/**
 * Writing the new source: first into a staging directory, where the file is
 * loaded by the same loader as every source and its cases are run, then
 * (with --write) into the config directory. A draft that does not load or
 * whose own cases fail is never installed.
 */
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import { loadSourceFile } from '../config/index.js';
import { runProfileCases, type CaseResult } from '../normalize/index.js';
import { draftCases, type SkippedCase } from './cases.js';
import { OnboardError } from './errors.js';
import type { Onboarding } from './onboard.js';
import { sourceObject } from './source-file.js';
import { sourceYaml } from './write.js';
import { notesFor } from './report.js';

export interface Staged {
  yaml: string;
  /** File names of the saved samples, relative to the YAML file. */
  fixtures: string[];
  results: CaseResult[];
  skipped: SkippedCase[];
  /** Copies the file and its samples into `<configDir>/sources/`; refuses to replace a file unless `force`. */
  install(configDir: string, opts: { force: boolean }): Promise<{ file: string; samplesDir: string }>;
  remove(): Promise<void>;
}

export const sourceFilePath = (configDir: string, id: string): string => path.join(configDir, 'sources', `${id}.yaml`);

export async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function load(file: string): Promise<Awaited<ReturnType<typeof loadSourceFile>>> {
  try {
    return await loadSourceFile(file);
  } catch (error) {
    if (error instanceof ConfigError) throw new OnboardError('invalid-draft', `the drafted source does not load: ${error.message}`, { cause: error });
    throw error;
  }
}

export async function stageSource(o: Onboarding, opts: { minIntervalMs: number; command: string; date: string }): Promise<Staged> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-sources-add-'));
  const sources = path.join(dir, 'sources');
  const file = path.join(sources, `${o.id}.yaml`);
  const fixture = (n: number): string => `${o.id}/sample-${n}.html`;
  const input = { ...o, minIntervalMs: opts.minIntervalMs, draft: o.learned.draft };
  try {
    await mkdir(path.join(sources, o.id), { recursive: true });
    // Once without cases, to read the samples with the source as it will load; then with them.
    await writeFile(file, sourceYaml(sourceObject({ ...input, cases: [] }), { header: [], profile: [] }));
    const { cases, skipped } = draftCases(await load(file), o.samples, fixture);
    for (const c of cases) await writeFile(path.join(sources, c.case.fixture), o.samples[c.sample]!.body);
    const yaml = sourceYaml(sourceObject({ ...input, cases: cases.map((c) => c.case) }), notesFor(o, { ...opts, cases: cases.length }));
    await writeFile(file, yaml);
    const results = await runProfileCases(await load(file));
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) {
      const first = failed[0]!;
      throw new OnboardError('invalid-draft', `the drafted profile fails its own case ${first.fixture}: ${first.error ?? first.mismatches.map((m) => m.field).join(', ')}`);
    }
    return {
      yaml,
      fixtures: cases.map((c) => c.case.fixture),
      results,
      skipped,
      async install(configDir, { force }) {
        const target = sourceFilePath(configDir, o.id);
        if (!force && (await exists(target))) throw new OnboardError('exists', `${target} exists; --force replaces it`);
        const samplesDir = path.join(configDir, 'sources', o.id);
        await mkdir(samplesDir, { recursive: true });
        // Samples of an earlier run would be orphans no case reads.
        for (const old of await readdir(samplesDir)) if (/^sample-\d+\.html$/.test(old)) await rm(path.join(samplesDir, old));
        await cp(path.join(sources, o.id), samplesDir, { recursive: true });
        await writeFile(target, yaml);
        return { file: target, samplesDir };
      },
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
