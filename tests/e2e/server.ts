/**
 * A local HTTP server for browser tests: serves whatever page each test puts at a path, so a test can serve a
 * fixture, then an edited copy at the same URL. Listens on 127.0.0.1 only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  origin: string;
  set(path: string, html: string): void;
  url(path: string): string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const html = pages.get(path);
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    set: (path, html) => pages.set(path, html),
    url: (path) => origin + path,
    close: () =>
      new Promise((resolve) => {
        // Keep-alive connections from the browser would hold close() open forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
