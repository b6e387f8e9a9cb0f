import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { apiOrThrow } from '../../api/http';
import type { Message, MessagePage } from '../../api/types';

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

/**
 * Folds the newest page into the held pages: known messages are replaced, new ones appended to the
 * last page (only when that page is the chat's end). One request, however many pages are held.
 */
export function mergeNewest(data: InfiniteData<MessagePage>, newest: MessagePage): InfiniteData<MessagePage> {
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

export async function refreshNewest(queries: QueryClient, chatId: string): Promise<void> {
  const key = messagesKey(chatId);
  const data = queries.getQueryData<InfiniteData<MessagePage>>(key);
  if (!data) {
    await queries.invalidateQueries({ queryKey: key, exact: true });
    return;
  }
  try {
    const newest = await fetchMessagePage(chatId, {});
    queries.setQueryData<InfiniteData<MessagePage>>(key, (current) => (current ? mergeNewest(current, newest) : current));
  } catch {
    // the cached copy stays; the next event tries again
  }
}
