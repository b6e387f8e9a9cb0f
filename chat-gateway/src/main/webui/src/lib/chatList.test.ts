import { describe, expect, it } from 'vitest';
import type { ChatSummary } from '../api/types';
import { compareChats, joinsWithoutGap, listShifted, mergePages, nextOffset, type FetchedPage } from './chatList';

function chat(id: string, minute: number, pinned = false): ChatSummary {
  const t = new Date(Date.UTC(2026, 10, 1, 0, minute)).toISOString();
  return { id, title: id, updatedAt: t, createdAt: t, messageCount: 1, pinned, archived: false, version: 0 };
}

/** A server list that pages by offset, as persistence-service does. */
class Server {
  chats: ChatSummary[];
  constructor(n: number) {
    this.chats = Array.from({ length: n }, (_, i) => chat(`chat-${String(i).padStart(3, '0')}`, i));
  }
  page(offset: number, limit: number, seq: number): FetchedPage {
    const sorted = [...this.chats].sort(compareChats);
    return { chats: sorted.slice(offset, offset + limit), total: sorted.length, offset, seq };
  }
  touch(id: string, minute: number) {
    this.chats = this.chats.map((c) => (c.id === id ? chat(id, minute) : c));
  }
  remove(id: string) {
    this.chats = this.chats.filter((c) => c.id !== id);
  }
  add(c: ChatSummary) {
    this.chats.push(c);
  }
}

/** Pages the way the sidebar does: overlapping offsets, stepping back at a gap, reading again after a shift. */
function loadAll(server: Server, limit: number, between: (pageNo: number) => void): ChatSummary[] {
  let pages: FetchedPage[] = [];
  let seq = 0;
  let held: ChatSummary[] = [];
  for (let pageNo = 0; pageNo < 100; pageNo++) {
    between(pageNo);
    let offset = pageNo === 0 ? 0 : nextOffset(held.length);
    let page = server.page(offset, limit, seq++);
    while (!joinsWithoutGap(held, page)) {
      offset = Math.max(0, offset - limit);
      page = server.page(offset, limit, seq++);
    }
    if (listShifted(held, page)) {
      // what the sidebar's refetch does: every held page read again, in order
      const count = held.length;
      pages = [];
      held = [];
      for (let o = 0; o < count + limit; o += limit) {
        pages.push(server.page(o, limit, seq++));
      }
      held = mergePages(pages);
      page = pages[pages.length - 1];
    } else {
      pages.push(page);
      held = mergePages(pages);
    }
    if (page.offset + page.chats.length >= page.total) {
      break;
    }
  }
  return held;
}

describe('sidebar merge', () => {
  it('orders pinned first, then newest activity, then id', () => {
    const list = mergePages([{ chats: [chat('a', 1), chat('b', 5), chat('c', 2, true)], total: 3, offset: 0, seq: 0 }]);
    expect(list.map((c) => c.id)).toEqual(['c', 'b', 'a']);
  });

  it('shows a chat once when it moves to the top between two pages, with its newest copy', () => {
    const server = new Server(45);
    const list = loadAll(server, 20, (pageNo) => {
      if (pageNo === 1) server.touch('chat-010', 1000);
      if (pageNo === 2) server.touch('chat-002', 1001);
    });
    const ids = list.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...server.chats].sort(compareChats).map((c) => c.id));
    expect(ids[0]).toBe('chat-002');
  });

  it('skips none when chats are deleted or created above the page being read', () => {
    const server = new Server(60);
    const list = loadAll(server, 20, (pageNo) => {
      if (pageNo === 1) {
        for (let i = 59; i > 50; i--) server.remove(`chat-${String(i).padStart(3, '0')}`);
      }
      if (pageNo === 2) server.add(chat('brand-new', 2000));
    });
    const ids = list.map((c) => c.id);
    expect(ids).toEqual([...server.chats].sort(compareChats).map((c) => c.id));
  });

  it('drops chats the user removed even if an older page still holds them', () => {
    const list = mergePages([{ chats: [chat('a', 1), chat('b', 2)], total: 2, offset: 0, seq: 0 }], new Set(['b']));
    expect(list.map((c) => c.id)).toEqual(['a']);
  });

  it('notices when the list moved above the page being read', () => {
    const held = [chat('x', 50), chat('y', 40), chat('z', 30)];
    expect(listShifted(held, { chats: [chat('y', 40)], total: 9, offset: 1, seq: 1 })).toBe(false);
    expect(listShifted(held, { chats: [chat('x', 50)], total: 9, offset: 1, seq: 1 })).toBe(true);
  });

  it('notices a page that starts after the held end', () => {
    const held = [chat('x', 50), chat('y', 40)];
    expect(joinsWithoutGap(held, { chats: [chat('z', 30)], total: 9, offset: 5, seq: 1 })).toBe(false);
    expect(joinsWithoutGap(held, { chats: [chat('y', 40), chat('z', 30)], total: 9, offset: 1, seq: 1 })).toBe(true);
  });
});
