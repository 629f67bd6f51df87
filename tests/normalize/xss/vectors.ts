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

/** Hand-written families: each is a template over the sentinel call. */
const FAMILIES: Record<string, ((js: string) => string)[]> = {
  srcdoc: [
    (js) => `<iframe srcdoc="<script>${js}</script>"></iframe>`,
    (js) => `<iframe srcdoc="&lt;img src=x onerror=${js}&gt;"></iframe>`,
    (js) => `<iframe src="https://www.youtube.com/embed/abc" srcdoc="<script>${js}</script>"></iframe>`,
    (js) => `<iframe SRCDOC='&#60;svg onload=${js}&#62;' src="https://player.vimeo.com/video/1"></iframe>`,
    (js) => `<iframe srcdoc="<iframe srcdoc='<script>parent.parent.${js}</script>'></iframe>"></iframe>`,
  ],
  formaction: [
    (js) => `<form><button formaction="javascript:${js}">x</button></form>`,
    (js) => `<form id=f></form><button form=f formaction="javascript:${js}">x</button>`,
    (js) => `<input type=image src=x formaction="javascript:${js}" onerror="${js}">`,
    (js) => `<form action="javascript:${js}"><input type=submit autofocus onfocus="this.form.submit()"></form>`,
    (js) => `<isindex type=image src=1 onerror=${js}>`,
  ],
  'xlink:href': [
    (js) => `<svg><a xlink:href="javascript:${js}"><text x=20 y=20>x</text></a></svg>`,
    (js) => `<svg><a href="javascript:${js}"><circle r=40></circle></a></svg>`,
    (js) => `<math><maction actiontype="statusline" xlink:href="javascript:${js}">x<mtext>y</mtext></maction></math>`,
    (js) => `<math href="javascript:${js}">x</math>`,
    (js) => `<svg><use href="data:image/svg+xml,&lt;svg id='x' xmlns='http://www.w3.org/2000/svg'&gt;&lt;image href='1' onerror='${js}' /&gt;&lt;/svg&gt;#x"></use></svg>`,
    (js) => `<a xlink:href="javascript:${js}" xmlns:xlink="http://www.w3.org/1999/xlink">x</a>`,
    (js) => `<svg><animate xlink:href=#xss attributeName=href values="javascript:${js}" /><a id=xss><text x=20 y=20>x</text></a></svg>`,
    (js) => `<svg><set attributeName="onmouseover" to="${js}"/></svg>`,
  ],
  namespace: [
    (js) => `<svg><style><img src=x onerror=${js}></style></svg>`,
    (js) => `<svg></p><style><a id="</style><img src=1 onerror=${js}>">`,
    (js) => `<math><mtext><table><mglyph><style><img src=x onerror=${js}>`,
    (js) => `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=${js} src=1>">`,
    (js) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${js}>`,
    (js) => `<svg><foreignObject><img src=x onerror=${js}></foreignObject></svg>`,
    (js) => `<math><annotation-xml encoding="text/html"><img src=x onerror=${js}></annotation-xml></math>`,
    (js) => `<svg><title><img src=x onerror=${js}></title></svg>`,
    (js) => `<svg><desc><img src=x onerror=${js}></desc></svg>`,
    (js) => `<math><mtext><img src=x onerror=${js}></mtext></math>`,
    (js) => `<svg><script>${js}</script></svg>`,
    (js) => `<svg><script href="data:,${js}" /></svg>`,
    (js) => `<svg><image href=x onerror=${js} /></svg>`,
    (js) => `<math><style><img src=x onerror=${js}></style></math>`,
    (js) => `<svg><p><style><img src=x onerror=${js}></style></p></svg>`,
    (js) => `<math><mi xlink:href="data:x,<script>${js}</script>">x</mi></math>`,
    (js) => `<svg><a><foreignObject><a><table><a></table><style><!--</style></svg><a id="-><img src onerror=${js}>">.</a>`,
    (js) => `<svg><![CDATA[</svg><img src=x onerror=${js}>]]></svg>`,
    (js) => `<math><![CDATA[</math><img src=x onerror=${js}>]]></math>`,
  ],
  mxss: [
    (js) => `<noscript><p title="</noscript><img src=x onerror=${js}>">`,
    (js) => `<noembed><p title="</noembed><img src=x onerror=${js}>">`,
    (js) => `<noframes><p title="</noframes><img src=x onerror=${js}>">`,
    (js) => `<xmp><p title="</xmp><img src=x onerror=${js}>">`,
    (js) => `<iframe><p title="</iframe><img src=x onerror=${js}>"></iframe>`,
    (js) => `<textarea><p title="</textarea><img src=x onerror=${js}>">`,
    (js) => `<title><p title="</title><img src=x onerror=${js}>">`,
    (js) => `<style><p title="</style><img src=x onerror=${js}>">`,
    (js) => `<plaintext><img src=x onerror=${js}>`,
    (js) => `<template><p title="</template><img src=x onerror=${js}>">`,
    (js) => `<select><template><style><!--</style><a rel="--></style></template></select><img src=x onerror=${js}>">`,
    (js) => `<table><a href="/x"><p title="</table><img src=x onerror=${js}>">`,
    (js) => `<a href="https://x.vn/" title="</a><img src=x onerror=${js}>">x</a>`,
    (js) => `<p><abbr title="&quot;&gt;&lt;img src=x onerror=${js}&gt;">x</abbr></p>`,
    (js) => `<img src="https://x.vn/a.jpg" alt="&quot;&gt;&lt;img src=x onerror=${js}&gt;">`,
    (js) => `<img src="https://x.vn/a.jpg?&quot;&gt;&lt;img src=x onerror=${js}&gt;">`,
    (js) => `<a href="https://x.vn/?&quot;&gt;&lt;img src=x onerror=${js}&gt;">x</a>`,
    (js) => `<pre>\n<img src=x onerror=${js}></pre>`,
    (js) => `<pre><code>&lt;img src=x onerror=${js}&gt;</code></pre>`,
    (js) => `<p>&lt;script&gt;${js}&lt;/script&gt;</p>`,
    (js) => `<div id="a"><a href="#a">&lt;svg onload=${js}&gt;</a></div>`,
    (js) => `<a href="#&quot;&gt;&lt;img src=x onerror=${js}&gt;">x</a><p id="&quot;&gt;&lt;img src=x onerror=${js}&gt;">y</p>`,
    (js) => `<p id="x" title="${js}"><a href="#x" onclick="${js}">x</a></p>`,
    (js) => `<a id="__proto__" href="#__proto__">x</a><form name="cookie"><img name="getElementById" src=x onerror=${js}></form>`,
    (js) => `<ul><li><p><dl><dt><table><td><pre><q><mark><img src=x onerror=${js}></mark></q></pre></td></table></dt></dl></p></li></ul>`,
    (js) => `<b><p>a</b><img src=x onerror=${js}></p>`,
    (js) => `<a href="/1"><a href="/2" onclick="${js}">x</a></a>`,
  ],
  comments: [
    (js) => `<!--><img src=x onerror=${js}>-->`,
    (js) => `<!---><img src=x onerror=${js}>-->`,
    (js) => `<!-- --!><img src=x onerror=${js}>-->`,
    (js) => `<!--[if IE]><img src=x onerror=${js}><![endif]-->`,
    (js) => `<![CDATA[><img src=x onerror=${js}>]]>`,
    (js) => `<?xml ><img src=x onerror=${js}>?>`,
    (js) => `<!DOCTYPE x><img src=x onerror=${js}>`,
    (js) => `<! foo="><img src=x onerror=${js}>">`,
    (js) => `</foo ><img src=x onerror=${js}>`,
    (js) => `</ foo="><img src=x onerror=${js}>">`,
    (js) => `<p><!--</p><img src=x onerror=${js}>--></p>`,
    (js) => `<a href="javascript:${js}"><!--`,
    (js) => `<!--<script>-->${js}<!--</script>-->`,
  ],
  'raw text': [
    (js) => `<style>@import 'javascript:${js}';</style>`,
    (js) => `<style>*{background:url("javascript:${js}")}</style><p>x</p>`,
    (js) => `<style>p{x:expression(${js})}</style>`,
    (js) => `<template><img src=x onerror=${js}></template>`,
    (js) => `<template><script>${js}</script></template>`,
    (js) => `<p style="background:url(javascript:${js})">x</p>`,
    (js) => `<div style="width:expression(${js})">x</div>`,
    (js) => `<img src="https://x.vn/a.jpg" style="behavior:url(x.htc);background:url('javascript:${js}')">`,
    (js) => `<link rel=stylesheet href="data:,*{x:expression(${js})}">`,
    (js) => `<script>${js}</script>`,
    (js) => `<script src="data:,${js}"></script>`,
    (js) => `<script type="module">${js}</script>`,
    (js) => `<textarea><script>${js}</script></textarea>`,
    (js) => `<title><script>${js}</script></title>`,
  ],
  broken: [
    (js) => `<img src=x onerror=${js}//`,
    (js) => `<img/src=x/onerror=${js}>`,
    (js) => `<img src=x onerror=${js}`,
    (js) => `<<img src=x onerror=${js}>`,
    (js) => `<img """><script>${js}</script>">`,
    (js) => `<scr<script>ipt>${js}</scr</script>ipt>`,
    (js) => `<script/x>${js}</script>`,
    (js) => `<script\n>${js}</script\n>`,
    (js) => `<SCRIPT>${js}</SCRIPT>`,
    (js) => `<img src=x:${js} onerror=eval(src)>`,
    (js) => `<img\tsrc=x\tonerror=${js}>`,
    (js) => `<img\u0000src=x onerror=${js}>`,
    (js) => `<img src=x onerror\u000b=${js}>`,
    (js) => `</script><script>${js}</script>`,
    (js) => `<svg/onload=${js}>`,
    (js) => `<body/onload=${js}>`,
    (js) => `"><script>${js}</script>`,
    (js) => `'><img src=x onerror=${js}>`,
    (js) => `--><img src=x onerror=${js}>`,
    (js) => `]]><img src=x onerror=${js}>`,
    (js) => `<img src=x onerror="${js}"\u0000>`,
    (js) => `<a href="javas\u0000cript:${js}">x</a>`,
    (js) => `<img src= onerror=${js}>`,
    (js) => `<img src=x onerror= ${js} >`,
    (js) => `<img src='x' onerror='${js}'/>`,
    (js) => `<img src=\`x\` onerror=\`${js}\`>`,
    (js) => `<a href=j&#x61;vascript:${js}>x</a>`,
    (js) => `<p <img src=x onerror=${js}>>x</p>`,
    (js) => `<div><p></div><img src=x onerror=${js}></p>`,
    (js) => `<a href="https://x.vn/"\nonclick=${js}>x</a>`,
    (js) => `<strong onmouseover=${js} <b>x</b>`,
    (js) => `<img src=x onerror=alert(1);${js}>`,
  ],
  iframe: [
    (js) => `<iframe src="https://www.youtube.com/embed/abc" onload="${js}" allow="autoplay" sandbox="allow-top-navigation allow-popups" name="x" style="x"></iframe>`,
    (js) => `<iframe src="https://evil.example/" onload="${js}"></iframe>`,
    (js) => `<iframe src="https://www.youtube.com.evil.example/embed/x?${js}"></iframe>`,
    (js) => `<iframe src="https://evil.example/?https://www.youtube.com/embed/x&${js}"></iframe>`,
    (js) => `<iframe src="https://www.youtube.com@evil.example/embed/x?${js}"></iframe>`,
    (js) => `<iframe src="javascript://www.youtube.com/embed/%0a${js}"></iframe>`,
    (js) => `<iframe src="data:text/html,<script>${js}</script>"></iframe>`,
    (js) => `<iframe src="//www.youtube.com/embed/abc?x=${js}"></iframe>`,
    (js) => `<iframe src="http://player.vimeo.com/video/1?${js}"></iframe>`,
    (js) => `<iframe src="https://www.youtube.com/embed/../../redirect?q=https://evil.example/${js}"></iframe>`,
    (js) => `<iframe src="https://www.youtube.com/embed/%2e%2e/%2e%2e/redirect?${js}"></iframe>`,
    (js) => `<iframe src="https://WWW.YOUTUBE.COM:443/embed/x?${js}"></iframe>`,
    (js) => `<iframe src="https://www.facebook.com/plugins/page.php?${js}"></iframe>`,
    (js) => `<iframe src="https://www.youtube.com/embed/x" srcdoc="<script>${js}</script>"></iframe>`,
    (js) => `<iframe src="  JaVaScRiPt:${js}"></iframe>`,
    (js) => `<iframe src="https://www.youtube.com/embed/x"><img src=x onerror=${js}></iframe>`,
    (js) => `<iframe src="https://www.tiktok.com/embed/v2/1" width="560&quot; onload=&quot;${js}" height="x"></iframe>`,
    (js) => `<embed src="https://www.youtube.com/embed/x" onload=${js}>`,
    (js) => `<object data="https://www.youtube.com/embed/x" onload=${js}></object>`,
    (js) => `<frameset><frame src="javascript:${js}"></frameset>`,
  ],
};

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
