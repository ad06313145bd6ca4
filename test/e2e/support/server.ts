/**
 * Test web server on 127.0.0.1 (random port): serves test/e2e/pages and the real consent
 * libraries from node_modules under /vendor/<package>/. Logs every request it receives, so a test
 * can assert that the extension itself fetched nothing.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const PAGES = join(ROOT, 'test', 'e2e', 'pages');
/** Packages whose dist files a test page may load, and the folder that holds them. */
const VENDOR: Record<string, string> = {
  'vanilla-cookieconsent': join(ROOT, 'node_modules', 'vanilla-cookieconsent', 'dist'),
  klaro: join(ROOT, 'node_modules', 'klaro', 'dist'),
  cookieconsent: join(ROOT, 'node_modules', 'cookieconsent', 'build'),
  // tarteaucitron ships its files at the package root and loads lang/, css/, the services and
  // advertising.js relative to its own script's URL.
  tarteaucitronjs: join(ROOT, 'node_modules', 'tarteaucitronjs'),
};
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

export interface LoggedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface TestServer {
  origin: string;
  log: LoggedRequest[];
  /** Serve `html` at `path` from now on instead of the file (a site changing its page). */
  setPage(path: string, html: string): void;
  close(): Promise<void>;
}

function fileFor(pathname: string): string | null {
  const vendor = /^\/vendor\/([^/]+)\/(.+)$/u.exec(pathname);
  const base = vendor ? VENDOR[vendor[1] as string] : PAGES;
  const rel = vendor ? (vendor[2] as string) : pathname.slice(1) || 'index.html';
  if (!base) return null;
  const full = normalize(join(base, rel));
  return full.startsWith(base) ? full : null;
}

/**
 * @param generated files built for this run (e.g. a bundled page script), served at
 *   /generated/<name> from the given absolute path.
 */
export async function startServer(generated: Record<string, string> = {}): Promise<TestServer> {
  const log: LoggedRequest[] = [];
  const pages = new Map<string, string>();
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    log.push({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers });
    const page = pages.get(url.pathname);
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html'] as string, 'cache-control': 'no-store' });
      res.end(page);
      return;
    }
    const name = /^\/generated\/([\w.-]+)$/u.exec(url.pathname)?.[1];
    const file = name !== undefined ? (Object.hasOwn(generated, name) ? generated[name] : null) : fileFor(url.pathname);
    try {
      if (!file) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    setPage: (path, html) => void pages.set(path, html),
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/**
 * A proxy that forwards nothing: it records every request a browser sends to a non-loopback
 * address (HTTP and HTTPS CONNECT) and refuses it. With the browser's proxy pointed here, any
 * request the extension made to the outside world would show up in `log`.
 */
export async function startRecordingProxy(): Promise<{ port: number; log: string[]; close(): Promise<void> }> {
  const log: string[] = [];
  const server = createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    res.writeHead(403);
    res.end();
  });
  server.on('connect', (req, socket) => {
    log.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
