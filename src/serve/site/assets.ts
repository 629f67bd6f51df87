/**
 * The files the site serves besides its pages: the stylesheet and the copy
 * script (their URLs carry a hash of their content, so they are cached for
 * a year), the feed XSLT, the icons and the web app manifest.
 */
import { createHash } from 'node:crypto';
import { SITE_NAME } from '../catalog.js';
import { buildRepresentation, type Representation } from '../representation.js';
import { COPY_JS } from './copy-js.js';
import { feedXsl } from './feed-xsl.js';
import { faviconIco, ICON_RED, iconPng, iconSvg } from './icons.js';
import { SITE_CSS } from './site-css.js';

/** Paths on this service, so a page and its assets always share an origin (XSLT requires it). */
export interface AssetUrls {
  css: string;
  js: string;
  xsl: string;
  svg: string;
  manifest: string;
  favicon: string;
  /** By pixel size: 64, 144, 192, 512. */
  png: (size: PngSize) => string;
}

export const PNG_SIZES = [64, 144, 192, 512] as const;
export type PngSize = (typeof PNG_SIZES)[number];

export interface SiteAssets {
  urls: AssetUrls;
  /** The asset at a path, `v` being its `?v=`; undefined for a path that is none. */
  find(path: string, v: string | undefined): Representation | undefined;
  paths: readonly string[];
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const DAILY = 'public, max-age=86400';
/** A hashed asset asked for under another hash: an old page; current content, not kept long. */
const SHORT = 'public, max-age=300';

const hashOf = (body: string | Uint8Array): string => createHash('sha256').update(body).digest('base64url').slice(0, 12);

function rep(text: string | Uint8Array, contentType: string, cacheControl: string): Representation {
  return buildRepresentation({ text, contentType, lastModified: null, varyOn: [], link: null, cacheControl });
}

function manifest(urls: AssetUrls): string {
  return `${JSON.stringify(
    {
      name: SITE_NAME,
      short_name: SITE_NAME,
      description: 'Tin tức Việt Nam tổng hợp từ các báo, đăng lại dưới dạng RSS, Atom và JSON Feed.',
      lang: 'vi',
      start_url: '/',
      scope: '/',
      display: 'browser',
      background_color: '#faf9f6',
      theme_color: ICON_RED,
      icons: [
        { src: urls.svg, type: 'image/svg+xml', sizes: 'any' },
        { src: urls.png(192), type: 'image/png', sizes: '192x192' },
        { src: urls.png(512), type: 'image/png', sizes: '512x512' },
      ],
    },
    null,
    2,
  )}\n`;
}

/** Built once per process, each file on its first request: drawing the PNGs takes tens of milliseconds. */
let shared: SiteAssets | null = null;

export function siteAssets(): SiteAssets {
  shared ??= build();
  return shared;
}

function lazy(make: () => Representation): () => Representation {
  let made: Representation | null = null;
  return () => (made ??= make());
}

function build(): SiteAssets {
  const cssHash = hashOf(SITE_CSS);
  const jsHash = hashOf(COPY_JS);
  const urls: AssetUrls = {
    css: `/assets/site.css?v=${cssHash}`,
    js: `/assets/copy.js?v=${jsHash}`,
    xsl: '/assets/feed.xsl',
    svg: '/icon.svg',
    manifest: '/manifest.webmanifest',
    favicon: '/favicon.ico',
    png: (size) => `/icon-${size}.png`,
  };
  const hashed = (text: string, hash: string, type: string) => ({ hash, fresh: lazy(() => rep(text, type, IMMUTABLE)), other: lazy(() => rep(text, type, SHORT)) });
  const versioned = new Map([
    ['/assets/site.css', hashed(SITE_CSS, cssHash, 'text/css; charset=utf-8')],
    ['/assets/copy.js', hashed(COPY_JS, jsHash, 'text/javascript; charset=utf-8')],
  ]);
  const plain = new Map<string, () => Representation>([
    [urls.xsl, lazy(() => rep(feedXsl({ css: urls.css, js: urls.js, icon: urls.svg }), 'text/xsl; charset=utf-8', DAILY))],
    [urls.svg, lazy(() => rep(iconSvg(), 'image/svg+xml', DAILY))],
    [urls.favicon, lazy(() => rep(faviconIco(), 'image/x-icon', DAILY))],
    [urls.manifest, lazy(() => rep(manifest(urls), 'application/manifest+json; charset=utf-8', DAILY))],
    ...PNG_SIZES.map((size): [string, () => Representation] => [urls.png(size), lazy(() => rep(iconPng(size), 'image/png', DAILY))]),
  ]);
  return {
    urls,
    paths: [...versioned.keys(), ...plain.keys()],
    find(path, v) {
      const h = versioned.get(path);
      if (h) return v === h.hash ? h.fresh() : h.other();
      return plain.get(path)?.();
    },
  };
}
