import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { apiOrThrow } from '../../api/http';
import type { Message, MessagePage } from '../../api/types';
import { forgetOffPath } from '../stream/liveStore';

export const PAGE_SIZE = 50;
/**
 * Pages held per chat, whichever way the reader pages: a page fetched beyond it lets go of the one at
 * the other end (it loads again when scrolled back to), so the held messages — and the heap — stay
 * bounded however far the reader goes.
 */
export const MAX_PAGES = 8;

export type PageParam = { before?: string; after?: string; around?: string };

export function messagesKey(chatId: string, around?: string) {
  return around ? (['chat', chatId, 'messages', { around }] as const) : (['chat', chatId, 'messages'] as const);
}

export function fetchMessagePage(chatId: string, param: PageParam): Promise<MessagePage> {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (param.before) query.set('before', param.before);
  if (param.after) query.set('after', param.after);
  if (param.around) query.set('around', param.around);
  return apiOrThrow<MessagePage>(`/api/chat/${encodeURIComponent(chatId)}?${query}`);
}

/** Older pages come first ("previous" in TanStack's terms), newer ones last. */
export function messagesQueryOptions(chatId: string, around?: string) {
  return {
    queryKey: messagesKey(chatId, around),
    queryFn: ({ pageParam }: { pageParam: PageParam }) => fetchMessagePage(chatId, pageParam),
    initialPageParam: (around ? { around } : {}) as PageParam,
    getPreviousPageParam: (first: MessagePage): PageParam | undefined => (first.hasMore && first.nextCursor ? { before: first.nextCursor } : undefined),
    getNextPageParam: (last: MessagePage): PageParam | undefined => (last.hasNewer && last.newerCursor ? { after: last.newerCursor } : undefined),
    maxPages: MAX_PAGES,
    // a visited chat opens from the cache at once; refreshNewest brings it up to date behind it
    staleTime: Infinity,
    retry: (count: number, error: unknown) => count < 2 && (error as { api?: { status: number } }).api?.status !== 404,
  };
}

/** The messages of all held pages, oldest first, each once. */
export function flattenPages(data: InfiniteData<MessagePage> | undefined): Message[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: Message[] = [];
  for (const page of data.pages) {
    for (const m of page.messages) {
      if (!seen.has(m.id)) {
        seen.add(m.id);
        out.push(m);
      }
    }
  }
  return out;
}

/** The chat's `selectionVersion` as the held pages know it (0: a chat that never switched; none held: undefined). */
export function heldSelection(data: InfiniteData<MessagePage> | undefined): number | undefined {
  if (!data) return undefined;
  for (let i = data.pages.length - 1; i >= 0; i--) {
    const chat = data.pages[i].chat;
    if (chat) return chat.selectionVersion ?? 0;
  }
  return undefined;
}

/** Whether a page (or the chat it names) is on another path than the held pages: then they are replaced, not merged. */
export function pathMoved(data: InfiniteData<MessagePage> | undefined, selectionVersion: number | undefined): boolean {
  const held = heldSelection(data);
  return held !== undefined && selectionVersion !== undefined && held !== selectionVersion;
}

/** The held pages' messages were fetched on different paths (a switch elsewhere while paging). */
export function pagesDisagree(data: InfiniteData<MessagePage> | undefined): boolean {
  if (!data) return false;
  const seen = new Set(data.pages.filter((p) => p.chat).map((p) => p.chat!.selectionVersion ?? 0));
  return seen.size > 1;
}

/** One page as all a chat holds (a version switch's answer, the newest page of a path that moved). */
export function onlyPage(page: MessagePage, param: PageParam): InfiniteData<MessagePage, PageParam> {
  return { pages: [page], pageParams: [param] };
}

/**
 * Folds the newest page into the held pages: known messages are replaced, new ones appended to the
 * last page (only when that page is the chat's end). One request, however many pages are held.
 * When the chat's selected path moved (an edit, a regenerate, a switch in another tab or device), the
 * newest page replaces the held ones instead: they belong to the old path.
 */
export function mergeNewest(data: InfiniteData<MessagePage>, newest: MessagePage): InfiniteData<MessagePage> {
  if (pathMoved(data, newest.chat ? newest.chat.selectionVersion ?? 0 : undefined)) return onlyPage(newest, {});
  const fresh = new Map(newest.messages.map((m) => [m.id, m]));
  const pages = data.pages.map((p) => ({ ...p, title: newest.title, messages: p.messages.map((m) => fresh.get(m.id) ?? m) }));
  const held = new Set(pages.flatMap((p) => p.messages.map((m) => m.id)));
  const last = pages[pages.length - 1];
  if (last && !last.hasNewer) {
    const added = newest.messages.filter((m) => !held.has(m.id));
    pages[pages.length - 1] = { ...last, messages: [...last.messages, ...added] };
  }
  return { ...data, pages };
}

/**
 * Brings the held pages up to date with the chat's newest page (merged, or replacing them when the path
 * moved); `replace` replaces them whatever the page says (held pages read on different paths).
 */
export async function refreshNewest(queries: QueryClient, chatId: string, replace = false): Promise<void> {
  const key = messagesKey(chatId);
  const data = queries.getQueryData<InfiniteData<MessagePage>>(key);
  if (!data) {
    await queries.invalidateQueries({ queryKey: key, exact: true });
    return;
  }
  try {
    const newest = await fetchMessagePage(chatId, {});
    const current = queries.getQueryData<InfiniteData<MessagePage>>(key);
    if (!current) return;
    const merged = replace ? onlyPage(newest, {}) : mergeNewest(current, newest);
    if (merged.pages.length === 1 && merged.pages[0] === newest) {
      forgetOffPath(chatId, new Set(newest.messages.map((m) => m.id)));
      // the other views of this chat (opened at a message) were on the old path
      queries.removeQueries({ queryKey: ['chat', chatId, 'messages'], predicate: (q) => q.queryKey.length > 3 && q.getObserversCount() === 0 });
      void queries.resetQueries({ queryKey: ['chat', chatId, 'messages'], predicate: (q) => q.queryKey.length > 3 });
    }
    queries.setQueryData<InfiniteData<MessagePage>>(key, merged);
  } catch {
    // the cached copy stays; the next event tries again
  }
}

/**
 * The chat's selected path moved elsewhere (its `selectionVersion` differs from the held pages', seen in
 * a `chat` frame or a refetched chat list): the open transcript reads its path again, one page.
 */
/** Chats whose version switch this tab has on its way: its answer is the new path's page (the `chat` frame it causes is no news). */
export const switchesInFlight = new Set<string>();

export function followSelection(queries: QueryClient, chatId: string, selectionVersion: number | undefined): void {
  if (selectionVersion === undefined || switchesInFlight.has(chatId)) return;
  // the counter only grows: a chat list read before this tab's own switch is behind, not elsewhere
  const behind = (data: InfiniteData<MessagePage> | undefined) => {
    const held = heldSelection(data);
    return held !== undefined && held < selectionVersion;
  };
  if (behind(queries.getQueryData<InfiniteData<MessagePage>>(messagesKey(chatId)))) {
    void refreshNewest(queries, chatId);
    return;
  }
  for (const [key, around] of queries.getQueriesData<InfiniteData<MessagePage>>({ queryKey: ['chat', chatId, 'messages'] })) {
    if (key.length > 3 && behind(around)) void queries.resetQueries({ queryKey: key, exact: true });
  }
}
