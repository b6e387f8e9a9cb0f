/** The follow-at-bottom rule: a streaming reply keeps the view at the bottom only while the reader is there. */
export const BOTTOM_SLACK_PX = 48;

export interface ScrollMetrics {
  scrollTop: number;
  clientHeight: number;
  scrollHeight: number;
}

export function isAtBottom(m: ScrollMetrics, slack = BOTTOM_SLACK_PX): boolean {
  return m.scrollHeight - m.clientHeight - m.scrollTop <= slack;
}

export interface FollowState {
  following: boolean;
  lastScrollTop: number;
}

/**
 * After a scroll event: scrolling up (the reader's doing) stops following; reaching the bottom
 * again starts it. Content growing below never moves scrollTop up, so growth alone never stops it.
 */
export function onScroll(state: FollowState, m: ScrollMetrics): FollowState {
  const atBottom = isAtBottom(m);
  const movedUp = m.scrollTop < state.lastScrollTop - 1;
  let following = state.following;
  if (atBottom) {
    following = true;
  } else if (movedUp) {
    following = false;
  }
  return { following, lastScrollTop: m.scrollTop };
}

/** Whether to show "Jump to latest": not following, or newer messages exist that are not loaded. */
export function showJumpToLatest(state: FollowState, hasNewerUnloaded: boolean): boolean {
  return !state.following || hasNewerUnloaded;
}
