import { useSyncExternalStore } from 'react';
import { StreamAssembler } from '../../lib/streamAssembler';
import type { MessageStatus, Timing, Usage } from '../../api/types';

/** A reply streaming (or just finished) in this tab: only the message showing it subscribes. */
export interface LiveReply {
  chatId: string;
  messageId: string;
  generationId: string;
  model?: string;
  assembler: StreamAssembler;
  status: MessageStatus;
  usage?: Usage;
  timing?: Timing;
  error?: { code: string; message: string };
  /** When this tab first saw it: orders replies the server page does not hold yet. */
  startedAt: string;
  version: number;
}

/** A user message this tab sent: its save status until the server's copy shows it. */
export interface PendingSend {
  chatId: string;
  id: string;
  content: string;
  model: string;
  requestId: string;
  timestamp: string;
  status: 'sending' | 'saved' | 'failed';
  error?: string;
  transport: 'socket' | 'sse';
  /** An edit: the user message this one is a new version of. */
  editOf?: string;
}

/** A regenerate this tab asked for: until the new path's page holds its reply, the old reply is not shown. */
export interface PendingRegenerate {
  chatId: string;
  requestId: string;
  /** The reply being replaced. */
  replaces: string;
  model?: string;
  status: 'sending' | 'saved';
  /** The new reply's id, from the `ack`. */
  replyId?: string;
}

type Listener = () => void;

class Store<K, V> {
  private readonly map = new Map<K, V>();
  private readonly listeners = new Set<Listener>();
  private snapshotCache: V[] | null = null;

  get(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): void {
    this.map.set(key, value);
    this.changed();
  }
  delete(key: K): void {
    if (this.map.delete(key)) this.changed();
  }
  values(): V[] {
    if (!this.snapshotCache) this.snapshotCache = [...this.map.values()];
    return this.snapshotCache;
  }
  subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
  changed(): void {
    this.snapshotCache = null;
    this.listeners.forEach((l) => l());
  }
}

export const liveReplies = new Store<string, LiveReply>();
export const pendingSends = new Store<string, PendingSend>();
export const pendingRegenerates = new Store<string, PendingRegenerate>();
export const generationToMessage = new Map<string, string>();

/**
 * The chat's path was replaced (a version switch, another tab's or device's): what this tab sent or
 * streamed there and the new path does not hold is let go of, so it is not shown at the new path's end.
 * Replies still streaming and sends not yet saved stay.
 */
export function forgetOffPath(chatId: string, held: ReadonlySet<string>): void {
  for (const reply of liveReplies.values()) {
    if (reply.chatId === chatId && reply.status !== 'streaming' && !held.has(reply.messageId)) liveReplies.delete(reply.messageId);
  }
  for (const pending of pendingSends.values()) {
    if (pending.chatId === chatId && pending.status === 'saved' && !held.has(pending.id)) pendingSends.delete(pending.id);
  }
}

export function replyByGeneration(generationId: string): LiveReply | undefined {
  const messageId = generationToMessage.get(generationId);
  return messageId ? liveReplies.get(messageId) : undefined;
}

export function putReply(reply: LiveReply): void {
  generationToMessage.set(reply.generationId, reply.messageId);
  liveReplies.set(reply.messageId, reply);
}

export function touchReply(reply: LiveReply): void {
  liveReplies.set(reply.messageId, { ...reply, version: reply.version + 1 });
}

export function useLiveReply(messageId: string): LiveReply | undefined {
  return useSyncExternalStore(liveReplies.subscribe, () => liveReplies.get(messageId));
}

export function useLiveReplies(): LiveReply[] {
  return useSyncExternalStore(liveReplies.subscribe, () => liveReplies.values());
}

export function usePendingRegenerates(): PendingRegenerate[] {
  return useSyncExternalStore(pendingRegenerates.subscribe, () => pendingRegenerates.values());
}

/** Whether a reply streams in the chat now (changes when one starts or ends, not per delta). */
export function useChatStreaming(chatId: string): boolean {
  return useSyncExternalStore(liveReplies.subscribe, () => liveReplies.values().some((r) => r.chatId === chatId && r.status === 'streaming'));
}

export function usePendingSends(): PendingSend[] {
  return useSyncExternalStore(pendingSends.subscribe, () => pendingSends.values());
}

/**
 * The replies of one chat this tab shows live, as `id@startedAt` keys: changes when one starts or
 * goes, not on every delta, so the transcript does not re-render per token (each reply does).
 */
export function useLiveReplyKeys(chatId: string): string {
  return useSyncExternalStore(liveReplies.subscribe, () =>
    liveReplies.values().filter((r) => r.chatId === chatId).map((r) => `${r.messageId}@${r.startedAt}`).join(' '),
  );
}
