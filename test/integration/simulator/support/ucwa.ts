/**
 * A deliberately plain UCWA client for conformance tests: it signs in and navigates purely by
 * following hrefs, as a third-party client would (ucwa-protocol.md §0). Only the discovery root is known.
 */
import { msRtcOAuth, send, type Reply, type SendOptions } from './http';
import { dig, embedded, link, obj, str } from './json';
import { DANA, type Sim } from './sim';

/** Default create-application body in the PascalCase of Microsoft's task pages. */
export const APP_BODY = {
  UserAgent: 'ConformanceTests/1.0',
  EndpointId: 'a917c6f4-976c-4cf3-847d-cdfffa28ccdf',
  Culture: 'en-US',
};

/** Posts a password grant to the token endpoint; returns the raw reply. */
export function requestToken(tokenUrl: string, username: string, password: string, grantType = 'password'): Promise<Reply> {
  const form = new URLSearchParams({ grant_type: grantType, username, password });
  return send(tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: form.toString(),
  });
}

/** The discovery results a client caches. */
export interface Discovery {
  readonly userUrl: string;
  readonly tokenUrl: string;
  readonly grantTypes: string[];
}

/** Root → user (401) → challenge parameters. */
export async function discover(sim: Sim): Promise<Discovery> {
  const root = await send(sim.rootUrl);
  if (root.status !== 200) throw new Error(`root → ${root.status}`);
  const userUrl = link(root.json, 'user', root.url);
  const challenge = await send(userUrl);
  const params = msRtcOAuth(challenge.headers);
  if (challenge.status !== 401 || params === undefined) throw new Error(`user → ${challenge.status} without MsRtcOAuth`);
  return { userUrl, tokenUrl: new URL(params.href, challenge.url).toString(), grantTypes: params.grantTypes };
}

/** A signed-in user: a token plus authenticated request helpers. */
export class Session {
  constructor(
    readonly sim: Sim,
    public token: string,
    readonly applicationsUrl: string,
    readonly discovery: Discovery,
  ) {}

  /** Full discovery + password grant + user GET, as in §0 steps 1–4. */
  static async signIn(sim: Sim, username: string = DANA.user, password: string = DANA.password): Promise<Session> {
    const discovery = await discover(sim);
    const tokenReply = await requestToken(discovery.tokenUrl, username, password);
    if (tokenReply.status !== 200) throw new Error(`token → ${tokenReply.status} ${tokenReply.text}`);
    const token = str(obj(tokenReply.json)['access_token'], 'access_token');
    const user = await send(discovery.userUrl, { token });
    if (user.status !== 200) throw new Error(`user with token → ${user.status}`);
    return new Session(sim, token, link(user.json, 'applications', user.url), discovery);
  }

  /** Fetches a fresh token with the same credentials (renewal, §2.5). */
  async renewToken(username: string = DANA.user, password: string = DANA.password): Promise<void> {
    const reply = await requestToken(this.discovery.tokenUrl, username, password);
    this.token = str(obj(reply.json)['access_token'], 'access_token');
  }

  send(url: string, options: SendOptions = {}): Promise<Reply> {
    return send(url, { token: this.token, ...options });
  }

  get(url: string, options: SendOptions = {}): Promise<Reply> {
    return this.send(url, { method: 'GET', ...options });
  }

  post(url: string, body?: unknown, options: SendOptions = {}): Promise<Reply> {
    return this.send(url, { method: 'POST', body, ...options });
  }

  delete(url: string): Promise<Reply> {
    return this.send(url, { method: 'DELETE' });
  }

  /** POST applications; throws unless 201. */
  async createApp(body: unknown = APP_BODY): Promise<App> {
    const reply = await this.post(this.applicationsUrl, body);
    if (reply.status !== 201) throw new Error(`create application → ${reply.status} ${reply.text}`);
    return new App(this, reply);
  }
}

/** One application resource and the hrefs it exposes. */
export class App {
  /** Last representation of the application and the URL it came from. */
  resource: unknown;
  baseUrl: string;

  constructor(
    readonly session: Session,
    created: Reply,
  ) {
    this.resource = created.json;
    this.baseUrl = created.url;
  }

  get self(): string {
    return link(this.resource, 'self', this.baseUrl);
  }

  get eventsUrl(): string {
    return link(this.resource, 'events', this.baseUrl);
  }

  get batchUrl(): string {
    return link(this.resource, 'batch', this.baseUrl);
  }

  get me(): unknown {
    return embedded(this.resource, 'me');
  }

  get people(): unknown {
    return embedded(this.resource, 'people');
  }

  /** Absolute href of a link on the embedded `me`. */
  meLink(rel: string): string {
    return link(this.me, rel, this.baseUrl);
  }

  /** Absolute href of a link on the embedded `people`. */
  peopleLink(rel: string): string {
    return link(this.people, rel, this.baseUrl);
  }

  /** Re-GETs the application (picks up me links that appear after makeMeAvailable). */
  async refresh(): Promise<Reply> {
    const reply = await this.session.get(this.self);
    if (reply.status === 200) {
      this.resource = reply.json;
      this.baseUrl = reply.url;
    }
    return reply;
  }

  /** makeMeAvailable with the seed body, then refresh; throws unless 204. */
  async makeAvailable(body: unknown = { SupportedModalities: ['Messaging'] }): Promise<void> {
    const reply = await this.session.post(this.meLink('makeMeAvailable'), body);
    if (reply.status !== 204) throw new Error(`makeMeAvailable → ${reply.status} ${reply.text}`);
    await this.refresh();
  }

  /** GET myGroups and return the raw resource with its URL. */
  async groups(): Promise<Reply> {
    return this.session.get(this.peopleLink('myGroups'));
  }

  /** The first group (any kind) with this name, with its URL base. */
  async groupNamed(name: string): Promise<{ group: unknown; base: string; rel: string }> {
    const reply = await this.groups();
    const all = dig(reply.json, '_embedded');
    for (const [rel, value] of Object.entries(obj(all))) {
      for (const group of Array.isArray(value) ? value : [value]) {
        if (obj(group)['name'] === name) return { group, base: reply.url, rel };
      }
    }
    throw new Error(`no group named ${name} in ${reply.text}`);
  }

  /** Every contact in the user's contact list (GET people.myContacts). */
  async contacts(): Promise<Array<{ contact: Record<string, unknown>; base: string }>> {
    const reply = await this.session.get(this.peopleLink('myContacts'));
    if (reply.status !== 200) throw new Error(`myContacts → ${reply.status}`);
    const list = obj(reply.json)['_embedded'] === undefined ? [] : obj(dig(reply.json, '_embedded'))['contact'];
    return (Array.isArray(list) ? list : []).map((c) => ({ contact: obj(c, 'contact'), base: reply.url }));
  }

  /** SIP URIs of the user's contacts, in server order. */
  async contactUris(): Promise<string[]> {
    return (await this.contacts()).map(({ contact }) => str(contact['uri'], 'contact.uri'));
  }

  /** The URL that `rel` would have under this app, derived from another app's href of the same kind. */
  sameResourceAs(otherHref: string, otherAppSelf: string): string {
    const suffix = new URL(otherHref).pathname.slice(new URL(otherAppSelf).pathname.length);
    return new URL(new URL(this.self).pathname + suffix, this.self).toString();
  }
}
