import { describe, expect, it } from 'vitest';
import type { Message, MessagePage } from '../../api/types';
import { flattenPages, mergeNewest } from './messagesQuery';

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
