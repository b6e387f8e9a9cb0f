import { describe, expect, it } from 'vitest';
import type { Message, MessagePage } from '../../api/types';
import { flattenPages, heldSelection, mergeNewest, messagesQueryOptions, onlyPage, pagesDisagree, pathMoved } from './messagesQuery';

const msg = (id: string, content = id, status: Message['status'] = 'complete'): Message => ({
  id, chatId: 'c', role: 'assistant', content, timestamp: '2026-11-01T00:00:00Z', status,
});
const page = (messages: Message[], hasNewer = false): MessagePage => ({ chatId: 'c', title: 't', messages, hasMore: false, hasNewer });

describe('held message pages', () => {
  it('replaces a streaming copy with the saved one and appends what is new, once', () => {
    const data = { pages: [page([msg('a'), msg('b')]), page([msg('c'), msg('d', 'par', 'streaming')])], pageParams: [{}, {}] };
    const merged = mergeNewest(data, page([msg('c'), msg('d', 'partial and done'), msg('e')]));
    expect(flattenPages(merged).map((m) => m.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(flattenPages(merged)[3].content).toBe('partial and done');
  });

  it('appends nothing when the held pages do not reach the chat end', () => {
    const data = { pages: [page([msg('a')], true)], pageParams: [{}] };
    expect(flattenPages(mergeNewest(data, page([msg('z')]))).map((m) => m.id)).toEqual(['a']);
  });
});

describe('a chat whose selected path moved', () => {
  const onPath = (selectionVersion: number | undefined, messages: Message[], hasNewer = false): MessagePage => ({
    ...page(messages, hasNewer),
    chat: { id: 'c', title: 't', createdAt: '', updatedAt: '', messageCount: messages.length, pinned: false, archived: false, version: 1, selectionVersion },
  });

  it('has the newest page replace the held pages, which belong to the old path', () => {
    const data = { pages: [onPath(1, [msg('a'), msg('b')]), onPath(1, [msg('c'), msg('old-reply')])], pageParams: [{}, {}] };
    const merged = mergeNewest(data, onPath(2, [msg('c'), msg('new-reply')]));
    expect(flattenPages(merged).map((m) => m.id)).toEqual(['c', 'new-reply']);
    expect(merged.pageParams).toEqual([{}]);
    expect(heldSelection(merged)).toBe(2);
  });

  it('merges as before when the path is the same, a linear chat (no selectionVersion) included', () => {
    const data = { pages: [onPath(3, [msg('a')])], pageParams: [{}] };
    expect(flattenPages(mergeNewest(data, onPath(3, [msg('a'), msg('b')]))).map((m) => m.id)).toEqual(['a', 'b']);
    const linear = { pages: [onPath(undefined, [msg('a')])], pageParams: [{}] };
    expect(flattenPages(mergeNewest(linear, onPath(undefined, [msg('a'), msg('b')]))).map((m) => m.id)).toEqual(['a', 'b']);
    expect(pathMoved(linear, 0)).toBe(false);
  });

  it('tells held pages read on different paths apart from pages of one path', () => {
    expect(pagesDisagree({ pages: [onPath(1, [msg('a')]), onPath(1, [msg('b')])], pageParams: [{}, {}] })).toBe(false);
    expect(pagesDisagree({ pages: [onPath(1, [msg('a')]), onPath(2, [msg('b')])], pageParams: [{}, {}] })).toBe(true);
  });

  it('keeps a switch\'s page as all it holds, paging both ways from it', () => {
    const around = onPath(4, [msg('x'), msg('y')], true);
    const data = onlyPage({ ...around, hasMore: true, nextCursor: 'older' }, { around: 'y' });
    expect(data.pageParams).toEqual([{ around: 'y' }]);
    const options = messagesQueryOptions('c');
    expect(options.getPreviousPageParam(data.pages[0])).toEqual({ before: 'older' });
    expect(options.getNextPageParam({ ...data.pages[0], newerCursor: 'newer' })).toEqual({ after: 'newer' });
  });
});
