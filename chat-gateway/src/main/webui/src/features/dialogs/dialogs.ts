import type { ChatSummary } from '../../api/types';
import { valueStore } from '../../lib/valueStore';

/** The one modal dialog open in this tab (their code loads only when one opens). */
export type OpenDialog =
  | { kind: 'search'; chatId: string | null }
  | { kind: 'share'; chat: ChatSummary }
  | { kind: 'import' }
  | { kind: 'settings'; email: string };

const open = valueStore<OpenDialog | null>(null);
export const useOpenDialog = open.use;
export const openDialog = (dialog: OpenDialog) => open.set(dialog);
export const closeDialog = () => open.set(null);
