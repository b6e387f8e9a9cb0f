import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message, MessagePage } from '../../api/types';
import { flattenPages, followSelection, messagesKey, onlyPage } from './messagesQuery';

const msg = (id: string): Message => ({ id, chatId: 'c', role: 'assistant', content: id, timestamp: '2026-11-01T00:00:00Z', status: 'complete' });
const onPath = (selectionVersion: number, ids: string[]): MessagePage => ({
  chatId: 'c', title: 't', messages: ids.map(msg), hasMore: false, hasNewer: false,
  chat: { id: 'c', title: 't', createdAt: '', updatedAt: '', messageCount: ids.length, pinned: false, archived: false, version: 1, selectionVersion },
});

function held(selectionVersion: number, ids: string[], newest: MessagePage) {
  const queries = new QueryClient();
  queries.setQueryData(messagesKey('c'), onlyPage(onPath(selectionVersion, ids), {}));
  const fetched = vi.fn(async () => new Response(JSON.stringify(newest), { status: 200, headers: { 'Content-Type': 'application/json' } }));
  vi.stubGlobal('fetch', fetched);
  return { queries, fetched };
}

describe('following the selected path moved elsewhere', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the newest page once a chat (frame or refetched list) names a newer selectionVersion, and shows only it', async () => {
    const { queries, fetched } = held(3, ['q', 'old-reply'], onPath(4, ['q', 'new-reply']));
    followSelection(queries, 'c', 4);
    await vi.waitFor(() => expect(flattenPages(queries.getQueryData(messagesKey('c'))).map((m) => m.id)).toEqual(['q', 'new-reply']));
    expect(fetched).toHaveBeenCalledTimes(1);
    expect(String((fetched.mock.calls[0] as unknown[])[0])).toBe('/api/chat/c?limit=50');
  });

  it('reads nothing for the path it shows, an older one (a list read before this tab\'s own switch) or none', () => {
    const { queries, fetched } = held(3, ['q', 'a'], onPath(3, ['q', 'a']));
    followSelection(queries, 'c', 3);
    followSelection(queries, 'c', 2);
    followSelection(queries, 'c', undefined);
    expect(fetched).not.toHaveBeenCalled();
  });
});
