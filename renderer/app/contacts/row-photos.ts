import type { Contact } from '../../../shared/models';
import { createAvatar, setAvatarPhoto } from './avatar';
import type { PhotoSource } from './photo-source';

/** Scrolling must pause this long before rows ask for photos, so a fling through 5,000 rows asks for none. */
const SETTLE_MS = 120;

/**
 * Photos in the contact rows. The tree keeps only the rows in view (plus a small margin) in the DOM,
 * and only rows still there once scrolling settles ask for their photo: photos for visible rows only.
 */
export interface RowPhotos {
  /** Called each time the tree (re)fills a contact row. */
  decorate(row: HTMLElement, contact: Contact): void;
}

export function createRowPhotos(photos: PhotoSource): RowPhotos {
  const waiting = new Map<HTMLElement, { readonly uri: string; readonly avatar: HTMLElement }>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = (): void => {
    timer = undefined;
    for (const [row, { uri, avatar }] of waiting) {
      if (!row.isConnected || !row.contains(avatar)) continue;
      void photos.get(uri).then((photo) => {
        if (row.isConnected && row.contains(avatar)) setAvatarPhoto(avatar, photo);
      });
    }
    waiting.clear();
  };

  return {
    decorate(row, contact) {
      const avatar = createAvatar(contact.name, contact.uri, 'row-avatar', true);
      row.prepend(avatar);
      const known = photos.peek(contact.uri);
      if (known !== undefined) {
        setAvatarPhoto(avatar, known);
        return;
      }
      waiting.set(row, { uri: contact.uri, avatar });
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, SETTLE_MS);
    },
  };
}
