/**
 * Loading config: read every YAML file, validate it, resolve relative URLs,
 * and check the files against each other. All problems of all files are
 * collected before failing, so an operator fixes them in one pass; nothing
 * is returned half-configured.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { resolveCategories } from './categories.js';
import { feedFileSchema, type FeedConfig } from './feed-schema.js';
import { sourceFileSchema, type SourceConfig, type SourceFile } from './source-schema.js';
import { taxonomyFileSchema, type Taxonomy } from './taxonomy-schema.js';
import { resolveRef } from './url-ref.js';

export interface AppConfig {
  sources: SourceConfig[];
  feeds: FeedConfig[];
  /** config/taxonomy.yaml: the categories of `/categories/{slug}` and of every source's mapping. */
  taxonomy: Taxonomy;
}

/** Where a config dir keeps its taxonomy. */
export function taxonomyPath(configDir: string): string {
  return path.join(configDir, 'taxonomy.yaml');
}

export interface ConfigDirs {
  /** Holds `sources/*.yaml`. */
  configDir: string;
  /** Holds one `*.yaml` per published feed. */
  feedsDir: string;
}

/** Every problem found, each naming its file; thrown as one error. */
export class ConfigProblems extends ConfigError {
  constructor(readonly all: readonly ConfigError[]) {
    super(all.map((e) => e.file).join(', '), all.map((e) => e.message));
    this.message = all.map((e) => e.message).join('\n');
  }
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `${where}: ${issue.message}`;
  });
}

async function yamlFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new ConfigError(dir, [`cannot read directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  return names
    .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
    .sort()
    .map((n) => path.join(dir, n));
}

async function readYaml(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = error.linePos?.[0];
      throw new ConfigError(file, [`YAML syntax${line ? ` at line ${line.line}` : ''}: ${error.message.split('\n')[0]}`]);
    }
    throw error;
  }
}

type YamlReader = (file: string) => Promise<unknown>;

/**
 * readYaml, each file parsed once: loadConfig's sources read their siblings to find the profile they extend,
 * and parsing the same files again for each of them was half the YAML work (and its garbage) of every
 * role's start.
 */
function readingOnce(): YamlReader {
  const parsed = new Map<string, Promise<unknown>>();
  return (file) => {
    let p = parsed.get(file);
    if (p === undefined) {
      p = readYaml(file);
      parsed.set(file, p);
    }
    return p;
  };
}

function resolveUrls(source: SourceFile, file: string): SourceConfig {
  const base = source.baseUrl.endsWith('/') ? source.baseUrl : `${source.baseUrl}/`;
  // Every URL was checked by the schema (url-ref.ts), with this same rule.
  const resolve = (ref: string): string => resolveRef(ref, base);
  const { events } = source.discovery;
  return {
    ...source,
    baseUrl: new URL(base).toString().replace(/\/$/, ''),
    discovery: {
      ...source.discovery,
      feeds: source.discovery.feeds.map(resolve),
      listings: source.discovery.listings.map(resolve),
      sitemaps: source.discovery.sitemaps.map(resolve),
      events: { ...events, list: events.list === null ? null : resolve(events.list) },
    },
    file,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `profile: { extends: kinhtedothi, ... }`: sister sites on one CMS share a
 * profile. The base is the source with that id in the same directory; every
 * profile field the file does not give is inherited, except `cases`, whose
 * fixtures belong to the file that declares them.
 */
async function withBaseProfile(raw: unknown, file: string, read: YamlReader): Promise<unknown> {
  if (!isRecord(raw) || !isRecord(raw.profile) || raw.profile.extends === undefined) return raw;
  const { extends: baseId, ...own } = raw.profile;
  if (typeof baseId !== 'string') throw new ConfigError(file, ['profile.extends: must be the id of another source']);
  const dir = path.dirname(file);
  let base: Record<string, unknown> | null = null;
  for (const sibling of await yamlFiles(dir)) {
    if (path.resolve(sibling) === path.resolve(file)) continue;
    // A sibling that does not parse is reported when it is loaded itself; here it just cannot be the base.
    const other = await read(sibling).catch(() => null);
    if (isRecord(other) && other.id === baseId && isRecord(other.profile)) base = other.profile;
  }
  if (base === null) throw new ConfigError(file, [`profile.extends: no source with id "${baseId}" and a profile in ${dir}`]);
  if (base.extends !== undefined) {
    throw new ConfigError(file, [`profile.extends: "${baseId}" extends another profile itself; extend that one directly`]);
  }
  const { cases: _inheritedCases, ...inherited } = base;
  return { ...raw, profile: { ...inherited, ...own } };
}

export async function loadTaxonomy(file: string): Promise<Taxonomy> {
  let raw: unknown;
  try {
    raw = await readYaml(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined) throw new ConfigError(file, [`cannot read the taxonomy (${code})`]);
    throw error;
  }
  const parsed = taxonomyFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(file, describeIssues(parsed.error.issues));
  return { ...parsed.data, file };
}

/**
 * The taxonomy a lone source file is read with (`sources add`, fixtures):
 * `../taxonomy.yaml` beside its `sources/` folder, or none when that file
 * does not exist, in which case the source may map no categories.
 */
async function siblingTaxonomy(file: string): Promise<Taxonomy | null> {
  const candidate = taxonomyPath(path.dirname(path.dirname(file)));
  try {
    await readFile(candidate);
  } catch {
    return null;
  }
  return loadTaxonomy(candidate);
}

export async function loadSourceFile(file: string, taxonomy?: Taxonomy | null): Promise<SourceConfig> {
  return loadSource(file, taxonomy, readYaml);
}

async function loadSource(file: string, taxonomy: Taxonomy | null | undefined, read: YamlReader): Promise<SourceConfig> {
  const parsed = sourceFileSchema.safeParse(await withBaseProfile(await read(file), file, read));
  if (!parsed.success) throw new ConfigError(file, describeIssues(parsed.error.issues));
  const { rules, problems } = resolveCategories(parsed.data, taxonomy === undefined ? await siblingTaxonomy(file) : taxonomy);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return { ...resolveUrls(parsed.data, file), categoryRules: rules };
}

export async function loadFeedFile(file: string): Promise<FeedConfig> {
  const parsed = feedFileSchema.safeParse(await readYaml(file));
  if (!parsed.success) throw new ConfigError(file, describeIssues(parsed.error.issues));
  return { ...parsed.data, file };
}

async function settle<T>(files: string[], load: (f: string) => Promise<T>, problems: ConfigError[]): Promise<T[]> {
  const out: T[] = [];
  for (const file of files) {
    try {
      out.push(await load(file));
    } catch (error) {
      if (error instanceof ConfigError) problems.push(error);
      else throw error;
    }
  }
  return out;
}

export async function loadConfig(dirs: ConfigDirs): Promise<AppConfig> {
  const problems: ConfigError[] = [];
  const sourcesDir = path.join(dirs.configDir, 'sources');
  const sourceFiles = await yamlFiles(sourcesDir).catch((e: unknown) => {
    if (e instanceof ConfigError) problems.push(e);
    return [];
  });
  const feedFiles = await yamlFiles(dirs.feedsDir).catch((e: unknown) => {
    if (e instanceof ConfigError) problems.push(e);
    return [];
  });
  let taxonomy: Taxonomy | null = null;
  try {
    taxonomy = await loadTaxonomy(taxonomyPath(dirs.configDir));
  } catch (error) {
    if (error instanceof ConfigError) problems.push(error);
    else throw error;
  }
  const read = readingOnce();
  const sources = await settle(sourceFiles, (f) => loadSource(f, taxonomy, read), problems);
  const feeds = await settle(feedFiles, loadFeedFile, problems);

  if (problems.length === 0 && sourceFiles.length === 0) problems.push(new ConfigError(sourcesDir, ['no source files (*.yaml)']));
  if (problems.length === 0 && feedFiles.length === 0) problems.push(new ConfigError(dirs.feedsDir, ['no feed files (*.yaml)']));

  const sourceIds = new Map<string, string>();
  for (const s of sources) {
    const other = sourceIds.get(s.id);
    if (other) problems.push(new ConfigError(s.file, [`id: "${s.id}" is already used by ${other}`]));
    sourceIds.set(s.id, s.file);
  }
  const feedSlugs = new Map<string, string>();
  for (const f of feeds) {
    const other = feedSlugs.get(f.slug);
    if (other) problems.push(new ConfigError(f.file, [`slug: "${f.slug}" is already used by ${other}`]));
    feedSlugs.set(f.slug, f.file);
    const categories = new Set((taxonomy?.categories ?? []).map((c) => c.slug));
    for (const [field, rule] of [['include', f.include], ['exclude', f.exclude]] as const) {
      if (rule === 'all') continue;
      rule.sources.forEach((id, i) => {
        if (!sourceIds.has(id)) problems.push(new ConfigError(f.file, [`${field}.sources.${i}: no source has id "${id}"`]));
      });
      // Without a readable taxonomy its own error says why; one line per feed would only repeat it.
      if (taxonomy) {
        rule.categories.forEach((slug, i) => {
          if (!categories.has(slug)) problems.push(new ConfigError(f.file, [`${field}.categories.${i}: no category "${slug}" in ${taxonomy.file}`]));
        });
      }
    }
  }

  if (problems.length > 0 || taxonomy === null) throw new ConfigProblems(problems);
  return { sources, feeds, taxonomy };
}
