import { describe, expect, it } from 'vitest';
import { scrollToReveal, visibleRange } from './virtual-range.ts';

describe('visibleRange', () => {
  const base = { viewportHeight: 500, rowHeight: 50, count: 5000, overscan: 5 };

  it('renders the rows in view plus the overscan, never the whole list', () => {
    expect(visibleRange({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 16 });
    const middle = visibleRange({ ...base, scrollTop: 100_000 });
    expect(middle).toEqual({ start: 1995, end: 2016 });
    expect(middle.end - middle.start).toBeLessThan(30);
  });

  it('stops at both ends of the list', () => {
    expect(visibleRange({ ...base, scrollTop: 5000 * 50 })).toEqual({ start: 4994, end: 5000 });
    expect(visibleRange({ ...base, scrollTop: -40 })).toEqual({ start: 0, end: 16 });
    expect(visibleRange({ ...base, count: 3, scrollTop: 0 })).toEqual({ start: 0, end: 3 });
    expect(visibleRange({ ...base, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0 });
  });
});

describe('scrollToReveal', () => {
  it('scrolls just enough to show a row above or below the viewport', () => {
    expect(scrollToReveal({ index: 2, scrollTop: 200, viewportHeight: 500, rowHeight: 50 })).toBe(100);
    expect(scrollToReveal({ index: 20, scrollTop: 200, viewportHeight: 500, rowHeight: 50 })).toBe(550);
    expect(scrollToReveal({ index: 6, scrollTop: 200, viewportHeight: 500, rowHeight: 50 })).toBeNull();
  });
});
