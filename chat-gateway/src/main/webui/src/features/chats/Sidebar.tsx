import { useEffect, useRef, useState } from 'react';
import type { ChatSummary } from '../../api/types';
import { navigate, onLinkClick } from '../../app/router';
import { groupLabel } from '../../lib/dates';
import { BulkBar } from '../bulk/BulkBar';
import { setSelectMode, useSelection } from '../bulk/selection';
import { openDialog } from '../dialogs/dialogs';
import { TransferControls } from '../transfer/TransferControls';
import { ChatEntry } from './ChatEntry';
import { useChatList } from './chatsApi';
import { useChatActions } from './useChatActions';

function groups(chats: ChatSummary[]): [string, ChatSummary[]][] {
  const out: [string, ChatSummary[]][] = [];
  const now = new Date();
  for (const chat of chats) {
    const label = groupLabel(chat.updatedAt, chat.pinned, now);
    const last = out[out.length - 1];
    if (last && last[0] === label) last[1].push(chat);
    else out.push([label, [chat]]);
  }
  return out;
}

/** The chat list of the sidebar (live chats) or of the archived view. */
export function ChatListView({ archived, filter, activeChatId, onOpen, label, selectable = false }: {
  archived: boolean;
  filter: string;
  activeChatId: string | null;
  onOpen?: () => void;
  label: string;
  selectable?: boolean;
}) {
  const list = useChatList(archived, filter);
  const actions = useChatActions(activeChatId);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;

  useEffect(() => {
    const el = sentinel.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && hasNextPage && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (list.isPending) return <p className="muted list-state">Loading chats…</p>;
  if (list.isError) {
    return (
      <div className="list-state">
        <p>Chats could not be loaded.</p>
        <button type="button" onClick={() => void list.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (list.chats.length === 0) {
    return <p className="muted list-state">{filter ? 'No chat title matches.' : archived ? 'No archived chats.' : 'No chats yet.'}</p>;
  }
  return (
    <>
      <ul className="chat-groups" aria-label={label}>
        {groups(list.chats).map(([group, chats]) => (
          <li key={group} className="chat-group">
            <h2 className="group-label">{group}</h2>
            <ul>
              {chats.map((chat) => (
                <ChatEntry key={chat.id} chat={chat} active={chat.id === activeChatId} actions={actions} onOpen={onOpen} ordered={selectable ? list.chats : undefined} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <div ref={sentinel} className="list-sentinel">
        {isFetchingNextPage && <span className="muted">Loading more…</span>}
      </div>
    </>
  );
}

export function Sidebar({ activeChatId, onNavigate }: { activeChatId: string | null; onNavigate: () => void }) {
  const [filter, setFilter] = useState('');
  const selection = useSelection();
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDebounced(filter.trim()), 200);
    return () => clearTimeout(t);
  }, [filter]);
  return (
    <nav className="sidebar" aria-label="Chats">
      <div className="sidebar-top">
        <button
          type="button"
          className="primary"
          onClick={() => {
            navigate('/');
            onNavigate();
            requestAnimationFrame(() => document.getElementById('composer-input')?.focus());
          }}
        >
          New chat
        </button>
        <div className="sidebar-tools">
          <button type="button" aria-keyshortcuts="Control+K Meta+K" onClick={() => openDialog({ kind: 'search', chatId: activeChatId })}>
            Search
          </button>
          <button type="button" aria-pressed={selection.mode} onClick={() => setSelectMode(!selection.mode)}>
            Select
          </button>
        </div>
        <input
          type="search"
          className="filter"
          aria-label="Filter chats"
          placeholder="Filter chats"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <BulkBar activeChatId={activeChatId} archived={false} />
      </div>
      <div className="sidebar-list">
        <ChatListView archived={false} filter={debounced} activeChatId={activeChatId} onOpen={onNavigate} label="Chat history" selectable />
      </div>
      <div className="sidebar-bottom">
        <TransferControls />
        <a href="/archived" onClick={(e) => { onLinkClick(e, '/archived'); onNavigate(); }}>
          Archived chats
        </a>
      </div>
    </nav>
  );
}
