import type { ChatSummary } from '../../api/types';
import { valueStore } from '../../lib/valueStore';

/** The chats selected in the sidebar (Ctrl/Cmd-click one, Shift-click a range, or checkboxes in select mode). */
export interface Selection {
  mode: boolean;
  chats: ReadonlyMap<string, ChatSummary>;
  anchorId: string | null;
}

const empty: Selection = { mode: false, chats: new Map(), anchorId: null };
const store = valueStore<Selection>(empty);
export const useSelection = store.use;
export const getSelection = store.get;

export function setSelectMode(mode: boolean) {
  store.set(mode ? { ...store.get(), mode: true } : empty);
}

export function clearSelection() {
  store.set(empty);
}

/** Adds or removes one chat (and makes it the anchor of a later Shift-click). */
export function toggleSelected(chat: ChatSummary) {
  const chats = new Map(store.get().chats);
  if (chats.has(chat.id)) chats.delete(chat.id);
  else chats.set(chat.id, chat);
  store.set({ mode: true, chats, anchorId: chat.id });
}

/** Selects every chat between the anchor and this one, in the list's order (the anchor itself included). */
export function selectRange(chat: ChatSummary, ordered: readonly ChatSummary[]) {
  const { anchorId, chats: held } = store.get();
  const from = ordered.findIndex((c) => c.id === anchorId);
  const to = ordered.findIndex((c) => c.id === chat.id);
  if (from < 0 || to < 0) {
    toggleSelected(chat);
    return;
  }
  const chats = new Map(held);
  for (const c of ordered.slice(Math.min(from, to), Math.max(from, to) + 1)) chats.set(c.id, c);
  store.set({ mode: true, chats, anchorId });
}
