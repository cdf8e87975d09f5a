import { isPhotoDataUrl } from '../../../shared/guards';
import { element } from '../common/dom';

/**
 * A contact's picture: their photo when main has one, otherwise their initials on a colour picked
 * from their address. Decorative (the name is always next to it), so hidden from screen readers.
 */

/** Up to two initials: the first letters of the first and last words that start with a letter or digit. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((word) => /^[\p{L}\p{N}]/u.test(word));
  const first = words[0];
  if (first === undefined) return '?';
  const last = words.length > 1 ? words[words.length - 1]! : undefined;
  const letter = (word: string): string => [...word][0]!.toLocaleUpperCase();
  return last === undefined ? letter(first) : letter(first) + letter(last);
}

/** One of eight background tones, stable per address. */
export function avatarTone(uri: string): number {
  let hash = 0;
  for (const char of uri.toLowerCase()) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % 8;
}

/**
 * An initials avatar for `name`; `setAvatarPhoto` puts a photo in it later. Inside an element whose
 * accessible name is set (a tree row), `drawnInitials` draws them from CSS instead of text, so they do
 * not count as visible words missing from that name.
 */
export function createAvatar(name: string, uri: string, className: string, drawnInitials = false): HTMLElement {
  const avatar = element('span', `avatar ${className} tone-${avatarTone(uri)}`);
  avatar.setAttribute('aria-hidden', 'true');
  const text = element('span', 'avatar-initials', drawnInitials ? '' : initials(name));
  if (drawnInitials) text.dataset['initials'] = initials(name);
  avatar.appendChild(text);
  return avatar;
}

/** Shows `dataUrl` in the avatar; anything that is not a raster `data:` URL is ignored (initials stay). */
export function setAvatarPhoto(avatar: HTMLElement, dataUrl: string | null): void {
  if (dataUrl === null || !isPhotoDataUrl(dataUrl)) return;
  const img = element('img', 'avatar-photo');
  img.alt = '';
  img.decoding = 'async';
  img.src = dataUrl;
  avatar.querySelector('.avatar-photo')?.remove();
  avatar.appendChild(img);
  avatar.classList.add('has-photo');
}
