/**
 * First-load JavaScript of a route, measured the way a browser meets it: fetch the route's HTML from
 * the running production server, take every script it references from /_next/static (script tags and
 * script preloads; `nomodule` fallbacks are skipped, modern browsers never load them), fetch each once
 * and sum their gzip sizes. Next 16 no longer prints "First Load JS"; this is its equivalent.
 */
import { gzipSync } from 'node:zlib';

export type PageWeight = {
  readonly route: string;
  readonly scripts: number;
  readonly rawBytes: number;
  /** Sum of each script gzipped on its own with zlib's default level (6), as a server compresses on the fly. */
  readonly gzipBytes: number;
};

const TAG = /<(script|link)\b[^>]*>/gi;
const ATTRIBUTE = /([a-zA-Z-:]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  const inner = tag.replace(/^<\w+/, '').replace(/\/?>$/, '');
  for (const match of inner.matchAll(ATTRIBUTE)) found.set(match[1]!.toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
  return found;
}

/** The distinct /_next/static JavaScript URLs (paths as written) a page's HTML makes the browser load. */
export function initialScriptUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const match of html.matchAll(TAG)) {
    const tag = match[0];
    const attrs = attributes(tag);
    let url: string | undefined;
    if (match[1]!.toLowerCase() === 'script') {
      if (attrs.has('nomodule')) continue;
      url = attrs.get('src');
    } else {
      const rel = attrs.get('rel')?.toLowerCase() ?? '';
      const isScriptPreload = (rel === 'preload' && attrs.get('as')?.toLowerCase() === 'script') || rel === 'modulepreload';
      if (isScriptPreload) url = attrs.get('href');
    }
    if (url === undefined) continue;
    const decoded = url.replace(/&amp;/g, '&');
    const pathname = decoded.startsWith('http') ? new URL(decoded).pathname : decoded.split('?')[0]!;
    if (pathname.startsWith('/_next/static/') && pathname.endsWith('.js')) urls.add(decoded);
  }
  return [...urls];
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}.`);
  return response;
}

export async function measurePageWeight(origin: string, route: string): Promise<PageWeight> {
  const html = await (await fetchOk(new URL(route, origin).href)).text();
  const urls = initialScriptUrls(html);
  if (urls.length === 0) throw new Error(`${route} references no /_next/static scripts: is this a production build?`);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const url of urls) {
    const bytes = new Uint8Array(await (await fetchOk(new URL(url, origin).href)).arrayBuffer());
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes).length;
  }
  return { route, scripts: urls.length, rawBytes, gzipBytes };
}
