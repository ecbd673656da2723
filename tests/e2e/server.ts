/**
 * A local HTTP server for browser tests: serves whatever page each test puts at a path, so a test can serve a
 * fixture, then an edited copy at the same URL. Listens on 127.0.0.1 only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  origin: string;
  /** `headers` replace the default cache-control: no-store (e.g. to let a page into the back/forward cache). */
  set(path: string, html: string, headers?: Record<string, string>): void;
  /** Every request so far: its path and headers (e.g. Sec-Purpose on a prerender). */
  requests: { path: string; headers: Record<string, string | string[] | undefined> }[];
  url(path: string): string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>();
  const requests: PageServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ path, headers: req.headers });
    const page = pages.get(path);
    if (page === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...page.headers }).end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    set: (path, html, headers = { 'cache-control': 'no-store' }) => void pages.set(path, { html, headers }),
    url: (path) => origin + path,
    close: () =>
      new Promise((resolve) => {
        // Keep-alive connections from the browser would hold close() open forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
