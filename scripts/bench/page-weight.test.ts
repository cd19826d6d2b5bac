import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialScriptUrls, measurePageWeight } from './page-weight';

// The shape of a Next 16 (Turbopack) production page, trimmed.
const NEXT_HTML = `<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/_next/static/chunks/app.css" data-precedence="next"/>
<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/webpack-a.js"/>
<script src="/_next/static/chunks/main-b.js" async=""></script>
<script src="/_next/static/chunks/page-c.js?dpl=x&amp;v=1" async=""></script>
<script src="/_next/static/chunks/polyfills.js" noModule=""></script>
<script src="https://cdn.example.com/analytics.js" async></script>
<script>self.__next_f.push([1,""])</script>
</head><body><script src="/_next/static/chunks/webpack-a.js" async=""></script></body></html>`;

describe('initialScriptUrls', () => {
  it('takes each first-party script once: script tags and script preloads', () => {
    expect(initialScriptUrls(NEXT_HTML)).toEqual([
      '/_next/static/chunks/webpack-a.js',
      '/_next/static/chunks/main-b.js',
      '/_next/static/chunks/page-c.js?dpl=x&v=1',
    ]);
  });

  it('skips nomodule fallbacks, inline scripts, stylesheets and other origins', () => {
    const urls = initialScriptUrls(NEXT_HTML).join(' ');
    expect(urls).not.toContain('polyfills');
    expect(urls).not.toContain('.css');
    expect(urls).not.toContain('cdn.example.com');
  });
});

describe('measurePageWeight', () => {
  const scripts: Record<string, Buffer> = {
    '/_next/static/chunks/a.js': Buffer.from('console.log("a");'.repeat(500)),
    '/_next/static/chunks/b.js': Buffer.from('export const b = 1;\n'),
  };
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/page') {
        res.end('<html><script src="/_next/static/chunks/a.js" async></script><script src="/_next/static/chunks/b.js"></script></html>');
        return;
      }
      const script = scripts[path];
      res.statusCode = script ? 200 : 404;
      res.end(script ?? 'missing');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sums the gzip size of every referenced script, fetched from the server', async () => {
    const weight = await measurePageWeight(origin, '/page');
    const expectedGzip = Object.values(scripts).reduce((n, bytes) => n + gzipSync(bytes).length, 0);
    expect(weight).toEqual({
      route: '/page',
      scripts: 2,
      rawBytes: scripts['/_next/static/chunks/a.js']!.length + scripts['/_next/static/chunks/b.js']!.length,
      gzipBytes: expectedGzip,
    });
  });

  it('fails loudly on a page without build scripts or a missing script', async () => {
    await expect(measurePageWeight(origin, '/_next/static/chunks/b.js')).rejects.toThrow(/no \/_next\/static scripts/);
    scripts['/_next/static/chunks/b.js'] = undefined as unknown as Buffer;
    await expect(measurePageWeight(origin, '/page')).rejects.toThrow(/404/);
  });
});
