/**
 * Text hygiene for every output format. Records come from the web: they can
 * hold characters XML forbids (C0 controls, U+FFFE/U+FFFF, lone surrogates
 * left by a bad transcoder). Those are dropped, not escaped, because XML 1.0
 * has no way to carry them at all; JSON output gets the same treatment so the
 * three formats say the same thing.
 */
// eslint-disable-next-line no-control-regex -- matching the characters XML forbids is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function clean(text: string): string {
  return text.replace(NOT_XML, '');
}

const XML_TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const XML_ATTR: Record<string, string> = { ...XML_TEXT, '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Character data. `>` is escaped too, so `]]>` can never appear in output. */
export function xmlText(text: string): string {
  return clean(text).replace(/[&<>]/g, (c) => XML_TEXT[c] ?? c);
}

/**
 * Character data of an RSS element that holds plain text (a title, a category, a name): `&` and `<` as
 * hexadecimal character references, as the W3C feed validator asks, since RSS readers disagree on whether
 * `&amp;` in such an element is text or HTML. Bodies stay in the shorter named form.
 */
export function xmlPlainText(text: string): string {
  return clean(text).replace(/[&<>]/g, (c) => ({ '&': '&#x26;', '<': '&#x3C;', '>': '&#x3E;' })[c] ?? c);
}

export function xmlAttr(text: string): string {
  return clean(text).replace(/[&<>"'\t\n\r]/g, (c) => XML_ATTR[c] ?? c);
}

/** Plain text made safe to place inside HTML (in RSS, the writer then XML-escapes that HTML once more). */
export function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * URLs as readers and JSON schema checkers expect them: WHATWG-serialized,
 * so non-ASCII paths are percent-encoded. Records hold validated URLs; a
 * value the URL parser refuses is kept as it is (escaping still applies).
 */
export function normalizeUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
