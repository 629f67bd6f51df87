/** The one stylesheet of the site and of the feed views (served at /assets/site.css, hashed in its URL). */
export const SITE_CSS = `
:root{color-scheme:light dark;--bg:#faf9f6;--card:#fff;--text:#1d1b19;--muted:#56514c;--line:#ddd8d0;--accent:#b3261e;--accent-text:#fff;--link:#9b1c15;--chip:#f2eee8}
@media (prefers-color-scheme:dark){:root{--bg:#151413;--card:#1f1d1b;--text:#eceae6;--muted:#b9b3ab;--line:#3a3632;--accent:#8f1d17;--accent-text:#fff;--link:#ffb0a5;--chip:#2a2724}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;overflow-wrap:anywhere}
a{color:var(--link)}
a:focus-visible,button:focus-visible,summary:focus-visible,input:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px;top:0;background:var(--card);padding:.75rem 1rem}
.skip:focus{left:1rem;z-index:2}
.site-header{background:var(--accent);color:var(--accent-text)}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem;padding-top:.25rem;padding-bottom:.25rem}
.brand{display:inline-flex;align-items:center;gap:.5rem;min-height:44px;color:inherit;text-decoration:none;font-weight:700;font-size:1.35rem}
.brand img{width:28px;height:28px;border-radius:6px;box-shadow:0 0 0 2px #fff}
.site-nav ul{display:flex;flex-wrap:wrap;gap:0 .25rem;margin:0;padding:0;list-style:none}
.site-nav a{display:inline-flex;align-items:center;min-height:44px;min-width:44px;padding:0 .6rem;color:inherit;text-decoration:none;border-radius:6px}
.site-nav a:hover,.site-nav a[aria-current]{background:rgba(0,0,0,.2)}
.search-form{display:flex;gap:.5rem;margin:.5rem 0 1rem;max-width:36rem}
.search-form input{flex:1;min-width:0}
input[type=search],input[type=text]{min-height:44px;padding:.5rem .75rem;font:inherit;color:var(--text);background:var(--card);border:1px solid var(--line);border-radius:8px}
.btn,button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;padding:0 1rem;font:inherit;font-weight:600;border-radius:8px;border:1px solid var(--line);background:var(--card);color:var(--text);text-decoration:none;cursor:pointer}
.btn-primary,.site-header button{background:var(--text);color:var(--bg);border-color:var(--text)}
.crumbs ol{display:flex;flex-wrap:wrap;margin:.5rem 0 0;padding:0;list-style:none;color:var(--muted)}
.crumbs li{display:inline-flex;align-items:center;min-height:44px}
.crumbs li+li::before{content:"›";padding:0 .35rem}
.crumbs a{display:inline-flex;align-items:center;min-height:44px}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.75rem 0 .5rem;padding-bottom:.25rem;border-bottom:2px solid var(--accent)}
.lede{color:var(--muted);margin:.25rem 0 1rem;max-width:45rem}
.layout{display:grid;gap:0 2rem}
@media (min-width:60rem){.layout{grid-template-columns:minmax(0,1fr) 22rem}.layout>aside{grid-column:2;grid-row:1/span 9}}
.feeds{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.5rem;margin:0;padding:0;list-style:none}
.feed{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.25rem .75rem .5rem}
.feed-head{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:0 .5rem}
.feed-name{display:inline-flex;align-items:center;min-height:44px;font-weight:600}
.count{color:var(--muted);font-size:.9rem}
.sub summary{display:inline-flex;align-items:center;gap:.35rem;min-height:44px;padding:0 .9rem;border-radius:8px;background:var(--accent);color:var(--accent-text);font-weight:600;cursor:pointer;list-style:none}
.sub summary::-webkit-details-marker{display:none}
.sub summary::after{content:"▾";font-size:.8em}
.sub[open] summary::after{content:"▴"}
.sub[open] summary{border-radius:8px 8px 0 0}
.sub-panel{border:1px solid var(--line);border-radius:0 8px 8px 8px;padding:.75rem;margin-bottom:.5rem;background:var(--card)}
.sub-panel p{margin:0 0 .5rem;font-size:.95rem}
.formats{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .75rem;padding:0;list-style:none}
.copy{display:flex;gap:.5rem}
.copy input{flex:1;min-width:0;font-size:.9rem}
.copy-label{display:block;font-size:.9rem;color:var(--muted);margin-bottom:.25rem}
.headlines{margin:0;padding:0;list-style:none}
.headline{display:grid;grid-template-columns:minmax(0,1fr) 6rem;gap:.25rem 1rem;padding:.75rem 0;border-bottom:1px solid var(--line)}
.headline:not(:has(img)){grid-template-columns:minmax(0,1fr)}
@media (min-width:40rem){.headline{grid-template-columns:minmax(0,1fr) 10rem}}
.headline h3{margin:0;font-size:1.1rem;line-height:1.35}
.headline h3 a{display:block;min-height:44px;padding:.35rem 0;text-decoration:none;color:var(--text)}
.headline h3 a:hover{text-decoration:underline;color:var(--link)}
.meta{margin:0;color:var(--muted);font-size:.875rem}
.meta a{display:inline-flex;align-items:center;min-height:44px;min-width:44px}
.lead{margin:.25rem 0 0}
.thumb{grid-column:2;grid-row:1/span 3;width:100%;aspect-ratio:3/2;object-fit:cover;border-radius:8px;background:var(--chip)}
.pager{display:flex;gap:.5rem;margin:1rem 0}
.empty{padding:1rem;background:var(--card);border:1px dashed var(--line);border-radius:10px}
.explain{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem;margin:1rem 0}
.explain h2{margin-top:.25rem}
.site-footer{margin-top:2.5rem;padding:1rem 0 2rem;border-top:1px solid var(--line);color:var(--muted)}
.site-footer ul{display:flex;flex-wrap:wrap;gap:0 1rem;margin:0;padding:0;list-style:none}
.site-footer a{display:inline-flex;align-items:center;min-height:44px}
[hidden]{display:none!important}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;
