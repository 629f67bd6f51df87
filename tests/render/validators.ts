/**
 * Independent checkers for rendered feeds: a strict XML parser in-process,
 * the JSON Feed 1.1 schema, and as child processes libxml2's xmllint,
 * Python's feedparser and jing (RELAX NG for Atom). Shared by the render and serve tests.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SaxesParser } from 'saxes';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const ATOM_RNC = path.join(here, '../fixtures/atom-rfc4287.rnc');

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

/** Strict, namespace-aware XML parse; throws on the first well-formedness error. */
export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlNode = { name: '#document', attrs: {}, text: '', children: [] };
  const stack: XmlNode[] = [root];
  let error: Error | null = null;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = typeof v === 'string' ? v : v.value;
    const node: XmlNode = { name: tag.name, attrs, text: '', children: [] };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('cdata', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (error) throw error;
  return root.children[0]!;
}

export function children(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

export function child(node: XmlNode, name: string): XmlNode {
  const found = children(node, name)[0];
  if (!found) throw new Error(`<${node.name}> has no <${name}>`);
  return found;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
let jsonFeedValidator: ReturnType<Ajv['compile']> | null = null;

/** JSON Feed 1.1 schema errors (empty when valid). */
export function jsonFeedErrors(json: string): string[] {
  if (!jsonFeedValidator) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    jsonFeedValidator = ajv.compile(require('jsonfeed-schema/schema-v1.1.json') as object);
  }
  const ok = jsonFeedValidator(JSON.parse(json));
  return ok ? [] : (jsonFeedValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

export interface FeedparserResult {
  bozo: number;
  exception: string | null;
  version: string;
  title: string;
  entries: {
    id: string;
    title: string;
    link: string;
    authors: string[];
    tags: string[];
    /** Each tag with the vocabulary it is from (RSS `domain`, Atom `scheme`). */
    schemes: { term: string; scheme: string | null }[];
    contributors: string[];
    summary: string;
    content: string[];
    enclosures: string[];
  }[];
}

const FEEDPARSER = `
import feedparser, json, sys
out = []
for f in sys.argv[1:]:
    d = feedparser.parse(f)
    out.append({
        'bozo': int(d.bozo), 'exception': str(d.get('bozo_exception')) if d.bozo else None,
        'version': d.version, 'title': d.feed.get('title', ''),
        'entries': [{
            'id': e.get('id', ''), 'title': e.get('title', ''), 'link': e.get('link', ''),
            'authors': [a.get('name', '') for a in e.get('authors', [])],
            'tags': [t.get('term', '') for t in e.get('tags', [])],
            'schemes': [{'term': t.get('term', ''), 'scheme': t.get('scheme')} for t in e.get('tags', [])],
            'contributors': [c.get('name', '') for c in e.get('contributors', [])],
            'summary': e.get('summary', ''),
            'content': [c.get('value', '') for c in e.get('content', [])],
            'enclosures': [x.get('type', '') for x in e.get('enclosures', [])],
        } for e in d.entries],
    })
print(json.dumps(out))
`;

async function withFiles<T>(docs: string[], ext: string, fn: (files: string[]) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-feeds-'));
  try {
    const files = await Promise.all(
      docs.map(async (doc, i) => {
        const file = path.join(dir, `${i}.${ext}`);
        await writeFile(file, doc);
        return file;
      }),
    );
    return await fn(files);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Debian's interpreter, which has python3-feedparser; the one on PATH may not. */
export async function feedparser(docs: string[]): Promise<FeedparserResult[]> {
  return withFiles(docs, 'xml', async (files) => {
    const { stdout } = await run('/usr/bin/python3', ['-c', FEEDPARSER, ...files], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as FeedparserResult[];
  });
}

/** libxml2's well-formedness complaints (empty when every document is well-formed XML). */
export async function xmllintErrors(docs: string[]): Promise<string> {
  return withFiles(docs, 'xml', async (files) => {
    try {
      await run('xmllint', ['--noout', '--nonet', ...files], { maxBuffer: 16 * 1024 * 1024 });
      return '';
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      return `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message;
    }
  });
}

/** jing's complaints against the RFC 4287 schema (empty when every document is valid). */
export async function atomSchemaErrors(docs: string[]): Promise<string> {
  return withFiles(docs, 'atom', async (files) => {
    try {
      await run('jing', ['-c', ATOM_RNC, ...files]);
      return '';
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      return `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message;
    }
  });
}
