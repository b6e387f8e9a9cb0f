import type { ChatSummary } from '../api/types';

/**
 * The sidebar's list: pages fetched by offset while chats move to the top. Merged by id (the copy
 * seen last wins), in the server's order (pinned first, newest activity, then id), so a chat that
 * moved shows once, and a page that does not overlap what is held means chats were skipped.
 */
export function compareChats(a: ChatSummary, b: ChatSummary): number {
  if (a.pinned !== b.pinned) {
    return a.pinned ? -1 : 1;
  }
  if (a.updatedAt !== b.updatedAt) {
    return a.updatedAt < b.updatedAt ? 1 : -1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface FetchedPage {
  chats: ChatSummary[];
  total: number;
  offset: number;
  /** When this page was fetched (a counter or a clock): later copies of a chat win. */
  seq: number;
  /** The list moved above this page since the held pages were read: read them all again. */
  shifted?: boolean;
}

export function mergePages(pages: FetchedPage[], removed: ReadonlySet<string> = new Set()): ChatSummary[] {
  const byId = new Map<string, { chat: ChatSummary; seq: number }>();
  for (const page of pages) {
    for (const chat of page.chats) {
      const seen = byId.get(chat.id);
      if (!seen || seen.seq <= page.seq) {
        byId.set(chat.id, { chat, seq: page.seq });
      }
    }
  }
  return [...byId.values()].map((e) => e.chat).filter((c) => !removed.has(c.id)).sort(compareChats);
}

/** How many chats to read again before the held end, so a page that moved still overlaps. */
export const PAGE_OVERLAP = 5;

/** The offset of the next page: a little before the held end, so the pages overlap. */
export function nextOffset(held: number): number {
  return Math.max(0, held - PAGE_OVERLAP);
}

/**
 * A fetched page joins the held list without a gap when its first chat sorts at or before the held
 * list's last one (or it starts at 0). Otherwise chats moved up past the page start and some were
 * never seen: read again from earlier.
 */
export function joinsWithoutGap(held: ChatSummary[], page: FetchedPage): boolean {
  if (page.offset === 0 || held.length === 0 || page.chats.length === 0) {
    return true;
  }
  return compareChats(page.chats[0], held[held.length - 1]) <= 0;
}

/** Applies a live change of one chat (title, preview, activity) to the held list. */
export function upsertChat(held: ChatSummary[], chat: ChatSummary): ChatSummary[] {
  return [...held.filter((c) => c.id !== chat.id), chat].sort(compareChats);
}

/**
 * Whether the list moved above a page read at `offset`: its first chat is not the one held there.
 * Chats that moved to the top from beyond the held pages (activity elsewhere) are only found by
 * reading the list again from the start.
 */
export function listShifted(held: ChatSummary[], page: FetchedPage): boolean {
  if (page.offset === 0 || page.chats.length === 0) return false;
  return page.chats[0].id !== held[page.offset]?.id;
}
