/**
 * Starts a simulator for one test file and drives its control API (`/_sim/…`, not part of UCWA).
 */
import { startSimulator, type SimConfig, type SimulatorHandle } from '../../../simulator/index';
import { send, type Reply } from './http';
import { obj, str } from './json';

/** The built-in demo user. */
export const DANA = { user: 'dana@contoso.com', sip: 'sip:dana@contoso.com', password: 'Passw0rd!', name: 'Dana Birkby' };

/** A running simulator plus typed control-API calls. */
export class Sim {
  private constructor(readonly handle: SimulatorHandle) {}

  /** Starts a simulator on a free loopback port. */
  static async start(config: Partial<SimConfig> = {}): Promise<Sim> {
    return new Sim(await startSimulator({ port: 0, config }));
  }

  get origin(): string {
    return this.handle.origin;
  }

  get rootUrl(): string {
    return this.handle.rootUrl;
  }

  stop(): Promise<void> {
    return this.handle.stop();
  }

  /** Any control call; throws unless the status is one of `ok`. */
  async control(method: string, path: string, body?: unknown, ok: number[] = [200, 201, 204]): Promise<Reply> {
    const reply = await send(`${this.origin}/_sim/${path}`, { method, body });
    if (!ok.includes(reply.status)) {
      throw new Error(`control ${method} /_sim/${path} → ${reply.status} ${reply.text}`);
    }
    return reply;
  }

  /** Moves the simulator clock forward and fires everything now due. */
  async advance(seconds: number): Promise<void> {
    await this.control('POST', 'clock/advance', { seconds });
  }

  async config(): Promise<Record<string, unknown>> {
    return obj((await this.control('GET', 'config')).json, 'config');
  }

  async patchConfig(patch: Partial<SimConfig>): Promise<Record<string, unknown>> {
    return obj((await this.control('PATCH', 'config', patch)).json, 'config');
  }

  /** Injects a fault; returns its id. */
  async fault(spec: { match: { method?: string; path: string }; times?: number; fault: Record<string, unknown> }): Promise<string> {
    const reply = await this.control('POST', 'faults', spec, [201]);
    return str(obj(reply.json, 'fault reply')['id'], 'fault id');
  }

  async faults(): Promise<unknown> {
    return (await this.control('GET', 'faults')).json;
  }

  async clearFaults(): Promise<void> {
    await this.control('DELETE', 'faults');
  }

  /** The request log entries after `since` (all when omitted). */
  async requests(since?: number): Promise<Array<Record<string, unknown>>> {
    const query = since === undefined ? '' : `?since=${since}`;
    const body = obj((await this.control('GET', `requests${query}`)).json, 'request log');
    const list = body['requests'];
    if (!Array.isArray(list)) throw new Error(`requests is not an array: ${JSON.stringify(body)}`);
    return list.map((entry) => obj(entry, 'request log entry'));
  }

  async clearRequests(): Promise<void> {
    await this.control('DELETE', 'requests');
  }

  async user(user: string = DANA.user): Promise<Record<string, unknown>> {
    return obj((await this.control('GET', `users/${encodeURIComponent(user)}`)).json, 'sim user');
  }

  async addGroup(name: string, user: string = DANA.user): Promise<string> {
    const reply = await this.control('POST', `users/${encodeURIComponent(user)}/groups`, { name }, [201]);
    return String(obj(reply.json, 'group reply')['id']);
  }

  async renameGroup(id: string, name: string, user: string = DANA.user): Promise<void> {
    await this.control('PATCH', `users/${encodeURIComponent(user)}/groups/${encodeURIComponent(id)}`, { name });
  }

  async deleteGroup(id: string, user: string = DANA.user): Promise<void> {
    await this.control('DELETE', `users/${encodeURIComponent(user)}/groups/${encodeURIComponent(id)}`);
  }

  async addContact(groupId: string, uri: string, name?: string, user: string = DANA.user): Promise<void> {
    await this.control('POST', `users/${encodeURIComponent(user)}/groups/${encodeURIComponent(groupId)}/contacts`, {
      uri,
      ...(name === undefined ? {} : { name }),
    });
  }

  async removeContact(groupId: string, uri: string, user: string = DANA.user): Promise<void> {
    await this.control(
      'DELETE',
      `users/${encodeURIComponent(user)}/groups/${encodeURIComponent(groupId)}/contacts/${encodeURIComponent(uri)}`,
    );
  }

  /** Sets what "another endpoint" of `user` publishes (availability and/or note). */
  async setPresence(user: string, presence: { availability?: string; note?: string }): Promise<void> {
    await this.control('PUT', `users/${encodeURIComponent(user)}/presence`, presence);
  }

  /** Server-side reap of every application of `user`. */
  async expireApplications(user: string = DANA.user): Promise<void> {
    await this.control('POST', `users/${encodeURIComponent(user)}/applications/expire`);
  }
}

/** Sign-in address (`dana@contoso.com`) of a SIP URI (`sip:Dana@contoso.com`). */
export function userOf(sipUri: string): string {
  return sipUri.replace(/^sip:/i, '').toLowerCase();
}
