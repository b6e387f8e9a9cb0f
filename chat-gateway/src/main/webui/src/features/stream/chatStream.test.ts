import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../../api/types';
import { ChatStream } from './chatStream';
import { liveReplies, replyByGeneration } from './liveStore';

/** A tab's stream whose socket counts as open: what it would send is recorded, frames are handed in. */
function tab(activeChatId: string | null) {
  const stream = new ChatStream(new QueryClient());
  stream.activeChatId = activeChatId;
  const sent: object[] = [];
  vi.spyOn(stream.connection, 'send').mockImplementation((frame: object) => {
    sent.push(frame);
    return true;
  });
  vi.stubGlobal('fetch', vi.fn(() => new Promise(() => {})));
  const receive = (frame: ServerFrame) => (stream as unknown as { onFrame(f: ServerFrame): void }).onFrame(frame);
  return { sent, receive };
}

describe('a reply another tab started', () => {
  it('is resumed from offset 0 when this tab shows its chat, and then streams here', () => {
    const { sent, receive } = tab('chat-a');
    receive({ type: 'started', chatId: 'chat-a', generationId: 'gen-1', messageId: 'reply-1', model: 'm' });
    expect(sent).toEqual([{ type: 'resume', chatId: 'chat-a', generationId: 'gen-1', offset: 0 }]);
    receive({ type: 'start', generationId: 'gen-1', chatId: 'chat-a', messageId: 'reply-1', model: 'm' });
    receive({ type: 'delta', generationId: 'gen-1', offset: 0, text: 'Hello' });
    receive({ type: 'delta', generationId: 'gen-1', offset: 5, text: ' there' });
    expect(replyByGeneration('gen-1')?.assembler.text).toBe('Hello there');
    expect(liveReplies.get('reply-1')?.chatId).toBe('chat-a');
  });

  it('is not followed when this tab shows another chat, nor twice when already shown', () => {
    const { sent, receive } = tab('chat-b');
    receive({ type: 'started', chatId: 'chat-c', generationId: 'gen-2', messageId: 'reply-2' });
    expect(sent).toEqual([]);
    expect(replyByGeneration('gen-2')).toBeUndefined();

    receive({ type: 'started', chatId: 'chat-b', generationId: 'gen-4', messageId: 'reply-4' });
    receive({ type: 'started', chatId: 'chat-b', generationId: 'gen-4', messageId: 'reply-4' });
    expect(sent).toEqual([{ type: 'resume', chatId: 'chat-b', generationId: 'gen-4', offset: 0 }]);
  });

  it('goes to the chat its start names, not the one this tab shows', () => {
    const { receive } = tab('chat-shown');
    receive({ type: 'start', generationId: 'gen-3', chatId: 'chat-elsewhere', messageId: 'reply-3' });
    expect(liveReplies.get('reply-3')?.chatId).toBe('chat-elsewhere');
  });
});
