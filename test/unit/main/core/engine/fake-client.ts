import { defer, type Observable, of, throwError } from 'rxjs';
import type { Logger } from '../../../../../main/core/ports';
import type { ApplicationLinks } from '../../../../../main/core/ucwa/application';
import type { ResourceClient, ResourceRequest, ResourceResponse } from '../../../../../main/core/ucwa/resource-client';

export const ORIGIN = 'https://pool.contoso.com';
export const SELF = `${ORIGIN}/ucwa/oauth/v1/applications/1`;

/** An application with every `me` link, absolute, as `parseApplication` gives it. */
export const APP: ApplicationLinks = {
  self: SELF,
  events: `${SELF}/events?ack=1`,
  batch: `${SELF}/batch`,
  me: { presence: `${SELF}/me/presence`, note: `${SELF}/me/note`, makeMeAvailable: `${SELF}/me/makeMeAvailable` },
  people: { myGroups: `${SELF}/people/groups` },
};

/** The body of a GET of an application, relative links as a server sends them. */
export function applicationBody(me: Readonly<Record<string, string>>): Record<string, unknown> {
  const link = (href: string) => ({ href });
  return {
    _links: { self: link('/ucwa/oauth/v1/applications/1'), events: link('/ucwa/oauth/v1/applications/1/events?ack=1') },
    _embedded: {
      me: { _links: Object.fromEntries(Object.entries(me).map(([rel, href]) => [rel, link(href)])) },
      people: { _links: {} },
    },
  };
}

type Answer = unknown | Error;

/**
 * A ResourceClient that answers from a script keyed by `METHOD path` and records every request.
 * An `Error` answer errors the request; an unscripted request answers 204 with no body.
 */
export class ScriptedClient implements ResourceClient {
  readonly calls: string[] = [];
  readonly bodies: unknown[] = [];
  private readonly script = new Map<string, Answer[]>();

  /** Queues answers for `METHOD path`; the last one repeats. */
  on(key: string, ...answers: Answer[]): this {
    this.script.set(key, answers);
    return this;
  }

  request(request: ResourceRequest): Observable<ResourceResponse> {
    return defer(() => {
      const key = `${request.method} ${new URL(request.href).pathname}`;
      this.calls.push(key);
      this.bodies.push(request.json);
      const queue = this.script.get(key) ?? [];
      const answer = queue.length > 1 ? queue.shift() : queue[0];
      if (answer instanceof Error) return throwError(() => answer);
      return of({ url: request.href, status: answer === undefined ? 204 : 200, headers: {}, text: '', body: answer ?? null });
    });
  }
}

export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly fields?: Readonly<Record<string, string | number | boolean>>;
}

export function recordingLogger(): { readonly logger: Logger; readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    logger: { log: (level, message, fields) => lines.push({ level, message, ...(fields !== undefined ? { fields } : {}) }) },
  };
}
