import { map, type Observable } from 'rxjs';
import { isJsonObject } from './hal';
import type { ResourceClient } from './resource-client';

/** The personal note's text (`message`), empty when absent. */
export function parseNote(body: unknown): string {
  return isJsonObject(body) && typeof body['message'] === 'string' ? body['message'] : '';
}

export function getNote(client: ResourceClient, href: string): Observable<string> {
  return client.request({ method: 'GET', href }).pipe(map((response) => parseNote(response.body)));
}

/** An empty message clears the note (§4.4). */
export function setNote(client: ResourceClient, href: string, message: string): Observable<void> {
  return client.request({ method: 'POST', href, json: { message } }).pipe(map(() => undefined));
}
