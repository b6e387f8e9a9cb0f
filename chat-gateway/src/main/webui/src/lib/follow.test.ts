import { describe, expect, it } from 'vitest';
import { isAtBottom, onScroll, showJumpToLatest } from './follow';

const at = (scrollTop: number, scrollHeight = 2000, clientHeight = 500) => ({ scrollTop, scrollHeight, clientHeight });

describe('follow at bottom', () => {
  it('counts a view within the slack of the end as at the bottom', () => {
    expect(isAtBottom(at(1500))).toBe(true);
    expect(isAtBottom(at(1460))).toBe(true);
    expect(isAtBottom(at(1400))).toBe(false);
  });

  it('stops following when the reader scrolls up and shows Jump to latest', () => {
    let s = { following: true, lastScrollTop: 1500 };
    s = onScroll(s, at(1200));
    expect(s.following).toBe(false);
    expect(showJumpToLatest(s, false)).toBe(true);
  });

  it('keeps not following while the reply grows below a reader who scrolled up', () => {
    let s = { following: false, lastScrollTop: 1200 };
    s = onScroll(s, at(1200, 2600));
    expect(s.following).toBe(false);
  });

  it('keeps following when growth moves the bottom away without the reader scrolling up', () => {
    let s = { following: true, lastScrollTop: 1500 };
    // the reply grew by 300 px before the view caught up: not at the bottom, but nobody scrolled up
    s = onScroll(s, at(1500, 2300));
    expect(s.following).toBe(true);
  });

  it('starts following again when the reader comes back to the bottom', () => {
    let s = { following: false, lastScrollTop: 800 };
    s = onScroll(s, at(1500));
    expect(s.following).toBe(true);
    expect(showJumpToLatest(s, false)).toBe(false);
  });

  it('shows Jump to latest while newer messages are not loaded, even at the bottom', () => {
    expect(showJumpToLatest({ following: true, lastScrollTop: 0 }, true)).toBe(true);
  });
});
