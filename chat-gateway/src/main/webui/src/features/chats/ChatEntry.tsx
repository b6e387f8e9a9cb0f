import { useEffect, useId, useRef, useState } from 'react';
import { plainPreview } from '../../lib/preview';
import type { ChatSummary } from '../../api/types';
import { MenuButton, type MenuItem } from '../../app/Menu';
import { onLinkClick } from '../../app/router';
import { shortTime } from '../../lib/dates';
import { selectRange, toggleSelected, useSelection } from '../bulk/selection';
import { openDialog } from '../dialogs/dialogs';
import { chatExportPath, downloadFrom } from '../transfer/download';
import type { useChatActions } from './useChatActions';

export function chatMenuItems(chat: ChatSummary, actions: ReturnType<typeof useChatActions>, startRename: () => void): MenuItem[] {
  const download = (format: 'markdown' | 'json') => downloadFrom(chatExportPath(chat.id, format));
  return [
    { label: 'Rename', onSelect: startRename },
    { label: chat.pinned ? 'Unpin' : 'Pin', onSelect: () => void actions.togglePin(chat) },
    { label: chat.archived ? 'Unarchive' : 'Archive', onSelect: () => void actions.toggleArchive(chat) },
    { label: 'Delete', onSelect: () => void actions.remove(chat) },
    { label: 'Share', onSelect: () => openDialog({ kind: 'share', chat }) },
    { label: 'Export Markdown', onSelect: () => download('markdown') },
    { label: 'Export JSON', onSelect: () => download('json') },
  ];
}

/** The inline rename field: Enter saves, Escape (or leaving it unchanged) reverts. */
export function RenameField({ chat, onDone, onSave }: { chat: ChatSummary; onDone: () => void; onSave: (title: string) => void }) {
  const [value, setValue] = useState(chat.title);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const save = () => {
    const title = value.trim();
    if (title && title !== chat.title) onSave(title);
    onDone();
  };
  return (
    <input
      ref={input}
      className="rename-field"
      aria-label="Chat title"
      value={value}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          save();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
      onBlur={onDone}
    />
  );
}

export function ChatEntry({ chat, active, actions, onOpen, ordered }: {
  chat: ChatSummary;
  active: boolean;
  actions: ReturnType<typeof useChatActions>;
  onOpen?: () => void;
  /** The list's chats in order, when this list can select (Ctrl/Cmd-click, Shift-click, select mode). */
  ordered?: readonly ChatSummary[];
}) {
  const [renaming, setRenaming] = useState(false);
  const describedBy = useId();
  const selection = useSelection();
  const selectable = !!ordered;
  const selected = selectable && selection.chats.has(chat.id);
  const href = `/chat/${chat.id}`;
  return (
    <li className={`chat-entry${active ? ' active' : ''}${selected ? ' selected' : ''}${selectable && selection.mode ? ' selecting' : ''}`}>
      {selectable && selection.mode && !renaming && (
        <input type="checkbox" className="entry-check" aria-label={`Select ${chat.title}`} checked={selected} onChange={() => toggleSelected(chat)} />
      )}
      {renaming ? (
        <RenameField chat={chat} onDone={() => setRenaming(false)} onSave={(title) => void actions.rename(chat, title)} />
      ) : (
        <>
          <a
            href={href}
            className="chat-link"
            aria-current={active ? 'page' : undefined}
            aria-describedby={describedBy}
            onClick={(e) => {
              if (selectable && e.button === 0 && (e.ctrlKey || e.metaKey || e.shiftKey)) {
                e.preventDefault();
                if (e.shiftKey) selectRange(chat, ordered);
                else toggleSelected(chat);
                return;
              }
              if (selectable && selection.mode) {
                e.preventDefault();
                toggleSelected(chat);
                return;
              }
              onLinkClick(e, href);
              onOpen?.();
            }}
          >
            {chat.title}
          </a>
          <span className="chat-meta" id={describedBy}>
            <span className="chat-preview">{plainPreview(chat.lastMessage)}</span>
            <time dateTime={chat.updatedAt}>{shortTime(chat.updatedAt)}</time>
          </span>
          <MenuButton label="Chat actions" className="entry-menu" items={chatMenuItems(chat, actions, () => setRenaming(true))} />
        </>
      )}
    </li>
  );
}
