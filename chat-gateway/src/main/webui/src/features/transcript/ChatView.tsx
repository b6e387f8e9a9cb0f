import { useEffect, useMemo } from 'react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import type { ChatSummary } from '../../api/types';
import { MenuButton } from '../../app/Menu';
import { navigate } from '../../app/router';
import { chatMenuItems, RenameField } from '../chats/ChatEntry';
import { useChatActions } from '../chats/useChatActions';
import { Composer, useModel } from '../composer/Composer';
import type { ChatStream } from '../stream/chatStream';
import { useLiveReplies } from '../stream/liveStore';
import { flattenPages, messagesQueryOptions, refreshNewest } from './messagesQuery';
import { useFollowSelection } from './followSelection';
import { Transcript } from './Transcript';
import { useState } from 'react';

/** An open chat (or, without an id, the empty composer of a new one). */
export function ChatView({ chatId, around, email, stream, newChatId }: {
  chatId: string | null;
  around?: string;
  email: string;
  stream: ChatStream;
  newChatId: () => string;
}) {
  const queries = useQueryClient();
  const lives = useLiveReplies();
  const streaming = lives.find((r) => r.chatId === chatId && r.status === 'streaming');
  const page = useInfiniteQuery({ ...messagesQueryOptions(chatId ?? 'none', around), enabled: !!chatId });
  const messages = useMemo(() => flattenPages(page.data), [page.data]);
  const chat = page.data?.pages[page.data.pages.length - 1]?.chat as ChatSummary | undefined;
  const title = page.data?.pages[0]?.title ?? (chatId ? '' : 'New chat');
  const [renaming, setRenaming] = useState(false);
  const actions = useChatActions(chatId);
  const { models, model } = useModel(email);
  useFollowSelection(chatId, page.data);

  useEffect(() => {
    stream.activeChatId = chatId;
    if (chatId) void refreshNewest(queries, chatId);
  }, [chatId, stream, queries]);

  useEffect(() => {
    document.title = title ? `${title} · z3chat` : 'z3chat';
  }, [title]);

  // a reply still streaming on the server (a reload, a return, another tab): continue it live (a reply
  // another tab starts later comes as `started`)
  useEffect(() => {
    if (!chatId || !page.data) return;
    for (const m of messages) {
      if (m.role === 'assistant' && m.status === 'streaming' && m.generationId) {
        stream.resume(chatId, m.id, m.generationId, m.content, m.model);
      }
    }
  }, [chatId, page.data, messages, stream]);

  const send = (content: string, model: string) => {
    let id = chatId;
    if (!id) {
      id = newChatId();
      navigate(`/chat/${id}`);
    }
    stream.send(id, content, model);
  };

  return (
    <main className="chat-view" aria-label={title || 'Chat'}>
      <header className="chat-header">
        {renaming && chat ? (
          <RenameField chat={chat} onDone={() => setRenaming(false)} onSave={(t) => void actions.rename(chat, t)} />
        ) : (
          <h1 className="chat-title">{title || '\u00a0'}</h1>
        )}
        {chat && <MenuButton label="Chat actions" items={chatMenuItems(chat, actions, () => setRenaming(true))} />}
      </header>
      {chatId ? (
        <Transcript chatId={chatId} around={around} onRetry={(id) => stream.retry(id)} stream={stream} models={models} model={model} />
      ) : (
        <div className="empty-chat" role="region" aria-label="Conversation">
          <h2>What shall we talk about?</h2>
          <p className="muted">Type a message below. Enter sends, Shift+Enter adds a line.</p>
        </div>
      )}
      <Composer email={email} stream={stream} onSend={send} streamingGenerationId={streaming?.generationId ?? null} chatId={chatId} />
    </main>
  );
}
