/**
 * Real-browser check of HTML snippets: Debian's chromium, driven by
 * playwright-core, loads them (many per page, each in its own
 * `<section data-v>`) from a loopback server and reports every sign that
 * script ran or the markup reached out:
 *
 * - a call of alert, confirm, prompt, print or console (trapped in every
 *   frame), a real dialog or console message that got past the traps, a
 *   call of the sentinel `__x(n)` every generated payload makes, or an
 *   uncaught error (the page itself has no script);
 * - a request that is not a picture or player the snippet visibly names
 *   (every request off loopback is aborted, never sent: the browser also
 *   has its DNS mapped to nothing);
 * - in the live DOM: an `on*` attribute, a link or picture whose URL the
 *   browser resolved to another scheme than http(s), mailto, tel or an
 *   in-page fragment, an unsandboxed or srcdoc iframe, a script, style,
 *   object, embed, form or base element. Every element also gets synthetic
 *   events of every usual kind, so any handler that survived would run.
 *
 * A sign the browser cannot place (a request, a deferred call) makes the
 * page split in halves until it is pinned on a single snippet, so a clean run costs one page per batch. A snippet that
 * hangs the page (a loop) times out, and the page is replaced.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-extensions', '--mute-audio',
  // Belt and braces behind the request interception: no name resolves, so nothing could leave even if a request slipped by.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** What a sign says: script ran, the page asked for something it should not, the DOM holds something it should not, or the browser complained. */
export type SignKind = 'executed' | 'request' | 'dom' | 'browser';

export interface Finding {
  /** Index into the snippets given to check(); -1 for a sign left on its page (see CheckOptions.pinpoint). */
  index: number;
  kind: SignKind;
  what: string;
}

export interface CheckOptions {
  /** Snippets per page. */
  batch?: number;
  /** Kinds of sign the browser could not place that are worth halving pages for; the rest are left at index -1. */
  pinpoint?: readonly SignKind[];
}

// Runs in every frame before anything else: the sentinel, and alert, confirm, prompt, print and console
// trapped. Each reports which section it was called from when the browser can tell (an event handler's
// target, the running <script>, the frame's <iframe>), so most signs need no halving to be located.
const INIT = `(() => {
  const section = (n) => (n && n.closest ? n.closest('section[data-v]') : null);
  const locate = () => {
    try {
      const s = section(window.event && window.event.target) || section(document.currentScript) || section(window.frameElement);
      return s ? Number(s.dataset.v) : -1;
    } catch { return -1; }
  };
  const report = (what) => {
    const sign = { v: locate(), what: String(what) };
    try { (top.__signs ||= []).push(sign); } catch { (window.__signs ||= []).push(sign); }
  };
  window.__x = (n) => report('sentinel __x(' + n + ')');
  for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = (...a) => report(name + '(' + a.map(String).join(',') + ')');
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'dir', 'table', 'trace']) console[name] = (...a) => report('console.' + name + '(' + a.map(String).join(',') + ')');
})();`;

const EVENTS = [
  'error', 'load', 'click', 'dblclick', 'auxclick', 'contextmenu', 'mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup',
  'mouseout', 'pointerover', 'pointerenter', 'pointerdown', 'focus', 'focusin', 'blur', 'focusout', 'input', 'change', 'keydown',
  'keyup', 'wheel', 'scroll', 'scrollend', 'animationstart', 'animationend', 'transitionend', 'toggle', 'beforetoggle', 'begin',
  'copy', 'paste', 'drag', 'dragstart', 'drop', 'play', 'submit', 'invalid', 'select', 'touchstart', 'message',
];

// In the page, after load: fire every event at every element, then read what the browser made of the markup.
// Kept as source text: it runs in the browser, and the project compiles without the DOM library.
const INSPECT = `(() => {
  const events = ${JSON.stringify(EVENTS)};
  const found = [];
  const safe = (u) => /^(?:https?|mailto|tel):$/.test(new URL(u, document.baseURI).protocol);
  const banned = ['script', 'style', 'object', 'embed', 'form', 'base', 'meta', 'link', 'svg', 'math', 'frame', 'template'];
  for (const section of document.querySelectorAll('body > section[data-v]')) {
    const index = Number(section.dataset.v);
    for (const el of section.querySelectorAll('*')) {
      // Plain Events, not MouseEvents: a handler runs, a link is not followed.
      for (const type of events) el.dispatchEvent(new Event(type));
      const tag = el.localName;
      const add = (what) => found.push({ index, kind: 'dom', what });
      for (const name of el.getAttributeNames()) if (/^on/i.test(name)) add('<' + tag + ' ' + name + '>');
      if (banned.includes(tag)) add('<' + tag + '> element');
      if (el.hasAttribute('style')) add('<' + tag + ' style>');
      if (el instanceof HTMLAnchorElement && el.hasAttribute('href') && !el.getAttribute('href').startsWith('#') && !safe(el.href)) add('link to ' + el.protocol);
      if (el instanceof HTMLImageElement && !safe(el.currentSrc || el.src)) add('picture from ' + el.src);
      if (el instanceof HTMLIFrameElement && (!el.hasAttribute('sandbox') || el.hasAttribute('srcdoc') || new URL(el.src).protocol !== 'https:')) add('iframe ' + el.outerHTML.slice(0, 120));
    }
  }
  return found;
})()`;

// The pictures and players the snippets name: the only requests a page may make.
const EXPECTED_REQUESTS = `[...document.querySelectorAll('body > section[data-v] img, body > section[data-v] iframe')].map((e) => e.src)`;
const SIGNS = `window.__signs || []`;

export class BrowserCheck {
  private page: Page | null = null;

  private constructor(
    private readonly context: BrowserContext,
    private readonly server: Server,
    private readonly origin: string,
    private readonly profileDir: string,
    private readonly pages: Map<string, string>,
    private readonly requests: string[],
  ) {}

  /** Launch chromium and the loopback server; throws a clear error when chromium is not installed. */
  static async start(): Promise<BrowserCheck> {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (tests/support/install-tools.sh does)`);
    const pages = new Map<string, string>();
    const server = createServer((req, res) => {
      const body = pages.get(req.url ?? '');
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const profileDir = await mkdtemp(path.join(os.tmpdir(), 'bantin-chromium-'));
    const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: ARGS, serviceWorkers: 'block' });
    const requests: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) && pages.has(url.slice(origin.length))) return route.continue();
      requests.push(url);
      return route.abort('aborted');
    });
    await context.addInitScript(INIT);
    return new BrowserCheck(context, server, origin, profileDir, pages, requests);
  }

  async close(): Promise<void> {
    await this.context.close();
    this.page = null;
    await new Promise((resolve) => this.server.close(resolve));
    await rm(this.profileDir, { recursive: true, force: true });
  }

  /** Every sign of execution or escape among `snippets`, each pinned on its snippet where the options ask for it. */
  async check(snippets: readonly string[], options: CheckOptions = {}): Promise<Finding[]> {
    const batch = options.batch ?? 1500;
    const pinpoint = new Set<SignKind>(options.pinpoint ?? ['executed', 'request', 'dom', 'browser']);
    const findings = new Map<string, Finding>();
    this.page ??= await this.context.newPage();
    for (let start = 0; start < snippets.length; start += batch) {
      const indices = Array.from({ length: Math.min(batch, snippets.length - start) }, (_v, i) => start + i);
      await this.group(snippets, indices, pinpoint, findings);
    }
    return [...findings.values()].sort((a, b) => a.index - b.index);
  }

  private async group(snippets: readonly string[], indices: number[], pinpoint: ReadonlySet<SignKind>, findings: Map<string, Finding>): Promise<void> {
    const { located, unlocated } = await this.load(snippets, indices);
    const add = (f: Finding): void => void findings.set(`${f.index} ${f.kind} ${f.what}`, f);
    located.forEach(add);
    const wanted = unlocated.filter((f) => pinpoint.has(f.kind));
    unlocated.filter((f) => !pinpoint.has(f.kind)).forEach(add);
    if (wanted.length === 0) return;
    if (indices.length === 1) return wanted.forEach((f) => add({ ...f, index: indices[0]! }));
    const half = Math.ceil(indices.length / 2);
    await this.group(snippets, indices.slice(0, half), pinpoint, findings);
    await this.group(snippets, indices.slice(half), pinpoint, findings);
  }

  /** One page of snippets: what it found, split into signs placed on a snippet and signs that need halving to place. */
  private async load(snippets: readonly string[], indices: number[]): Promise<{ located: Finding[]; unlocated: Finding[] }> {
    const page = this.page!;
    const key = `/batch/${indices[0]}-${indices.length}-${Math.random().toString(36).slice(2)}`;
    this.pages.set(key, `<!doctype html><html><head><meta charset="utf-8"><title>xss</title></head><body>${indices.map((i) => `<section data-v="${i}">${snippets[i]}</section>`).join('\n')}</body></html>`);
    const unlocated: Finding[] = [];
    const sign = (kind: SignKind, what: string): void => void unlocated.push({ index: -1, kind, what });
    // The traps in INIT answer dialogs and console calls; these catch whatever got past them.
    const onDialog = (d: { type(): string; message(): string; dismiss(): Promise<void> }): void => {
      sign('executed', `dialog ${d.type()}(${d.message()})`);
      void d.dismiss().catch(() => undefined);
    };
    const onConsole = (m: { text(): string }): void => sign('browser', `console: ${m.text()}`);
    const onError = (e: Error): void => sign('executed', `page error: ${e.message}`);
    page.on('dialog', onDialog);
    page.on('console', onConsole);
    page.on('pageerror', onError);
    this.requests.length = 0;
    try {
      await page.goto(`${this.origin}${key}`, { waitUntil: 'load', timeout: 30_000 });
      const located = (await page.evaluate(INSPECT)) as Finding[];
      // Timers and handlers the events queued get a moment to run.
      await page.waitForTimeout(50);
      const signs = (await page.evaluate(SIGNS)) as { v: number; what: string }[];
      const expected = new Set(((await page.evaluate(EXPECTED_REQUESTS)) as string[]).map((u) => u.split('#')[0]));
      for (const { v, what } of signs) {
        if (indices.includes(v)) located.push({ index: v, kind: 'executed', what });
        else sign('executed', what);
      }
      for (const url of this.requests) if (!expected.has(url.split('#')[0])) sign('request', `request ${url}`);
      // A navigation away (a meta refresh, a script) means the page is no longer ours.
      if (page.url() !== `${this.origin}${key}`) sign('executed', `navigated to ${page.url()}`);
      return { located, unlocated };
    } catch (e) {
      // A snippet that hangs or kills the page: start a fresh one, and let the halving find the culprit.
      await page.close().catch(() => undefined);
      this.page = await this.context.newPage();
      sign('executed', `page failed: ${(e as Error).message.split('\n')[0]}`);
      return { located: [], unlocated };
    } finally {
      page.off('dialog', onDialog);
      page.off('console', onConsole);
      page.off('pageerror', onError);
      this.pages.delete(key);
    }
  }
}
