/**
 * The XSLT that RSS, Atom and OPML name in their `xml-stylesheet`
 * processing instruction: a browser opening a feed shows this page (what a
 * feed is, its URL to copy, the latest items) instead of raw XML. Readers
 * ignore the instruction. XSLT 1.0, as browsers run it.
 */
import { escapeHtml } from './html.js';
import { SITE_NAME } from '../catalog.js';

export interface XslAssets {
  css: string;
  js: string;
  icon: string;
}

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

export function feedXsl(a: XslAssets): string {
  const name = escapeHtml(SITE_NAME);
  return `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/" exclude-result-prefixes="atom media dc">
<xsl:output method="html" encoding="utf-8" indent="no" doctype-system="about:legacy-compat"/>

<xsl:template name="page">
  <xsl:param name="title"/>
  <xsl:param name="body"/>
  <html lang="vi">
  <head>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <title><xsl:value-of select="$title"/></title>
    <link rel="stylesheet" href="${a.css}"/>
    <link rel="icon" href="${a.icon}" type="image/svg+xml"/>
  </head>
  <body>
    <a class="skip" href="#main">Bỏ qua, đến nội dung</a>
    <header class="site-header"><div class="wrap">
      <a class="brand" href="/"><img src="${a.icon}" alt="" width="28" height="28"/>${name}</a>
      <nav class="site-nav" aria-label="Chính"><ul><li><a href="/">Trang chủ</a></li><li><a href="/search">Tìm kiếm</a></li></ul></nav>
    </div></header>
    <main class="wrap" id="main">
      <nav class="crumbs" aria-label="Vị trí"><ol><li><a href="/">Trang chủ</a></li><li aria-current="page"><xsl:value-of select="$title"/></li></ol></nav>
      <xsl:copy-of select="$body"/>
    </main>
    <footer class="site-footer"><div class="wrap"><ul>
      <li><a href="/">${name}</a></li><li><a href="/opml" download="bantin.opml">Tải danh sách OPML</a></li><li><a href="/api/topics">API chủ đề (JSON)</a></li>
    </ul></div></footer>
    <script src="${a.js}"></script>
  </body>
  </html>
</xsl:template>

<xsl:template name="subscribe">
  <xsl:param name="url"/>
  <section class="explain" aria-labelledby="what">
    <h2 id="what">Đây là một bản tin (feed)</h2>
    <p>Trình duyệt đang hiển thị bản tin cho dễ đọc. Trình đọc tin (Feedly, Inoreader, NetNewsWire, Thunderbird…) tự tải bài mới từ địa chỉ này: chép địa chỉ và dán vào ô “Thêm nguồn” của trình đọc tin để đăng ký.</p>
    <label class="copy-label" for="feed-url">Địa chỉ bản tin</label>
    <div class="copy"><input type="text" id="feed-url" readonly="readonly" value="{$url}"/><button type="button" data-copy="feed-url" hidden="hidden">Sao chép</button></div>
  </section>
</xsl:template>

<!-- A lead is plain text written as HTML (escaped once more by XML): its five character references back to text, &amp; last. -->
<xsl:template name="replace">
  <xsl:param name="s"/><xsl:param name="from"/><xsl:param name="to"/>
  <xsl:choose>
    <xsl:when test="contains($s, $from)"><xsl:value-of select="concat(substring-before($s, $from), $to)"/><xsl:call-template name="replace"><xsl:with-param name="s" select="substring-after($s, $from)"/><xsl:with-param name="from" select="$from"/><xsl:with-param name="to" select="$to"/></xsl:call-template></xsl:when>
    <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="lead">
  <xsl:param name="html"/>
  <xsl:variable name="a"><xsl:call-template name="replace"><xsl:with-param name="s" select="$html"/><xsl:with-param name="from" select="'&amp;quot;'"/><xsl:with-param name="to" select="'&quot;'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="b"><xsl:call-template name="replace"><xsl:with-param name="s" select="$a"/><xsl:with-param name="from" select="'&amp;#39;'"/><xsl:with-param name="to" select='"&apos;"'/></xsl:call-template></xsl:variable>
  <xsl:variable name="c"><xsl:call-template name="replace"><xsl:with-param name="s" select="$b"/><xsl:with-param name="from" select="'&amp;lt;'"/><xsl:with-param name="to" select="'&lt;'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="d"><xsl:call-template name="replace"><xsl:with-param name="s" select="$c"/><xsl:with-param name="from" select="'&amp;gt;'"/><xsl:with-param name="to" select="'&gt;'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="e"><xsl:call-template name="replace"><xsl:with-param name="s" select="$d"/><xsl:with-param name="from" select="'&amp;amp;'"/><xsl:with-param name="to" select="'&amp;'"/></xsl:call-template></xsl:variable>
  <xsl:if test="normalize-space($e) != ''"><p class="lead"><xsl:value-of select="$e"/></p></xsl:if>
</xsl:template>

<xsl:template name="date">
  <xsl:param name="iso"/>
  <xsl:value-of select="concat(substring($iso, 9, 2), '/', substring($iso, 6, 2), '/', substring($iso, 1, 4), ' ', substring($iso, 12, 5))"/>
</xsl:template>

<xsl:template name="rfc822">
  <xsl:param name="d"/>
  <xsl:variable name="month" select="string-length(substring-before('${MONTHS}', substring($d, 9, 3))) div 3 + 1"/>
  <xsl:value-of select="concat(substring($d, 6, 2), '/', format-number($month, '00'), '/', substring($d, 13, 4), ' ', substring($d, 18, 5))"/>
</xsl:template>

<!-- A feed's page, RSS or Atom alike: its title and description, how to subscribe, then its items (each an "item"). -->
<xsl:template name="feed">
  <xsl:param name="title"/><xsl:param name="description"/><xsl:param name="url"/><xsl:param name="count"/><xsl:param name="items"/>
  <xsl:call-template name="page">
    <xsl:with-param name="title" select="$title"/>
    <xsl:with-param name="body">
      <h1><xsl:value-of select="$title"/></h1>
      <p class="lede"><xsl:value-of select="$description"/></p>
      <xsl:call-template name="subscribe"><xsl:with-param name="url" select="$url"/></xsl:call-template>
      <h2>Tin mới nhất</h2>
      <xsl:choose>
        <xsl:when test="$count &gt; 0"><ol class="headlines"><xsl:copy-of select="$items"/></ol></xsl:when>
        <xsl:otherwise><p class="empty">Bản tin chưa có bài nào.</p></xsl:otherwise>
      </xsl:choose>
    </xsl:with-param>
  </xsl:call-template>
</xsl:template>

<xsl:template name="item">
  <xsl:param name="href"/><xsl:param name="title"/><xsl:param name="when"/><xsl:param name="by"/><xsl:param name="lead"/><xsl:param name="thumb"/>
  <li class="headline">
    <h3><a href="{$href}"><xsl:value-of select="$title"/></a></h3>
    <p class="meta"><xsl:value-of select="$when"/><xsl:if test="string($by) != ''"> · <xsl:value-of select="$by"/></xsl:if></p>
    <xsl:call-template name="lead"><xsl:with-param name="html" select="$lead"/></xsl:call-template>
    <xsl:if test="string($thumb) != ''"><img class="thumb" src="{$thumb}" alt="" loading="lazy" width="160" height="107"/></xsl:if>
  </li>
</xsl:template>

<xsl:template match="/rss">
  <xsl:call-template name="feed">
    <xsl:with-param name="title" select="channel/title"/>
    <xsl:with-param name="description" select="channel/description"/>
    <xsl:with-param name="url" select="channel/atom:link[@rel='self']/@href"/>
    <xsl:with-param name="count" select="count(channel/item)"/>
    <xsl:with-param name="items">
      <xsl:for-each select="channel/item">
        <xsl:call-template name="item">
          <xsl:with-param name="href" select="link"/>
          <xsl:with-param name="title" select="title"/>
          <xsl:with-param name="when"><xsl:call-template name="rfc822"><xsl:with-param name="d" select="pubDate"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="by" select="dc:creator[1]"/>
          <!-- The description is the lead, then (for a story told by several papers) a paragraph of links: the lead alone. -->
          <xsl:with-param name="lead" select="substring-before(concat(description, '&lt;p class=&quot;bantin-story&quot;'), '&lt;p class=&quot;bantin-story&quot;')"/>
          <xsl:with-param name="thumb" select="media:thumbnail/@url"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:with-param>
  </xsl:call-template>
</xsl:template>

<xsl:template match="/atom:feed">
  <xsl:call-template name="feed">
    <xsl:with-param name="title" select="atom:title"/>
    <xsl:with-param name="description" select="atom:subtitle"/>
    <xsl:with-param name="url" select="atom:link[@rel='self']/@href"/>
    <xsl:with-param name="count" select="count(atom:entry)"/>
    <xsl:with-param name="items">
      <xsl:for-each select="atom:entry">
        <xsl:call-template name="item">
          <xsl:with-param name="href" select="atom:link[@rel='alternate']/@href"/>
          <xsl:with-param name="title" select="atom:title"/>
          <xsl:with-param name="when"><xsl:call-template name="date"><xsl:with-param name="iso" select="atom:published"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="by" select="atom:author[1]/atom:name"/>
          <!-- An entry without a lead is summed up by its title: not shown twice. -->
          <xsl:with-param name="lead" select="atom:summary[. != ../atom:title]"/>
          <xsl:with-param name="thumb" select="atom:link[@rel='enclosure']/@href"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:with-param>
  </xsl:call-template>
</xsl:template>

<xsl:template match="/opml">
  <xsl:call-template name="page">
    <xsl:with-param name="title" select="head/title"/>
    <xsl:with-param name="body">
      <h1><xsl:value-of select="head/title"/></h1>
      <section class="explain" aria-labelledby="what">
        <h2 id="what">Đây là danh sách OPML</h2>
        <p>Tệp OPML liệt kê mọi bản tin của ${name}. Tải tệp về rồi dùng chức năng “Nhập OPML” (Import) của trình đọc tin để đăng ký tất cả cùng lúc.</p>
        <p><a class="btn btn-primary" href="" download="bantin.opml">Tải tệp OPML</a></p>
      </section>
      <xsl:for-each select="body/outline">
        <h2><xsl:value-of select="@text"/></h2>
        <ul class="feeds">
          <xsl:for-each select="outline">
            <li class="feed"><a class="feed-name" href="{@xmlUrl}"><xsl:value-of select="@text"/></a><p class="meta"><xsl:value-of select="@description"/></p></li>
          </xsl:for-each>
        </ul>
      </xsl:for-each>
    </xsl:with-param>
  </xsl:call-template>
</xsl:template>
</xsl:stylesheet>
`;
}
