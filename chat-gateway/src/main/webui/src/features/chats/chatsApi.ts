import { useEffect } from 'react';
import { useInfiniteQuery, type QueryClient } from '@tanstack/react-query';
import { api, apiOrThrow } from '../../api/http';
import type { ChatList, ChatSummary } from '../../api/types';
import { valueStore } from '../../lib/valueStore';
import { joinsWithoutGap, listShifted, mergePages, nextOffset, type FetchedPage } from '../../lib/chatList';

export const CHAT_PAGE = 30;
let seq = 0;

type ListParam = { offset: number; held: ChatSummary[] };

async function fetchChatPage(archived: boolean, q: string, param: ListParam): Promise<FetchedPage> {
  let offset = param.offset;
  for (;;) {
    const query = new URLSearchParams({ limit: String(CHAT_PAGE), offset: String(offset), archived: String(archived) });
    if (q) query.set('q', q);
    const list = await apiOrThrow<ChatList>(`/api/chat?${query}`);
    const page: FetchedPage = { chats: list.chats, total: list.total, offset, seq: seq++ };
    // chats moved up past this page's start since the last page was read: read from earlier
    if (offset > 0 && !joinsWithoutGap(param.held, page)) {
      offset = Math.max(0, offset - CHAT_PAGE);
      continue;
    }
    return { ...page, shifted: listShifted(param.held, page) };
  }
}

/** The user's chats, page by page as the list scrolls, merged without duplicates or gaps. */
export function useChatList(archived: boolean, q: string) {
  const query = useInfiniteQuery({
    queryKey: ['chats', { archived, q }],
    queryFn: ({ pageParam }) => fetchChatPage(archived, q, pageParam),
    initialPageParam: { offset: 0, held: [] } as ListParam,
    getNextPageParam: (lastPage, pages): ListParam | undefined => {
      if (lastPage.offset + lastPage.chats.length >= lastPage.total) return undefined;
      const held = mergePages(pages);
      return { offset: nextOffset(held.length), held };
    },
  });
  const removedIds = removed.use();
  const last = query.data?.pages[query.data.pages.length - 1];
  const { refetch } = query;
  useEffect(() => {
    // chats moved up from beyond the held pages (activity elsewhere): read the held pages again
    if (last?.shifted) void refetch();
  }, [last, refetch]);
  const chats = mergePages(query.data?.pages ?? [], removedIds);
  return { ...query, chats };
}

/** Chats deleted in this tab, hidden at once while the delete (or its undo) is on its way. */
const removed = valueStore<ReadonlySet<string>>(new Set());
export function setRemoved(id: string, isRemoved: boolean) {
  const next = new Set(removed.get());
  if (isRemoved) next.add(id);
  else next.delete(id);
  removed.set(next);
}

export function updateChat(chat: ChatSummary, change: { title?: string; pinned?: boolean; archived?: boolean }) {
  return api<ChatSummary>(`/api/chat/${encodeURIComponent(chat.id)}`, {
    method: 'PUT',
    json: change,
    headers: { 'If-Match': `"${chat.version}"` },
  });
}

export function deleteChat(id: string) {
  return api<void>(`/api/chat/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function restoreChat(id: string) {
  return api<ChatSummary>(`/api/chat/${encodeURIComponent(id)}/restore`, { method: 'POST' });
}

export function refreshChats(queries: QueryClient) {
  return queries.invalidateQueries({ queryKey: ['chats'] });
}
