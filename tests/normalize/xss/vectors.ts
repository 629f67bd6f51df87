/**
 * A generated XSS vector set for the body sanitizer: every dangerous tag
 * with every event handler, every URL-bearing attribute with script schemes
 * in every encoding a browser decodes, and the parser-confusion families
 * (SVG/MathML namespaces, mXSS nesting, comments, CDATA, raw-text elements,
 * broken tags), each also placed in the contexts a body has (a paragraph, a
 * list, a table, a link, a <pre>). Nothing here is fetched: it is built from
 * these lists, deterministically, so a failure names the same vector every run.
 *
 * Every payload calls `__x(id)`, a sentinel the browser check defines, so an
 * execution says which vector ran; a few also call alert() the way public
 * lists do.
 */

import { FAMILIES } from './families.js';

export interface Vector {
  id: number;
  family: string;
  html: string;
}

const TAGS = [
  // executable, embedding or form elements
  'script', 'img', 'image', 'svg', 'math', 'body', 'html', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'video',
  'audio', 'source', 'track', 'picture', 'input', 'button', 'form', 'select', 'option', 'textarea', 'keygen', 'isindex',
  'details', 'dialog', 'marquee', 'meta', 'link', 'base', 'style', 'template', 'slot', 'portal', 'canvas', 'map', 'area',
  'animate', 'set', 'foreignobject', 'xss', 'x-custom',
  // elements the sanitizer keeps: their attributes must still go
  'a', 'p', 'div', 'span', 'h1', 'h2', 'blockquote', 'ul', 'li', 'dl', 'dt', 'dd', 'pre', 'code', 'del', 's', 'ins', 'q',
  'cite', 'abbr', 'small', 'mark', 'strong', 'em', 'b', 'i', 'u', 'sub', 'sup', 'table', 'td', 'th', 'tr', 'figure',
  'figcaption', 'hr', 'br',
];

const HANDLERS = [
  'onerror', 'onload', 'onclick', 'onmouseover', 'onmouseenter', 'onfocus', 'onfocusin', 'onblur', 'onanimationstart',
  'onanimationend', 'ontransitionend', 'ontoggle', 'onbeforetoggle', 'onbegin', 'onpageshow', 'onpointerover',
  'onpointerenter', 'onauxclick', 'onwheel', 'onscroll', 'onscrollend', 'oninput', 'onstart', 'onmessage',
  'oncontentvisibilityautostatechange', 'OnErRoR', 'ONLOAD',
];

// How an attribute can be written so that a browser still reads it as one (quotes, slashes, odd whitespace).
const HANDLER_FORMS: ((name: string, js: string) => string)[] = [
  (n, js) => ` ${n}="${js}"`,
  (n, js) => `/${n}=${js}`,
  (n, js) => `\n${n}\t=\f'${js}'`,
];

// Attributes that make the handler fire without anyone touching the page.
const HELPERS = ' src=x autofocus tabindex=1 open popover style="animation:spin 1s;transition:all 1s" href=#';

function* handlerVectors(): Generator<[string, (id: number) => string]> {
  for (const tag of TAGS) {
    for (const handler of HANDLERS) {
      for (const [i, form] of HANDLER_FORMS.entries()) {
        yield [`tag×handler/${tag}/${handler}/${i}`, (id) => `<${tag}${HELPERS}${form(handler, `__x(${id})`)}>x</${tag}>`];
      }
    }
  }
}

/** `javascript:__x(id)` written every way a URL parser or an attribute decoder turns back into it. */
const SCRIPT_URLS: [string, (js: string) => string][] = [
  ['plain', (js) => `javascript:${js}`],
  ['mixed case', (js) => `JaVaScRiPt:${js}`],
  ['leading space', (js) => `  javascript:${js}`],
  ['leading control chars', (js) => `\u0001\u0002\u001f javascript:${js}`],
  ['leading entity control', (js) => `&#1;&#x1F;javascript:${js}`],
  ['tab inside', (js) => `java\tscript:${js}`],
  ['newline inside', (js) => `java\nscript:${js}`],
  ['CR inside', (js) => `jav\ras\ncri\tpt:${js}`],
  ['entity tab', (js) => `java&#9;script:${js}`],
  ['entity hex tab', (js) => `java&#x09;script:${js}`],
  ['entity newline', (js) => `java&#10;script:${js}`],
  ['named Tab', (js) => `java&Tab;script:${js}`],
  ['named NewLine', (js) => `java&NewLine;script:${js}`],
  ['named colon', (js) => `javascript&colon;${js}`],
  ['decimal j', (js) => `&#106;avascript:${js}`],
  ['decimal no semicolon', (js) => `&#106avascript:${js}`],
  ['decimal leading zeros', (js) => `&#0000106&#0000097vascript:${js}`],
  ['hex j', (js) => `&#x6A;avascript:${js}`],
  ['hex upper X no semicolon', (js) => `&#X6Aavascript:${js}`],
  ['hex leading zeros', (js) => `&#x000006A;avascript:${js}`],
  ['decimal colon', (js) => `javascript&#58;${js}`],
  ['hex colon no semicolon', (js) => `javascript&#x3a${js}`],
  ['all decimal', (js) => [...'javascript:'].map((c) => `&#${c.charCodeAt(0)};`).join('') + js],
  ['all decimal no semicolons', (js) => [...'javascript:'].map((c) => `&#00${c.charCodeAt(0)}`).join('') + js],
  ['all hex', (js) => [...'javascript:'].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('') + js],
  ['all hex no semicolons', (js) => [...'javascript:'].map((c) => `&#x${c.charCodeAt(0).toString(16)}`).join('') + js],
  ['percent colon (a path, not a scheme)', (js) => `javascript%3A${js}`],
  ['space before colon', (js) => `javascript :${js}`],
  ['NUL inside', (js) => `java\u0000script:${js}`],
  ['slashes after scheme', (js) => `javascript://%0a${js}`],
  ['vbscript', () => 'vbscript:msgbox(1)'],
  ['VBScript entity', () => '&#118;bscript:msgbox(1)'],
  ['livescript', (js) => `livescript:${js}`],
  ['data html', (js) => `data:text/html,<script>${js}</script>`],
  ['data html base64', (js) => `data:text/html;base64,${Buffer.from(`<script>${js}</script>`).toString('base64')}`],
  ['data svg', (js) => `data:image/svg+xml,<svg onload="${js}"/>`],
  ['DATA mixed case with spaces', (js) => ` DaTa:text/html,<script>${js}</script>`],
  ['data entity colon', (js) => `data&colon;text/html,<script>${js}</script>`],
  ['blob', () => 'blob:https://kinhtedothi.vn/0000'],
  ['file', () => 'file:///etc/passwd'],
  ['view-source', (js) => `view-source:javascript:${js}`],
  ['feed', (js) => `feed:javascript:${js}`],
];

// Where a URL can sit: [tag, attribute, extra markup].
const URL_SITES: [string, string, string][] = [
  ['a', 'href', ''], ['a', 'HREF', ''], ['img', 'src', ''], ['img', 'data-src', ''], ['img', 'data-original', ''], ['img', 'srcset', ''],
  ['img', 'data-srcset', ''], ['img', 'lowsrc', ''], ['img', 'dynsrc', ''], ['iframe', 'src', ''], ['frame', 'src', ''], ['embed', 'src', ''],
  ['object', 'data', ''], ['form', 'action', '<input type=submit>'], ['button', 'formaction', ''], ['input', 'formaction', ' type=submit'],
  ['isindex', 'action', ''], ['base', 'href', ''], ['link', 'href', ' rel=stylesheet'], ['area', 'href', ''], ['video', 'poster', ''],
  ['source', 'src', ''], ['blockquote', 'cite', ''], ['q', 'cite', ''], ['del', 'cite', ''], ['ins', 'cite', ''], ['table', 'background', ''],
  ['td', 'background', ''], ['body', 'background', ''], ['a', 'xlink:href', ''], ['a', 'ping', ''], ['abbr', 'title', ''],
  ['meta', 'content', ' http-equiv=refresh'],
];

function* urlVectors(): Generator<[string, (id: number) => string]> {
  for (const [tag, attr, extra] of URL_SITES) {
    for (const [name, url] of SCRIPT_URLS) {
      for (const quote of ['"', '']) {
        yield [
          `url/${tag}[${attr}]/${name}/${quote === '' ? 'unquoted' : 'quoted'}`,
          (id) => {
            let v = url(`__x(${id})`);
            if (attr === 'content') v = `0;url=${v}`;
            // Unquoted, a value ends at whitespace or '>': keep them out so the vector stays one attribute.
            if (quote === '') v = v.replace(/[\s>"']/g, '');
            return `<${tag} ${attr}=${quote}${v.replace(/"/g, '&quot;')}${quote}${extra}>x</${tag}>`;
          },
        ];
      }
    }
  }
}

// The places a vector can land inside a body.
const CONTEXTS: [string, (v: string) => string][] = [
  ['top', (v) => v],
  ['p', (v) => `<p>Trước ${v} sau</p>`],
  ['li', (v) => `<ul><li>${v}</li></ul>`],
  ['td', (v) => `<table><tr><td>${v}</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>`],
  ['a', (v) => `<a href="https://kinhtedothi.vn/">${v}</a>`],
  ['pre', (v) => `<pre>${v}</pre>`],
  ['figure', (v) => `<figure><img src="https://media.kinhtedothi.vn//2018/a.jpg">${v}<figcaption>${v}</figcaption></figure>`],
];

/** The whole generated set, in a stable order; ids are positions. */
export function xssVectors(): Vector[] {
  const templates: [string, (id: number) => string][] = [...handlerVectors(), ...urlVectors()];
  for (const [family, list] of Object.entries(FAMILIES)) {
    list.forEach((t, i) => {
      for (const [ctx, wrap] of CONTEXTS) templates.push([`${family}/${i}/${ctx}`, (id) => wrap(t(`__x(${id})`))]);
    });
  }
  return templates.map(([family, make], id) => ({ id, family, html: make(id) }));
}
