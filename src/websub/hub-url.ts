/**
 * The one place the hub URL comes from: WEBSUB_HUB_URL when set (an external
 * hub bantin pings), else bantin's own `/websub` on the public origin.
 */
import type { Settings } from '../config/index.js';

export const HUB_PATH = '/websub';

/** True when bantin is the hub for its own feeds (no WEBSUB_HUB_URL). */
export function isOwnHub(settings: Pick<Settings, 'WEBSUB_HUB_URL'>): boolean {
  return settings.WEBSUB_HUB_URL === null;
}

/** The hub a feed served from `base` (no trailing slash) advertises. */
export function hubUrlFor(settings: Pick<Settings, 'WEBSUB_HUB_URL'>, base: string): string {
  return settings.WEBSUB_HUB_URL ?? `${base.replace(/\/+$/, '')}${HUB_PATH}`;
}
