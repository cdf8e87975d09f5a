import { EMPTY, type Observable, Subject, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createPeopleRuns, type PeopleContextBase } from '../../../../../main/core/engine/people-runs';
import type { PeopleContext, PeopleFeature } from '../../../../../main/core/people-port';
import { type Change, type ContactList, EMPTY_CONTACT_LIST, type SessionError } from '../../../../../shared/models';
import { APP, recordingLogger, ScriptedClient } from './fake-client';

const BASE: PeopleContextBase = {
  client: new ScriptedClient(),
  scheduler: new VirtualTimeScheduler(),
  logger: recordingLogger().logger,
  events$: EMPTY,
  channelReset$: EMPTY,
};

/** A people feature whose runs the test drives: each run's contexts, lists, changes and failures. */
function fakeFeature() {
  const runs: {
    contexts: (PeopleContext | null)[];
    contacts: Subject<ContactList>;
    changes: Subject<Change>;
    failure: Subject<SessionError>;
  }[] = [];
  const feature: PeopleFeature = (context$: Observable<PeopleContext | null>) => {
    const run = { contexts: [] as (PeopleContext | null)[], contacts: new Subject<ContactList>(), changes: new Subject<Change>(), failure: new Subject<SessionError>() };
    context$.subscribe((c) => run.contexts.push(c));
    runs.push(run);
    return { contacts$: run.contacts, changes$: run.changes, failure$: run.failure };
  };
  return { feature, runs };
}

const list = (): ContactList => ({ groups: [], contacts: {} });

describe('people runs', () => {
  it('starts each sign-in from an empty list, replays the latest list, and empties it when the run ends', () => {
    const { feature, runs } = fakeFeature();
    const people = createPeopleRuns(feature, BASE);
    const seen: ContactList[] = [];
    people.contacts$.subscribe((l) => seen.push(l));
    people.start(() => undefined);
    const first = list();
    runs[0]!.contacts.next(first);
    const late: ContactList[] = [];
    people.contacts$.subscribe((l) => late.push(l));
    people.end();
    expect(seen).toEqual([EMPTY_CONTACT_LIST, first, EMPTY_CONTACT_LIST]);
    expect(late[0]).toBe(first);
    people.start(() => undefined);
    expect(runs).toHaveLength(2);
    expect(seen.at(-1)).toBe(EMPTY_CONTACT_LIST);
  });

  it("passes on the current run's changes only", () => {
    const { feature, runs } = fakeFeature();
    const people = createPeopleRuns(feature, BASE);
    const changes: Change[] = [];
    people.changes$.subscribe((c) => changes.push(c));
    people.start(() => undefined);
    const change: Change = { kind: 'groupAdded', at: 1, group: 'Team' };
    runs[0]!.changes.next(change);
    people.start(() => undefined);
    runs[0]!.changes.next(change);
    expect(changes).toEqual([change]);
  });

  it("gives the run the application's links and the visible contacts, and null without an application", () => {
    const { feature, runs } = fakeFeature();
    const people = createPeopleRuns(feature, BASE);
    people.start(() => undefined);
    people.readFirst(['sip:a@contoso.com']);
    people.attach(APP);
    people.readFirst(['sip:b@contoso.com']);
    people.detach();
    const contexts = runs[0]!.contexts;
    expect(contexts.map((c) => c?.links ?? null)).toEqual([null, { people: APP.people, batch: APP.batch }, null]);
    expect(contexts[1]!.readFirst?.()).toEqual(['sip:b@contoso.com']);
    expect(contexts[1]!.client).toBe(BASE.client);
  });

  it("reports the current run's failure until unwatched or replaced", () => {
    const { feature, runs } = fakeFeature();
    const people = createPeopleRuns(feature, BASE);
    const failures: string[] = [];
    people.start((e) => failures.push(`first ${e.reason}`));
    runs[0]!.failure.next({ reason: 'forbidden', message: 'no' });
    people.start((e) => failures.push(`second ${e.reason}`));
    runs[0]!.failure.next({ reason: 'forbidden', message: 'no' });
    runs[1]!.failure.next({ reason: 'unknown', message: 'bug' });
    people.unwatch();
    runs[1]!.failure.next({ reason: 'unknown', message: 'bug' });
    expect(failures).toEqual(['first forbidden', 'second unknown']);
  });

  it('on dispose stops listening to the run and keeps the last list it showed', () => {
    const { feature, runs } = fakeFeature();
    const people = createPeopleRuns(feature, BASE);
    const seen: ContactList[] = [];
    people.contacts$.subscribe((l) => seen.push(l));
    people.start(() => undefined);
    people.attach(APP);
    const shown = list();
    runs[0]!.contacts.next(shown);
    people.dispose();
    expect(runs[0]!.contacts.observed).toBe(false);
    expect(runs[0]!.changes.observed).toBe(false);
    expect(runs[0]!.failure.observed).toBe(false);
    expect(seen.at(-1)).toBe(shown);
    people.attach(APP);
    expect(runs[0]!.contexts).toHaveLength(2);
  });
});
