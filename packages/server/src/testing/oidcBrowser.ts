/**
 * Just enough of a browser for single sign-on's integration tests: cookies per host (path and
 * expiry honoured), redirects followed one at a time, and the test provider's login and consent
 * forms submitted the way its pages would. The e2e test does the same in Chromium.
 */
interface Cookie {
  value: string;
  path: string;
}

export interface Hop {
  status: number;
  url: string;
  location: string | null;
  body: string;
}

export class TestBrowser {
  private readonly jar = new Map<string, Map<string, Cookie>>();

  /** One request, no redirect followed; cookies kept and sent as a browser would. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Hop> {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    const cookie = this.cookieHeader(target);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = target.origin;
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(target, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) this.store(target, line);
    const location = res.headers.get('location');
    return {
      status: res.status,
      url: target.href,
      location: location ? new URL(location, target).href : null,
      body: await res.text(),
    };
  }

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name)?.value;
  }

  /**
   * From Council's start URL through the provider's pages, signing in as `login` (and consenting),
   * or cancelling there; returns the callback URL the provider sends the browser to, not yet visited.
   */
  async throughProvider(startUrl: string, login: string, options: { cancel?: boolean } = {}): Promise<string> {
    const council = new URL(startUrl).origin;
    let hop = await this.request(startUrl);
    for (let step = 0; step < 20; step++) {
      if (hop.location) {
        if (new URL(hop.location).origin === council) return hop.location;
        hop = await this.request(hop.location);
        continue;
      }
      if (hop.status !== 200)
        throw new Error(`the provider answered ${hop.status} at ${hop.url}: ${hop.body.slice(0, 300)}`);
      const action = /<form[^>]*action="([^"]+)"/.exec(hop.body)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(hop.body)?.[1];
      if (!action || !prompt) throw new Error(`no form at ${hop.url}`);
      if (options.cancel) {
        const abort = /href="([^"]*\/abort)"/.exec(hop.body)?.[1];
        if (!abort) throw new Error(`no cancel link at ${hop.url}`);
        hop = await this.request(new URL(abort, hop.url).href);
        continue;
      }
      const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
      hop = await this.request(new URL(action, hop.url).href, { form });
    }
    throw new Error('too many steps at the provider');
  }

  private cookieHeader(url: URL): string {
    const cookies = this.jar.get(url.host);
    if (!cookies) return '';
    return [...cookies.entries()]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private store(url: URL, line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const attr = (key: string) =>
      attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1) ?? undefined;
    const cookies = this.jar.get(url.host) ?? new Map<string, Cookie>();
    this.jar.set(url.host, cookies);
    const expires = attr('expires');
    const maxAge = attr('max-age');
    if ((maxAge !== undefined && Number(maxAge) <= 0) || (expires && Date.parse(expires) <= Date.now()) || !value) {
      cookies.delete(name);
      return;
    }
    cookies.set(name, { value, path: attr('path') ?? '/' });
  }
}
