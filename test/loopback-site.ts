import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * A small website on 127.0.0.1 whose pages a test sets and changes: stands in
 * for a provider's server. Only loopback, and it closes with the test.
 */
export class LoopbackSite {
  readonly #pages = new Map<string, Reply | ((request: http.IncomingMessage, response: http.ServerResponse) => void)>();
  readonly #server: http.Server;
  readonly requests: string[] = [];

  private constructor() {
    this.#server = http.createServer((request, response) => {
      this.requests.push(request.url ?? '');
      const page = this.#pages.get(request.url ?? '');
      if (!page) {
        response.writeHead(404).end('not here');
        return;
      }
      if (typeof page === 'function') return page(request, response);
      response.writeHead(page.status ?? 200, { 'content-type': 'text/plain; charset=utf-8', ...page.headers }).end(page.body ?? '');
    });
  }

  static async start(): Promise<LoopbackSite> {
    const site = new LoopbackSite();
    await new Promise<void>((resolve) => site.#server.listen(0, '127.0.0.1', resolve));
    return site;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  set(path: string, page: Reply | string | ((request: http.IncomingMessage, response: http.ServerResponse) => void)): void {
    this.#pages.set(path, typeof page === 'string' ? { body: page } : page);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Starts any server (http or https) on a free loopback port and returns the port. */
export async function listenOnLoopback(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Stops a server at once, open connections included. */
export async function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
