import { describe, expect, it } from 'vitest';
import { isContactLink, isCopyText, isPhotoDataUrl } from '../../../shared/guards';

describe('contact card payload guards', () => {
  it.each(['mailto:dana@contoso.com', 'TEL:+14255550101', 'sip:dana@contoso.com', 'im:<sip:dana@contoso.com>'])('lets the link %s through', (link) => {
    expect(isContactLink(link)).toBe(true);
  });

  it.each([
    ['https', 'https://contoso.com/'],
    ['a file', 'file:///etc/passwd'],
    ['script', 'javascript:alert(1)'],
    ['a scheme that only starts alike', 'telnet://host'],
    ['a hidden second line', 'tel:+1425\nfile:///etc/passwd'],
    ['too long', `mailto:${'a'.repeat(2048)}@contoso.com`],
    ['not a string', { url: 'tel:+1' }],
    ['nothing', undefined],
  ])('refuses a link that is %s', (_name, link) => {
    expect(isContactLink(link)).toBe(false);
  });

  it('copies plain one-line text only', () => {
    expect(isCopyText('dana@contoso.com')).toBe(true);
    expect(isCopyText('')).toBe(false);
    expect(isCopyText('dana@contoso.com\r\nrm -rf ~')).toBe(false);
    expect(isCopyText('x'.repeat(2049))).toBe(false);
    expect(isCopyText(42)).toBe(false);
  });

  it('accepts base64 raster data: URLs as photos and nothing else', () => {
    expect(isPhotoDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isPhotoDataUrl('data:image/jpeg;base64,/9j/4AAQ')).toBe(true);
    expect(isPhotoDataUrl('data:image/svg+xml;base64,PHN2Zz4=')).toBe(false);
    expect(isPhotoDataUrl('data:text/html;base64,PHNjcmlwdD4=')).toBe(false);
    expect(isPhotoDataUrl('https://pool.contoso.com/photos/dana')).toBe(false);
    expect(isPhotoDataUrl('data:image/png;base64,iVBO"onerror="alert(1)')).toBe(false);
    expect(isPhotoDataUrl(null)).toBe(false);
  });
});
