import { ConfigError, mergeConfig } from './config';
import { isReadable, personKey, type Group } from './directory';
import { FaultSpecError, type FaultStore } from './faults';
import { json, noContent, type SimResponse } from './http-types';
import type { RequestLog } from './request-log';
import { endpointAvailability } from './presence-model';
import type { SimCore } from './sim-core';
import { restartPool } from './restart';
import { setSilent } from './silence';

export interface ControlContext {
  readonly core: SimCore;
  readonly faults: FaultStore;
  readonly log: RequestLog;
}

const bad = (message: string, status = 400): SimResponse => json(status, { error: message });

function parseBody(body: string): Record<string, unknown> | undefined {
  if (body.trim() === '') return {};
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The simulator's control API under `/_sim/` (not part of UCWA): config, clock, faults, request
 * log and directory changes. Changes raise the events a real pool would.
 */
export function controlApi(ctx: ControlContext, method: string, url: URL, rawBody: string): SimResponse {
  const { core } = ctx;
  const parts = url.pathname.split('/').filter((p) => p !== '').slice(1).map((p) => decodeURIComponent(p));
  const route = parts.join('/');
  const body = parseBody(rawBody);
  if (body === undefined) return bad('body must be a JSON object');

  if (route === 'config') {
    if (method === 'GET') return json(200, core.config);
    if (method === 'PATCH') {
      try {
        core.config = mergeConfig(core.config, body);
      } catch (e) {
        if (e instanceof ConfigError) return bad(e.message);
        throw e;
      }
      return json(200, core.config);
    }
  }
  if (route === 'clock/advance' && method === 'POST') {
    const seconds = body['seconds'];
    if (typeof seconds !== 'number' || !(seconds >= 0)) return bad('seconds must be a non-negative number');
    core.clock.advance(seconds);
    return json(200, { now: new Date(core.clock.now()).toISOString() });
  }
  if (route === 'clock' && method === 'GET') return json(200, { now: new Date(core.clock.now()).toISOString() });
  if (route === 'faults') {
    if (method === 'GET') return json(200, { faults: ctx.faults.list() });
    if (method === 'DELETE') {
      ctx.faults.clear();
      return noContent();
    }
    if (method === 'POST') {
      try {
        return json(201, { id: ctx.faults.add(body).id });
      } catch (e) {
        if (e instanceof FaultSpecError) return bad(e.message);
        throw e;
      }
    }
  }
  if (route === 'requests') {
    if (method === 'GET') {
      const since = Number(url.searchParams.get('since') ?? '0');
      return json(200, { requests: ctx.log.since(Number.isFinite(since) ? since : 0) });
    }
    if (method === 'DELETE') {
      ctx.log.clear();
      return noContent();
    }
  }
  if (route === 'restart' && method === 'POST') return json(200, { forgotten: restartPool(core) });
  if (route === 'silence' && method === 'POST') {
    if (typeof body['on'] !== 'boolean') return bad('on must be a boolean');
    setSilent(core, body['on']);
    return noContent();
  }
  if (parts[0] === 'users' && parts[1] !== undefined) return userRoutes(core, method, parts[1], parts.slice(2), body);
  return bad(`no control route ${method} ${url.pathname}`, 404);
}

function userRoutes(core: SimCore, method: string, user: string, rest: string[], body: Record<string, unknown>): SimResponse {
  const person = core.directory.person(user);
  if (!person) return bad(`unknown user ${user}`, 404);
  const key = personKey(person.uri);
  const [a, b, c, d] = rest;

  if (a === undefined && method === 'GET') return json(200, userView(core, key));
  if (a === 'presence' && rest.length === 1 && (method === 'PUT' || method === 'POST')) {
    const availability = body['availability'];
    const note = body['note'];
    if (availability !== undefined && !isReadable(availability)) return bad('availability must be a UCWA availability value');
    if (note !== undefined && typeof note !== 'string') return bad('note must be a string');
    if (availability === undefined && note === undefined) return bad('give availability and/or note');
    if (typeof note === 'string') {
      person.note = note;
      core.noteChanged(key, 'note');
    }
    if (isReadable(availability)) core.setOtherEndpoint(person, availability);
    return json(200, userView(core, key));
  }
  if (a === 'applications' && b === 'expire' && rest.length === 2 && method === 'POST') {
    for (const app of core.appsOf(key)) core.terminate(app, 'reaped');
    return noContent();
  }
  if (a === 'groups') {
    if (b === undefined && method === 'POST') {
      const name = body['name'];
      if (typeof name !== 'string' || name.trim() === '' || name.length > 256) return bad('name is required (≤256 characters)');
      return json(201, { id: core.contactList.addGroup(key, name).id });
    }
    if (b === undefined && method === 'GET') return json(200, userView(core, key)['groups']);
    const group = b === undefined ? undefined : core.directory.group(key, b);
    if (!group) return bad(`unknown group ${b ?? ''}`, 404);
    if (c === undefined) {
      if (method === 'PATCH') {
        const name = body['name'];
        if (typeof name !== 'string' || name.trim() === '' || name.length > 256) return bad('name is required (≤256 characters)');
        core.contactList.renameGroup(key, group, name);
        return json(200, groupView(core, group));
      }
      if (method === 'DELETE') {
        if (group.kind === 'default') return bad('the default group cannot be deleted', 409);
        core.contactList.removeGroup(key, group);
        return noContent();
      }
    }
    if (c === 'contacts' && d === undefined && method === 'POST') {
      const uri = body['uri'];
      const name = body['name'];
      if (typeof uri !== 'string' || !/^(sip:)?[^@\s]+@[^@\s]+$/i.test(uri)) return bad('uri must be a SIP address');
      if (name !== undefined && typeof name !== 'string') return bad('name must be a string');
      if (body['announce'] === false) {
        // A change whose events were lost (what a resync tells the client): only a re-read finds it.
        const person = core.directory.ensurePerson(uri, name);
        if (!group.contacts.includes(personKey(person.uri))) group.contacts.push(personKey(person.uri));
        return json(201, { uri: person.uri, name: person.name });
      }
      const added = core.contactList.addContact(key, group, uri, name);
      return json(201, { uri: added.uri, name: added.name });
    }
    if (c === 'contacts' && d !== undefined && method === 'DELETE') {
      return core.contactList.removeContact(key, group, d) ? noContent() : bad(`contact ${d} is not in group ${group.id}`, 404);
    }
  }
  return bad(`no control route ${method} users/${user}/${rest.join('/')}`, 404);
}

function groupView(core: SimCore, group: Group): Record<string, unknown> {
  return {
    id: group.id,
    name: group.name,
    kind: group.kind,
    contacts: group.contacts.map((k) => {
      const p = core.directory.people.get(k)!;
      return { uri: p.uri, name: p.name };
    }),
  };
}

function userView(core: SimCore, key: string): Record<string, unknown> {
  const person = core.directory.people.get(key)!;
  return {
    uri: person.uri,
    name: person.name,
    availability: core.availabilityOf(key),
    note: person.note,
    applications: core.appsOf(key).map((app) => ({
      id: app.id,
      available: app.available,
      availability: app.available ? endpointAvailability(app.published, app.level) : 'Offline',
      published: app.published,
      activity: app.level,
      userAgent: app.userAgent,
      endpointId: app.endpointId,
      eventChannelParked: app.channel.isParked,
      contactsAndGroupsSubscription: app.contactsSub.state,
      presenceSubscriptions: [...app.presenceSubs.values()].map((s) => ({ id: s.id, members: s.members.map((k) => core.directory.people.get(k)!.uri) })),
    })),
    groups: core.directory.groupsOf(key).map((g) => groupView(core, g)),
  };
}
