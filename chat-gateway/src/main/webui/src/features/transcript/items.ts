import type { Message } from '../../api/types';
import type { PendingRegenerate, PendingSend } from '../stream/liveStore';

export type Item =
  | { kind: 'message'; key: string; message: Message; pending?: PendingSend }
  | { kind: 'pending'; key: string; pending: PendingSend }
  | { kind: 'live'; key: string; message: Message };

/**
 * What the transcript shows: the held messages, then (at the chat's end) this tab's sends and live
 * replies the pages do not hold yet, in the order they began. An edit or a regenerate on its way ends
 * the held path at the message it replaces (what follows there is the old path), and the new version
 * and its reply follow, until the new path's page is held.
 */
export function transcriptItems({ chatId, messages, hasNextPage, pendings, regenerates, liveKeys }: {
  chatId: string;
  messages: Message[];
  hasNextPage: boolean;
  pendings: readonly PendingSend[];
  regenerates: readonly PendingRegenerate[];
  /** `id@startedAt` of the chat's live replies (`useLiveReplyKeys`). */
  liveKeys: string;
}): Item[] {
  const held = new Set(messages.map((m) => m.id));
  const pendingById = new Map(pendings.filter((p) => p.chatId === chatId).map((p) => [p.id, p]));
  let list: Item[] = messages.map((m) => ({ kind: 'message', key: m.id, message: m, pending: pendingById.get(m.id) }));
  let atEnd = !hasNextPage;
  const cuts: string[] = [];
  for (const p of pendingById.values()) if (p.editOf && p.status !== 'failed' && !held.has(p.id)) cuts.push(p.editOf);
  for (const r of regenerates) if (r.chatId === chatId && !(r.replyId && held.has(r.replyId))) cuts.push(r.replaces);
  const cutAt = Math.min(...cuts.map((id) => list.findIndex((i) => i.key === id)).filter((i) => i >= 0));
  if (Number.isFinite(cutAt)) {
    list = list.slice(0, cutAt);
    atEnd = true;
  }
  if (atEnd) {
    const extras: { at: string; item: Item }[] = [];
    for (const p of pendingById.values()) {
      if (!held.has(p.id)) extras.push({ at: p.timestamp, item: { kind: 'pending', key: p.id, pending: p } });
    }
    for (const key of liveKeys ? liveKeys.split(' ') : []) {
      const [messageId, startedAt] = key.split('@');
      if (held.has(messageId)) continue;
      // a stand-in the reply's own element fills from the live store; the same element then shows
      // the saved copy, so the finished reply is never mounted (and parsed) again
      const message: Message = { id: messageId, chatId, role: 'assistant', content: '', timestamp: startedAt, status: 'streaming' };
      extras.push({ at: startedAt, item: { kind: 'live', key: messageId, message } });
    }
    extras.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    list.push(...extras.map((e) => e.item));
  }
  return list;
}
