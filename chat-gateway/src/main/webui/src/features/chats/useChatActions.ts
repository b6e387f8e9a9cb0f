import { useQueryClient } from '@tanstack/react-query';
import type { ChatSummary } from '../../api/types';
import { announce } from '../../app/announcer';
import { navigate } from '../../app/router';
import { valueStore } from '../../lib/valueStore';
import { deleteChat, refreshChats, restoreChat, setRemoved, updateChat } from './chatsApi';

/** The delete that can still be undone (one at a time, like the peers' toasts): one chat or a bulk delete's all. */
const undoable = valueStore<ChatSummary[] | null>(null);
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

  /** Deletes the chats (gone at once); one Undo restores all that were deleted; a failed one comes back. */
  const removeAll = async (chats: ChatSummary[]) => {
    chats.forEach((chat) => setRemoved(chat.id, true));
    if (chats.some((chat) => chat.id === activeChatId)) navigate('/');
    const results = await Promise.all(chats.map((chat) => deleteChat(chat.id).then((result) => ({ chat, result }))));
    const failed = results.filter((r) => !r.result.ok);
    failed.forEach(({ chat }) => setRemoved(chat.id, false));
    if (failed.length > 0) {
      const first = failed[0];
      const reason = first.result.ok ? '' : first.result.error.message;
      announce.alert(failed.length === 1 ? `Could not delete “${first.chat.title}”: ${reason}` : `Could not delete ${failed.length} chats: ${reason}`);
    }
    const deleted = results.filter((r) => r.result.ok).map((r) => r.chat);
    if (deleted.length > 0) setUndoable(deleted);
    await refreshChats(queries);
  };

  const undo = async () => {
    const chats = undoable.get();
    if (!chats) return;
    setUndoable(null);
    const results = await Promise.all(chats.map((chat) => restoreChat(chat.id).then((result) => ({ chat, result }))));
    const failed = results.filter((r) => !r.result.ok);
    results.filter((r) => r.result.ok).forEach(({ chat }) => setRemoved(chat.id, false));
    await refreshChats(queries);
    if (failed.length > 0) {
      const first = failed[0];
      announce.alert(`Could not restore “${first.chat.title}”: ${first.result.ok ? '' : first.result.error.message}`);
      return;
    }
    announce.status(chats.length === 1 ? `Restored “${chats[0].title}”` : `Restored ${chats.length} chats`);
  };

  /** Archives or unarchives each chat; the lists are read again once. */
  const archiveAll = async (chats: ChatSummary[], archived: boolean) => {
    const results = await Promise.all(chats.map((chat) => updateChat(chat, { archived })));
    const failed = results.filter((r) => !r.ok).length;
    if (failed > 0) announce.alert(`Could not ${archived ? 'archive' : 'unarchive'} ${failed} of ${chats.length} chats; the list shows where they are now.`);
    else announce.status(`${archived ? 'Archived' : 'Unarchived'} ${chats.length === 1 ? `“${chats[0].title}”` : `${chats.length} chats`}`);
    await refreshChats(queries);
    return failed === 0;
  };

  return {
    rename: (chat: ChatSummary, title: string) => change(chat, { title }),
    togglePin: (chat: ChatSummary) => change(chat, { pinned: !chat.pinned }),
    toggleArchive: (chat: ChatSummary) => change(chat, { archived: !chat.archived }),
    remove: (chat: ChatSummary) => removeAll([chat]),
    removeAll,
    archiveAll,
    undo,
    dismissUndo: () => setUndoable(null),
  };
}
