/**
 * `bantin sources add URL`: a new site in one command. Probes it through the
 * crawl's own fetcher (robots.txt, the host's budget in the service's
 * Redis, the SSRF guard), samples its articles, learns a profile, and
 * prints what it found. With --write it saves config/sources/ID.yaml and the
 * sampled pages its cases read; without, it prints the YAML on stdout (the
 * report then goes to stderr, so the YAML can be redirected) and saves
 * nothing.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { loadSourceFile, type SourceConfig, type Taxonomy } from '../../config/index.js';
import { SLUG } from '../../core/article.js';
import { systemClock } from '../../core/clock.js';
import { ConfigError } from '../../core/errors.js';
import { createLogger } from '../../core/log.js';
import { toVnIso } from '../../core/time.js';
import { slugify } from '../../normalize/index.js';
import { baseUrlOf, exists, onboardSite, OnboardError, reportLines, siteOf, sourceFilePath, stageSource, trialSource } from '../../onboard/index.js';
import { openContext } from '../../roles/context.js';
import type { Command } from '../command.js';

/** The probe serves no feed, so its context needs no categories. */
const NO_FEEDS_TAXONOMY: Taxonomy = { categories: [], file: '(none: sources add publishes no feed)' };
import { EXIT_CONFIG, ExitError, packageVersion, settingsFrom } from '../setup.js';

const NAME = 'bantin sources add';
const DEFAULT_SAMPLES = 12;

function fail(message: string): never {
  throw new ExitError(2, `${NAME}: ${message}`);
}

/** The sources already configured; an empty or missing directory is a fresh start, not an error. */
async function existingSources(configDir: string): Promise<SourceConfig[]> {
  const dir = path.join(configDir, 'sources');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const sources: SourceConfig[] = [];
  const problems: string[] = [];
  for (const name of names) {
    try {
      sources.push(await loadSourceFile(path.join(dir, name)));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(`bantin: config error: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new ExitError(EXIT_CONFIG, problems.join('\n'));
  return sources;
}

/** `vnexpress.net` → `vnexpress`; `phapluatxahoi.kinhtedothi.vn` → `phapluatxahoi`; an address → its digits. */
function defaultId(url: string): string {
  const host = siteOf(url);
  return slugify(/^[\d.:[\]]+$/.test(host) ? `site-${host}` : (host.split('.')[0] ?? host));
}

function whole(text: string | undefined, fallback: number, min: number, what: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) fail(`${what} must be a whole number ≥ ${min}, got "${text}"`);
  return n;
}

export const sourcesAddCommand: Command = {
  name: 'sources add',
  summary: 'add a site: find its feeds, sitemaps and sections, learn a profile from its articles',
  usage: `${NAME} URL [--id ID] [--name NAME] [--samples N] [--min-interval-ms MS] [--write] [--force]

  --id ID               the source id (default: from the host, vnexpress.net → vnexpress)
  --name NAME           its display name (default: og:site_name or the home page title)
  --samples N           article pages to learn from (default ${DEFAULT_SAMPLES})
  --min-interval-ms MS  the pace of this command's requests to the site, and the source's
                        politeness.minIntervalMs (default 1000)
  --write               save config/sources/ID.yaml and its sampled pages (default: print the YAML)
  --force               replace an existing config/sources/ID.yaml`,
  options: {
    id: { type: 'string' },
    name: { type: 'string' },
    samples: { type: 'string' },
    'min-interval-ms': { type: 'string' },
    write: { type: 'boolean' },
    force: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(values, positionals) {
    const [url, ...extra] = positionals;
    if (url === undefined || extra.length > 0) fail('give exactly one URL, the site’s home page');
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) fail(`"${url}" is not an http(s) URL`);
    const id = (values.id as string | undefined) ?? defaultId(url);
    if (!SLUG.test(id)) fail(`--id must be an ASCII slug (a-z, 0-9, hyphens), got "${id}"`);
    const samples = whole(values.samples as string | undefined, DEFAULT_SAMPLES, 1, '--samples');
    const minIntervalMs = whole(values['min-interval-ms'] as string | undefined, 1000, 0, '--min-interval-ms');
    const write = values.write === true;

    const settings = settingsFrom({ config: values.config as string | undefined, feeds: values.feeds as string | undefined });
    const configDir = settings.BANTIN_CONFIG;
    const target = sourceFilePath(configDir, id);
    const existing = await existingSources(configDir);
    const clash = existing.find((s) => s.id === id && path.resolve(s.file) !== path.resolve(target));
    if (clash) fail(`id "${id}" is already used by ${clash.file}; choose another with --id`);
    if (write && values.force !== true && (await exists(target))) fail(`${target} exists; --force replaces it`);

    // With --write the report is the output; without, stdout is the YAML alone.
    const out = write ? process.stdout : process.stderr;
    const same = existing.find((s) => s.id !== id && siteOf(s.baseUrl) === siteOf(url));
    if (same) out.write(`note: ${same.file} already crawls ${siteOf(url)}\n`);

    // Logs go to stderr, never into the YAML on stdout.
    const log = createLogger({ level: settings.LOG_LEVEL, destination: process.stderr });
    const draft = trialSource(id, baseUrlOf(url), {}, { minIntervalMs });
    const ctx = await openContext({ settings, config: { sources: [...existing, draft], feeds: [], taxonomy: NO_FEEDS_TAXONOMY }, log, clock: systemClock, version: packageVersion() });
    const { buildFetcher } = await import('../../roles/fetcher.js');
    const fetcher = buildFetcher(ctx, ctx.connect('commands'));
    try {
      const onboarding = await onboardSite({ url, id, name: (values.name as string | undefined) ?? null, samples }, { fetcher, now: () => ctx.clock.now(), step: (line) => process.stderr.write(`${line}\n`) });
      const date = toVnIso(ctx.clock.now()).slice(0, 10);
      const staged = await stageSource(onboarding, { minIntervalMs, command: `${NAME} ${url}`, date });
      try {
        out.write(`${reportLines(onboarding).join('\n')}\n`);
        out.write(`cases:      ${staged.results.length} written, ${staged.results.filter((r) => r.ok).length} pass${staged.skipped.map((s) => `; skipped ${s.url}: ${s.reason}`).join('')}\n`);
        if (!write) {
          process.stdout.write(staged.yaml);
          out.write(`(not saved: --write saves ${target} and its ${staged.fixtures.length} sampled pages)\n`);
          return 0;
        }
        const saved = await staged.install(configDir, { force: values.force === true });
        out.write(`wrote ${saved.file} and ${staged.fixtures.length} sampled page(s) in ${saved.samplesDir}\n`);
        return 0;
      } finally {
        await staged.remove();
      }
    } catch (error) {
      if (error instanceof OnboardError) throw new ExitError(error.failure === 'exists' ? 2 : 1, `${NAME}: ${error.message}`);
      throw error;
    } finally {
      await fetcher.close();
      await ctx.close();
    }
  },
};
