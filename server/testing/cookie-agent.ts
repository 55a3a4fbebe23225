/**
 * `fetch` with a cookie jar, following redirects by hand: what a browser does between our
 * server and the identity provider, observable step by step. Cookies are per host, not per
 * port, as in browsers (provider and dashboard both live on 127.0.0.1 in tests), and one
 * name may be set once per path (the provider keeps one interaction cookie per sign-in).
 */
interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

const keyOf = (name: string, path: string) => `${path}\n${name}`;

export interface Hop {
  url: string;
  status: number;
  location: string | undefined;
}

export interface AgentResponse {
  status: number;
  url: string;
  headers: Headers;
  text: string;
  hops: Hop[];
}

export class CookieAgent {
  readonly jar = new Map<string, Map<string, StoredCookie>>();

  /** The value of the cookie of that name (whatever its path), if there is one. */
  cookie(host: string, name: string): string | undefined {
    return this.all(host).find((cookie) => cookie.name === name)?.value;
  }

  /** Every cookie held for the host. */
  all(host: string): StoredCookie[] {
    return [...(this.jar.get(host)?.values() ?? [])];
  }

  setCookie(host: string, name: string, value: string, path = '/'): void {
    const cookies = this.jar.get(host) ?? new Map<string, StoredCookie>();
    cookies.set(keyOf(name, path), { name, value, path });
    this.jar.set(host, cookies);
  }

  private header(url: URL): string {
    const cookies = this.jar.get(url.hostname);
    if (!cookies) return '';
    return [...cookies.values()]
      .filter(
        (cookie) =>
          url.pathname === cookie.path ||
          url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`),
      )
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  private store(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', val = ''] = attribute.split('=');
        if (key.toLowerCase() === 'path') path = val;
        if (key.toLowerCase() === 'max-age' && Number(val) <= 0) expired = true;
        if (key.toLowerCase() === 'expires' && Date.parse(val) < Date.now()) expired = true;
      }
      const cookies = this.jar.get(url.hostname) ?? new Map<string, StoredCookie>();
      if (expired) cookies.delete(keyOf(name, path));
      else cookies.set(keyOf(name, path), { name, value, path });
      this.jar.set(url.hostname, cookies);
    }
  }

  /** One request, no redirect followed. */
  async request(target: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(target);
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('Cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, response);
    return response;
  }

  /** Follows redirects (GET after any 30x), at most `limit`. */
  async follow(target: string, init: RequestInit = {}, limit = 12): Promise<AgentResponse> {
    const hops: Hop[] = [];
    let url = target;
    let response = await this.request(url, init);
    while (response.status >= 300 && response.status < 400 && hops.length < limit) {
      const location = response.headers.get('location') ?? undefined;
      hops.push({ url, status: response.status, location });
      if (!location) break;
      await response.arrayBuffer();
      url = new URL(location, url).href;
      response = await this.request(url);
    }
    return {
      status: response.status,
      url,
      headers: response.headers,
      text: await response.text(),
      hops,
    };
  }
}

/** The development login form of oidc-provider: its action, filled with a login name. */
export async function submitDevLogin(
  agent: CookieAgent,
  page: AgentResponse,
  login: string,
): Promise<AgentResponse> {
  const action = /<form[^>]*action="([^"]+)"/.exec(page.text)?.[1];
  if (!action) throw new Error(`no login form at ${page.url}: ${page.text.slice(0, 200)}`);
  const body = new URLSearchParams({ prompt: 'login', login, password: 'any' });
  return agent.follow(new URL(action.replace(/&amp;/g, '&'), page.url).href, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
}
