/** The extract stage: page bytes → raw findings for normalize; listing pages → article links. */
export { decodeHtml } from './decode.js';
export { extractPage, extractPageTree } from './extract-page.js';
export type { BodyTree } from './handed-body.js';
export { extractLinks } from './links.js';
export { parseHtml, type Doc } from './dom.js';
export type { Candidates, ExtractedPage, ExtractedTree, Found } from './page.js';
