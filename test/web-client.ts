import type { FastifyInstance, InjectOptions } from 'fastify';

export interface Page {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  location: string | undefined;
}

/**
 * A person with a browser, as far as Haven can tell: keeps the one cookie,
 * reads the anti-forgery token from the last form it saw, and posts forms
 * the way a browser without JavaScript does.
 */
let nextHost = 1 + Math.floor(Math.random() * 1000);

export class WebClient {
  cookie: string | null = null;
  #csrf: string | null = null;

  private readonly defaults: { remoteAddress: string; headers?: Record<string, string> };

  /** Each client comes from its own address (from the benchmarking range), as separate people would. */
  constructor(
    private readonly app: FastifyInstance,
    defaults: { remoteAddress?: string; headers?: Record<string, string> } = {},
  ) {
    this.defaults = { remoteAddress: defaults.remoteAddress ?? `198.18.${nextHost >> 8}.${nextHost++ & 255}`, headers: defaults.headers };
  }

  async request(options: InjectOptions): Promise<Page> {
    const response = await this.app.inject({
      remoteAddress: this.defaults.remoteAddress,
      ...options,
      headers: { ...this.defaults.headers, ...(this.cookie ? { cookie: `haven=${this.cookie}` } : {}), ...(options.headers ?? {}) },
    });
    const setCookie = response.cookies.find((c) => c.name === 'haven');
    if (setCookie) this.cookie = setCookie.value === '' ? null : setCookie.value;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (csrf) this.#csrf = csrf[1]!;
    return { status: response.statusCode, body: response.body, headers: response.headers, location: response.headers.location as string | undefined };
  }

  get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.request({ method: 'GET', url, headers });
  }

  /** Posts a form as a browser would; fetches `formPage` first to pick up a fresh anti-forgery token when given. */
  async post(url: string, fields: Record<string, string | string[]>, formPage?: string): Promise<Page> {
    if (formPage) await this.get(formPage);
    const body = new URLSearchParams();
    if (this.#csrf && !('_csrf' in fields)) body.append('_csrf', this.#csrf);
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    return this.request({ method: 'POST', url, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  async logIn(username: string, password: string): Promise<Page> {
    return this.post('/login', { username, password }, '/login');
  }
}

/** Creates an account directly through the service (fast) and returns its password. */
export async function createAccount(
  app: FastifyInstance,
  username: string,
  options: { roles?: ('steward' | 'reviewer' | 'advisory' | 'conduct')[]; password?: string } = {},
) {
  const password = options.password ?? `pass-${username}-correct-horse`;
  const created = await app.haven.accounts.create({ username, password, roles: options.roles ?? [] }, 'system');
  return { ...created, password };
}
