import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newId, setUnauthorizedHandler, signInUrl } from '../api/http';
import type { ChatSummary } from '../api/types';
import { AccountMenu } from '../features/account/AccountMenu';
import { ChatListView, Sidebar } from '../features/chats/Sidebar';
import { UndoToast } from '../features/chats/UndoToast';
import { DialogHost } from '../features/dialogs/DialogHost';
import { openDialog } from '../features/dialogs/dialogs';
import { FileDropZone } from '../features/transfer/TransferControls';
import { ChatStream } from '../features/stream/chatStream';
import { ChatView } from '../features/transcript/ChatView';
import { SharedChat } from '../features/share/SharedChat';
import { Announcer } from './announcer';
import { useRoute, type Route } from './router';

function SignedOut({ route }: { route: Route }) {
  const expired = new URLSearchParams(location.search).get('session') === 'expired';
  useEffect(() => {
    // a private route signs in and comes back
    if (route.name !== 'home') location.assign(signInUrl());
  }, [route.name]);
  return (
    <main className="signed-out">
      <h1>z3chat</h1>
      {expired && <p role="status">Your session has expired. Please sign in again.</p>}
      <p>Your conversations, kept: streamed live, paged, never lost mid-reply.</p>
      <a className="button primary" href={signInUrl('/')}>
        Sign in
      </a>
    </main>
  );
}

function Shell({ email, route }: { email: string; route: Route }) {
  const queries = useQueryClient();
  const stream = useMemo(() => new ChatStream(queries), [queries]);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const chatId = route.name === 'chat' ? route.chatId : null;

  useEffect(() => {
    stream.start();
    // the markdown renderer is a chunk of its own (the first load stays small): fetch it now, while idle
    const idle = setTimeout(() => void import('../features/markdown/Markdown'), 0);
    return () => {
      clearTimeout(idle);
      stream.stop();
    };
  }, [stream]);

  useEffect(() => {
    const onChat = (e: Event) => {
      const chat = (e as CustomEvent<ChatSummary>).detail;
      void queries.invalidateQueries({ queryKey: ['chats'] });
      if (chat.id === chatId) document.title = `${chat.title} · z3chat`;
    };
    window.addEventListener('z3chat:chat', onChat);
    return () => window.removeEventListener('z3chat:chat', onChat);
  }, [queries, chatId]);

  useEffect(() => {
    // Ctrl/Cmd+K opens the search from anywhere, the composer included
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        openDialog({ kind: 'search', chatId });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [chatId]);

  return (
    <div className={`shell${drawerOpen ? ' drawer-open' : ''}`}>
      <header className="topbar">
        <button
          type="button"
          className="icon-button drawer-toggle"
          aria-label="Show chats"
          aria-expanded={drawerOpen}
          onClick={() => setDrawerOpen((o) => !o)}
        >
          ☰
        </button>
        <span className="brand">z3chat</span>
        <AccountMenu email={email} />
      </header>
      <div className="layout">
        <Sidebar activeChatId={chatId} onNavigate={() => setDrawerOpen(false)} />
        {drawerOpen && <div className="scrim" aria-hidden="true" onClick={() => setDrawerOpen(false)} />}
        {route.name === 'archived' ? (
          <main className="archived-view" aria-label="Archived chats">
            <h1>Archived chats</h1>
            <ChatListView archived filter="" activeChatId={null} label="Archived chats" />
          </main>
        ) : route.name === 'notFound' ? (
          <main className="chat-view">
            <h1>Page not found</h1>
          </main>
        ) : (
          <ChatView key={chatId ?? 'new'} chatId={chatId} around={route.name === 'chat' ? route.messageId : undefined} email={email} stream={stream} newChatId={newId} />
        )}
      </div>
      <UndoToast />
      <DialogHost />
      <FileDropZone />
    </div>
  );
}

export function App() {
  const route = useRoute();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const result = await api<{ email: string }>('/api/me', { unauthorizedIsAnswer: true });
      if (result.ok) return { email: result.value.email };
      if (result.error.status === 401) return { email: null };
      if (result.error.status === 403) return { email: null, noEmail: result.error.message };
      throw new Error(result.error.message);
    },
    staleTime: Infinity,
    retry: 1,
  });

  useEffect(() => {
    if (me.data?.email === null) setUnauthorizedHandler(() => undefined);
  }, [me.data]);

  return (
    <>
      <Announcer />
      {route.name === 'share' ? (
        <SharedChat shareId={route.shareId} />
      ) : me.isPending ? (
        <p className="muted app-loading">Loading…</p>
      ) : me.isError ? (
        <main className="signed-out">
          <h1>z3chat</h1>
          <p>The server cannot be reached right now.</p>
          <button type="button" onClick={() => void me.refetch()}>
            Try again
          </button>
        </main>
      ) : 'noEmail' in me.data ? (
        <main className="signed-out">
          <h1>Sign-in incomplete</h1>
          <p>{me.data.noEmail}. Ask your administrator to release the email claim to z3chat, then sign in again.</p>
          <form method="post" action="/logout">
            <button type="submit">Sign out</button>
          </form>
        </main>
      ) : me.data.email ? (
        <Shell email={me.data.email} route={route} />
      ) : (
        <SignedOut route={route} />
      )}
    </>
  );
}
