import { useEffect } from 'react';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { ChatSummary, MessagePage } from '../../api/types';
import { followSelection, pagesDisagree, refreshNewest } from './messagesQuery';

/**
 * The open chat follows its selected path when it moves elsewhere (issue 11): a refetched chat list
 * (window focus, another tab's change) that names another `selectionVersion` than the held pages, or
 * held pages read on different paths (a switch elsewhere while paging), read the path again, one page.
 * `chat` frames do the same in the tab's stream.
 */
export function useFollowSelection(chatId: string | null, data: InfiniteData<MessagePage> | undefined): void {
  const queries = useQueryClient();

  useEffect(() => {
    if (chatId && pagesDisagree(data)) void refreshNewest(queries, chatId, true);
  }, [chatId, data, queries]);

  useEffect(() => {
    if (!chatId) return;
    return queries.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success' || event.query.queryKey[0] !== 'chats') return;
      const list = event.query.state.data as InfiniteData<{ chats: ChatSummary[] }> | undefined;
      const chat = list?.pages.flatMap((p) => p.chats).find((c) => c.id === chatId);
      if (chat) followSelection(queries, chatId, chat.selectionVersion);
    });
  }, [chatId, queries]);
}
