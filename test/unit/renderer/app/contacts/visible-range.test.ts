import { describe, expect, it } from 'vitest';
import { scrollToReveal, visibleRange } from '../../../../../renderer/app/contacts/visible-range';

const base = { rowHeight: 30, viewportHeight: 300, overscan: 5 };

describe('visibleRange', () => {
  it('covers the viewport plus overscan at the top of a long list', () => {
    expect(visibleRange({ ...base, scrollTop: 0, rowCount: 5200 })).toEqual({ start: 0, end: 16 });
  });
  it('moves with the scroll position and stays bounded', () => {
    const range = visibleRange({ ...base, scrollTop: 3000, rowCount: 5200 });
    expect(range).toEqual({ start: 95, end: 116 });
    expect(range.end - range.start).toBeLessThanOrEqual(10 + 1 + 2 * 5);
  });
  it('clamps at the end of the list, even when scrolled past it', () => {
    expect(visibleRange({ ...base, scrollTop: 30 * 5190, rowCount: 5200 })).toEqual({ start: 5185, end: 5200 });
    expect(visibleRange({ ...base, scrollTop: 1e9, rowCount: 10 })).toEqual({ start: 4, end: 10 });
  });
  it('renders nothing for an empty list or a zero row height', () => {
    expect(visibleRange({ ...base, scrollTop: 0, rowCount: 0 })).toEqual({ start: 0, end: 0 });
    expect(visibleRange({ ...base, rowHeight: 0, scrollTop: 0, rowCount: 9 })).toEqual({ start: 0, end: 0 });
  });
});

describe('scrollToReveal', () => {
  it('keeps the scroll position when the row is visible', () => {
    expect(scrollToReveal(3, 0, 300, 30)).toBe(0);
  });
  it('scrolls up to a row above the viewport', () => {
    expect(scrollToReveal(2, 300, 300, 30)).toBe(60);
  });
  it('scrolls down just enough for a row below the viewport', () => {
    expect(scrollToReveal(20, 0, 300, 30)).toBe(330);
  });
});
