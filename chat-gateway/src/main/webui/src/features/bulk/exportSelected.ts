import { api } from '../../api/http';
import type { ApiError, ChatSummary } from '../../api/types';

interface ExportDocument {
  format: string;
  version: number;
  exportedAt: string;
  chats: unknown[];
}

/**
 * The selected chats as one z3chat export (the same document `Export all` streams, holding only these):
 * each chat's own JSON export, joined in the page. A selection is a few chats; everything goes through
 * the streamed `Export all` instead.
 */
export async function exportSelected(chats: ChatSummary[]): Promise<{ ok: true } | { ok: false; error: ApiError }> {
  const docs: ExportDocument[] = [];
  for (const chat of chats) {
    const result = await api<ExportDocument>(`/api/chat/${encodeURIComponent(chat.id)}/export?format=json`);
    if (!result.ok) return result;
    docs.push(result.value);
  }
  const joined: ExportDocument = { format: 'z3chat.export', version: 1, exportedAt: new Date().toISOString(), chats: docs.flatMap((d) => d.chats) };
  const url = URL.createObjectURL(new Blob([JSON.stringify(joined, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `z3chat-${chats.length}-chats-${joined.exportedAt.slice(0, 10)}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true };
}
