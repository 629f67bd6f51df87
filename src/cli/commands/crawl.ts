/**
 * `bantin crawl`: with --once, run the whole pipeline here and now (a line
 * per stage, a summary, exit 1 when a source failed); without it, enqueue
 * a run for the workers and print its job id.
 */
import { leaseTimes, retentionDue, type SourceConfig } from '../../config/index.js';
import { isoToMs } from '../../core/time.js';
import type { Context } from '../../roles/context.js';
import type { Command } from '../command.js';
import { context, countOption, ExitError } from '../setup.js';
import { createProgress } from '../progress.js';

function pickSources(ctx: Context, id: string | undefined): SourceConfig[] {
  if (id === undefined) return ctx.config.sources;
  const source = ctx.config.sources.find((s) => s.id === id);
  if (!source) throw new ExitError(2, `bantin crawl: no source "${id}" (known: ${ctx.config.sources.map((s) => s.id).join(', ')})`);
  return [source];
}

async function crawlHere(ctx: Context, sources: SourceConfig[], pages: number | null): Promise<number> {
  // The crawl stack is loaded only when a crawl runs, not for every CLI command.
  const { createCrawlStateStore, createProfileDriftStore, createRedisStore } = await import('../../store/index.js');
  const { buildFetcher } = await import('../../roles/fetcher.js');
  const { buildPublisher } = await import('../../roles/publisher.js');
  const { runSource } = await import('../../roles/crawl-runner.js');
  const prefix = ctx.settings.BANTIN_REDIS_PREFIX;
  const redis = ctx.connect('commands');
  const store = createRedisStore({ redis, prefix, log: ctx.log });
  const crawlState = createCrawlStateStore({ redis, prefix, clock: ctx.clock });
  const drift = createProfileDriftStore({ redis, prefix });
  const fetcher = buildFetcher(ctx, redis);
  const publisher = buildPublisher(ctx);
  let failed = 0;
  // Ctrl-C stops taking articles, lets those in flight finish, records the run and releases its lock,
  // so the same command run again goes on where this one stopped. A second Ctrl-C quits at once.
  const interrupt = new AbortController();
  const onSignal = (): void => {
    if (interrupt.signal.aborted) process.exit(130);
    process.stderr.write('\nbantin crawl: stopping after the articles in flight (again to quit now)\n');
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    for (const source of sources) {
      if (interrupt.signal.aborted) break;
      const progress = createProgress(source.id, process.stdout, ctx.clock);
      const jobId = `cli-${ctx.clock.now()}`;
      const outcome = await runSource(
        source,
        jobId,
        {
          fetcher,
          store,
          clock: ctx.clock,
          log: ctx.log,
          crawlState,
          drift,
          onChanged: (a) => publisher?.changed(a),
          lease: leaseTimes(ctx.settings),
          retention: (s, article) => retentionDue(s, ctx.settings, isoToMs(article.publishedAt), ctx.clock.now()),
        },
        { onEvent: (e) => progress.event(e), pages, signal: interrupt.signal },
      );
      if (outcome.kind === 'overlap') {
        console.log(`${source.id}: skipped, a run is already going (${outcome.runningJob ?? 'unknown job'}; if its process died, its lock lapses by itself, or \`bantin unlock ${source.id}\` clears it)`);
        continue;
      }
      progress.done(outcome.report);
      if (outcome.report.status === 'failed') failed++;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await fetcher.close();
    // Pings for what this crawl stored get a few seconds to reach the hub before the CLI exits.
    await publisher?.close(5000);
  }
  if (interrupt.signal.aborted) {
    process.stderr.write('bantin crawl: interrupted; run the same command again to go on\n');
    return 130;
  }
  return failed > 0 ? 1 : 0;
}

export const crawlCommand: Command = {
  name: 'crawl',
  summary: 'crawl now (--once) or enqueue a crawl for the workers',
  usage: 'bantin crawl [--once] [--source ID] [--backfill --pages N]',
  options: {
    once: { type: 'boolean' },
    source: { type: 'string' },
    backfill: { type: 'boolean' },
    pages: { type: 'string' },
  },
  async run(values) {
    const pages = countOption('crawl', 'pages', values.pages, null);
    // Walking N pages back is what a backfill is: one flag without the other would mean two names for one run.
    const backfill = values.backfill === true;
    if (backfill !== (pages !== null)) throw new ExitError(2, 'bantin crawl: --backfill and --pages N go together');
    const ctx = await context({ config: values.config as string | undefined, feeds: values.feeds as string | undefined });
    try {
      const sources = pickSources(ctx, values.source as string | undefined);
      if (values.once) return await crawlHere(ctx, sources, pages);
      const { createCrawlQueue } = await import('../../queue/index.js');
      const { keys } = await import('../../store/index.js');
      const queue = createCrawlQueue({ connection: ctx.connect('queue'), prefix: keys(ctx.settings.BANTIN_REDIS_PREFIX).queuePrefix, clock: ctx.clock, log: ctx.log });
      try {
        for (const source of sources) {
          const jobId = await queue.enqueueRun({ sourceId: source.id, slot: null, trigger: backfill ? 'backfill' : 'manual', pages });
          console.log(`${source.id}: enqueued ${jobId}`);
        }
      } finally {
        await queue.close();
      }
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
