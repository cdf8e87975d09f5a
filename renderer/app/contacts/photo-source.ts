import type { RendererApi } from '../../../shared/ipc-contract';

/** Photos held by the window (a 48 px photo is a few kilobytes as a data URL). */
const MAX_PHOTOS = 400;
/** Photo requests in flight at once: main fetches them one origin at a time anyway. */
const MAX_IN_FLIGHT = 4;

/**
 * The window's side of contact photos: asks main (which fetches and caches them with the token)
 * for each contact once, a few at a time, and remembers the answer while the window is open.
 */
export interface PhotoSource {
  /** The photo as a `data:` URL, or null for none. */
  get(uri: string): Promise<string | null>;
  /** What is known already, without asking: a photo, null for none, undefined when not asked yet. */
  peek(uri: string): string | null | undefined;
  /** Forget a contact's photo, so the next `get` asks main again (the card does, when opened). */
  forget(uri: string): void;
}

export function createPhotoSource(api: Pick<RendererApi, 'contactPhoto'>): PhotoSource {
  const known = new Map<string, string | null>();
  const asked = new Map<string, Promise<string | null>>();
  const queue: (() => void)[] = [];
  let running = 0;

  const next = (): void => {
    while (running < MAX_IN_FLIGHT && queue.length > 0) {
      running += 1;
      queue.shift()!();
    }
  };
  const remember = (uri: string, photo: string | null): void => {
    known.delete(uri);
    known.set(uri, photo);
    while (known.size > MAX_PHOTOS) known.delete(known.keys().next().value as string);
  };

  return {
    get(uri) {
      const held = asked.get(uri);
      if (held !== undefined) return held;
      const done = new Promise<string | null>((resolve) => {
        queue.push(() => {
          api
            .contactPhoto(uri)
            .then((photo) => photo, () => null)
            .then((photo) => {
              remember(uri, photo);
              resolve(photo);
            })
            .finally(() => {
              running -= 1;
              asked.delete(uri);
              next();
            });
        });
      });
      asked.set(uri, done);
      next();
      return done;
    },
    peek: (uri) => known.get(uri),
    forget(uri) {
      known.delete(uri);
    },
  };
}
