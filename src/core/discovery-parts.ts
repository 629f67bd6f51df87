/**
 * The parts of discovery; events can run on their own, slower schedule.
 * Defined here rather than in discover/ so that a run job's schema (queue/)
 * and the scheduler can name them without loading the discovery stack
 * (extract, cheerio) into a role that is only waiting.
 */
export const DISCOVERY_PARTS = ['feeds', 'listings', 'sitemaps', 'events'] as const;
export type DiscoveryPart = (typeof DISCOVERY_PARTS)[number];
