import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../../api/types';
import { ChatStream } from './chatStream';
import { liveReplies, pendingRegenerates, pendingSends, replyByGeneration } from './liveStore';

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
  return { sent, receive, stream };
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

describe('edits and regenerates (issue 11)', () => {
  it('sends an edit as a send naming the message it is a new version of, under a fresh message id', () => {
    const { sent, stream } = tab('chat-e');
    stream.send('chat-e', 'What is a functor?', 'model-a', undefined, 'user-1');
    const frame = sent[0] as { type: string; chatId: string; message: { id: string; content: string }; model: string; editOf: string };
    expect(frame).toMatchObject({ type: 'send', chatId: 'chat-e', message: { content: 'What is a functor?' }, model: 'model-a', editOf: 'user-1' });
    expect(frame.message.id).not.toBe('user-1');
    expect(pendingSends.get(frame.message.id)?.editOf).toBe('user-1');
  });

  it('retries a failed edit as the same edit, under the same id', () => {
    const { sent, stream, receive } = tab('chat-r');
    stream.send('chat-r', 'edited', 'model-a', undefined, 'user-2');
    const first = sent[0] as { requestId: string; message: { id: string } };
    receive({ type: 'error', requestId: first.requestId, code: 'rate_limited', message: 'Too many messages', retryable: true });
    stream.retry(first.message.id);
    expect(sent[1]).toMatchObject({ type: 'send', message: { id: first.message.id }, editOf: 'user-2' });
  });

  it('sends a normal send without editOf', () => {
    const { sent, stream } = tab('chat-n');
    stream.send('chat-n', 'hello', 'model-a');
    expect(sent[0]).not.toHaveProperty('editOf');
  });

  it('asks for a regenerate with the chosen model and streams the reply the ack names', () => {
    const { sent, stream, receive } = tab('chat-g');
    expect(stream.regenerate('chat-g', 'reply-old', 'model-b')).toBe(true);
    const frame = sent[0] as { type: string; requestId: string; chatId: string; messageId: string; model: string };
    expect(frame).toMatchObject({ type: 'regenerate', chatId: 'chat-g', messageId: 'reply-old', model: 'model-b' });
    expect(pendingRegenerates.get(frame.requestId)).toMatchObject({ replaces: 'reply-old', status: 'sending' });
    receive({ type: 'ack', requestId: frame.requestId, messageId: 'reply-new' });
    expect(pendingRegenerates.get(frame.requestId)).toMatchObject({ status: 'saved', replyId: 'reply-new' });
    receive({ type: 'start', generationId: 'gen-g', chatId: 'chat-g', messageId: 'reply-new', model: 'model-b' });
    receive({ type: 'delta', generationId: 'gen-g', offset: 0, text: 'Again' });
    expect(liveReplies.get('reply-new')?.assembler.text).toBe('Again');
  });

  it('forgets a refused regenerate, so the old reply shows again', () => {
    const { sent, stream, receive } = tab('chat-f');
    stream.regenerate('chat-f', 'reply-x');
    const frame = sent[0] as { requestId: string };
    receive({ type: 'error', requestId: frame.requestId, code: 'not_found', message: 'No such reply', retryable: false });
    expect(pendingRegenerates.get(frame.requestId)).toBeUndefined();
  });

  it('refuses a regenerate at once while the socket is down, storing nothing to wait for', () => {
    const stream = new ChatStream(new QueryClient());
    vi.spyOn(stream.connection, 'send').mockReturnValue(false);
    expect(stream.regenerate('chat-d', 'reply-d')).toBe(false);
    expect(pendingRegenerates.values().some((r) => r.replaces === 'reply-d')).toBe(false);
  });
});
