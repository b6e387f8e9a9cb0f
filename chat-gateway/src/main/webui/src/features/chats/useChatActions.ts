import { useQueryClient } from '@tanstack/react-query';
import type { ChatSummary } from '../../api/types';
import { announce } from '../../app/announcer';
import { navigate } from '../../app/router';
import { valueStore } from '../../lib/valueStore';
import { deleteChat, refreshChats, restoreChat, setRemoved, updateChat } from './chatsApi';

/** The delete that can still be undone (one at a time, like the peers' toasts). */
const undoable = valueStore<ChatSummary | null>(null);
const setUndoable = undoable.set;
export const useUndoable = undoable.use;

export function useChatActions(activeChatId: string | null) {
  const queries = useQueryClient();

  const change = async (chat: ChatSummary, body: { title?: string; pinned?: boolean; archived?: boolean }) => {
    const result = await updateChat(chat, body);
    if (!result.ok) {
      if (result.error.status === 409) {
        announce.alert('This chat was changed elsewhere; it now shows the latest version. Try again.');
      } else {
        announce.alert(`Could not change the chat: ${result.error.message}`);
      }
    }
    await refreshChats(queries);
    void queries.invalidateQueries({ queryKey: ['chat', chat.id, 'messages'], refetchType: 'none' });
    return result.ok;
  };

  const remove = async (chat: ChatSummary) => {
    setRemoved(chat.id, true);
    if (chat.id === activeChatId) navigate('/');
    const result = await deleteChat(chat.id);
    if (!result.ok) {
      setRemoved(chat.id, false);
      announce.alert(`Could not delete “${chat.title}”: ${result.error.message}`);
      return;
    }
    setUndoable(chat);
    await refreshChats(queries);
  };

  const undo = async () => {
    const chat = undoable.get();
    if (!chat) return;
    setUndoable(null);
    const result = await restoreChat(chat.id);
    if (!result.ok) {
      announce.alert(`Could not restore “${chat.title}”: ${result.error.message}`);
      return;
    }
    setRemoved(chat.id, false);
    await refreshChats(queries);
    announce.status(`Restored “${chat.title}”`);
  };

  return {
    rename: (chat: ChatSummary, title: string) => change(chat, { title }),
    togglePin: (chat: ChatSummary) => change(chat, { pinned: !chat.pinned }),
    toggleArchive: (chat: ChatSummary) => change(chat, { archived: !chat.archived }),
    remove,
    undo,
    dismissUndo: () => setUndoable(null),
  };
}
