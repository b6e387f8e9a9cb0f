import type { QueryClient } from '@tanstack/react-query';
import { ChatConnection, readEventStream, socketUrl } from '../../api/socket';
import { errorOf, newId, signInUrl } from '../../api/http';
import type { ChatSummary, MessagePage, RegenerateFrame, SendFrame, ServerFrame } from '../../api/types';
import { StreamAssembler } from '../../lib/streamAssembler';
import { announce } from '../../app/announcer';
import { followSelection, refreshNewest } from '../transcript/messagesQuery';
import {
  generationToMessage, liveReplies, pendingRegenerates, pendingSends, putReply, replyByGeneration, touchReply, type PendingRegenerate, type PendingSend,
} from './liveStore';

/**
 * The tab's chat traffic: sends (socket, or the SSE route when no socket opens), cancels, resumes,
 * and the frames that come back, folded into the live store and the query cache.
 */
export class ChatStream {
  readonly connection: ChatConnection;
  /** Acked sends of this socket waiting for their `start`, oldest first. */
  private readonly awaitingStart: { chatId: string }[] = [];
  activeChatId: string | null = null;

  constructor(private readonly queries: QueryClient) {
    this.connection = new ChatConnection(socketUrl(), (f) => this.onFrame(f), () => this.onOpen());
  }

  start(): void {
    this.connection.start();
  }

  stop(): void {
    this.connection.stop();
  }

  /** A new message, or with `editOf` a new version of that user message (an edit, issue 11). */
  send(chatId: string, content: string, model: string, existingId?: string, editOf?: string): void {
    const previous = existingId ? pendingSends.get(existingId) : undefined;
    const pending: PendingSend = {
      chatId,
      id: existingId ?? newId(),
      content,
      model,
      requestId: newId(),
      timestamp: previous?.timestamp ?? new Date().toISOString(),
      status: 'sending',
      transport: 'socket',
      editOf: editOf ?? previous?.editOf,
    };
    pendingSends.set(pending.id, pending);
    this.deliver(pending);
  }

  /** Re-sends a failed message with its own id: the server saves it once whatever happened before. */
  retry(messageId: string): void {
    const pending = pendingSends.get(messageId);
    if (pending) this.send(pending.chatId, pending.content, pending.model, pending.id);
  }

  /**
   * A new version of a finished reply (issue 11), over the socket: the gateway makes the reply's id and
   * answers `ack` with it, then streams it like any reply. Without an open socket it is refused at once
   * (nothing was stored, so trying again is safe).
   */
  regenerate(chatId: string, replyId: string, model?: string): boolean {
    const pending: PendingRegenerate = { chatId, requestId: newId(), replaces: replyId, model, status: 'sending' };
    const frame: RegenerateFrame = { type: 'regenerate', requestId: pending.requestId, chatId, messageId: replyId, model };
    if (!this.connection.send(frame)) {
      announce.alert('Not regenerated: the connection to the server is down. Try again when it is back.');
      return false;
    }
    pendingRegenerates.set(pending.requestId, pending);
    return true;
  }

  cancel(generationId: string, chatId: string): void {
    this.connection.send({ type: 'cancel', generationId, chatId });
  }

  /**
   * Follows a reply the page found still streaming (a reload, a return to the chat), or one another tab
   * started (`started`, then from offset 0).
   */
  resume(chatId: string, messageId: string, generationId: string, savedText: string, model?: string): void {
    if (liveReplies.get(messageId)) {
      // already followed here: a reconnect resumes it (onOpen)
      return;
    }
    const reply = {
      chatId, messageId, generationId, model, assembler: new StreamAssembler(savedText), status: 'streaming' as const, version: 0,
      startedAt: new Date().toISOString(),
    };
    putReply(reply);
    this.connection.send({ type: 'resume', chatId, generationId, offset: reply.assembler.length });
  }

  private deliver(pending: PendingSend): void {
    const frame: SendFrame = { type: 'send', requestId: pending.requestId, chatId: pending.chatId, message: { id: pending.id, content: pending.content }, model: pending.model };
    if (pending.editOf) frame.editOf = pending.editOf;
    if (this.connection.send(frame)) return;
    if (this.connection.worthWaiting) {
      // reconnecting: onOpen sends what is still `sending`
      return;
    }
    void this.sendOverSse(pending, frame);
  }

  private async sendOverSse(pending: PendingSend, frame: object): Promise<void> {
    pendingSends.set(pending.id, { ...pending, transport: 'sse' });
    let response: Response;
    try {
      response = await fetch(`/api/chat/${encodeURIComponent(pending.chatId)}/messages`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'z3chat', Accept: 'text/event-stream' },
        body: JSON.stringify(frame),
      });
    } catch {
      this.failSend(pending.id, 'Not sent: the server cannot be reached');
      return;
    }
    if (response.status === 401) {
      location.assign(signInUrl());
      return;
    }
    if (!response.ok || !response.body) {
      const error = await errorOf(response);
      this.failSend(pending.id, `Not sent: ${error.message}`);
      return;
    }
    try {
      await readEventStream(response.body, (f) => {
        if (f.type === 'start') {
          this.startReply(pending.chatId, f.generationId, f.messageId, f.model);
        } else {
          this.onFrame(f, true);
        }
      });
    } catch {
      // the reply goes on server-side; the page refetch shows what was saved
    }
    void refreshNewest(this.queries, pending.chatId);
  }

  private failSend(id: string, error: string): void {
    const pending = pendingSends.get(id);
    if (pending) {
      pendingSends.set(id, { ...pending, status: 'failed', error });
      announce.alert(error);
    }
  }

  private onOpen(): void {
    // a reply another tab started while this socket was away is not announced again: the chat's
    // newest page shows it streaming, and the chat view resumes it
    if (this.activeChatId) void refreshNewest(this.queries, this.activeChatId);
    for (const pending of pendingSends.values()) {
      if (pending.status === 'sending' && pending.transport === 'socket') this.deliver(pending);
    }
    for (const reply of liveReplies.values()) {
      if (reply.status === 'streaming') {
        this.connection.send({ type: 'resume', chatId: reply.chatId, generationId: reply.generationId, offset: reply.assembler.length });
      }
    }
  }

  private startReply(chatId: string, generationId: string, messageId: string, model?: string): void {
    const existing = liveReplies.get(messageId);
    if (existing) return;
    putReply({ chatId, messageId, generationId, model, assembler: new StreamAssembler(), status: 'streaming', version: 0, startedAt: new Date().toISOString() });
    announce.status('Reply started');
  }

  private onFrame(frame: ServerFrame, viaSse = false): void {
    switch (frame.type) {
      case 'ack': {
        const regenerate = pendingRegenerates.get(frame.requestId);
        if (regenerate) {
          pendingRegenerates.set(regenerate.requestId, { ...regenerate, status: 'saved', replyId: frame.messageId });
          this.awaitingStart.push({ chatId: regenerate.chatId });
          // the new version is selected: the newest page is the new path's
          void refreshNewest(this.queries, regenerate.chatId);
          void this.queries.invalidateQueries({ queryKey: ['chats'] });
          break;
        }
        const pending = [...pendingSends.values()].find((p) => p.requestId === frame.requestId);
        if (pending) {
          pendingSends.set(pending.id, { ...pending, status: 'saved' });
          if (!viaSse) this.awaitingStart.push({ chatId: pending.chatId });
          void refreshNewest(this.queries, pending.chatId);
          void this.queries.invalidateQueries({ queryKey: ['chats'] });
        }
        break;
      }
      case 'start': {
        if (generationToMessage.has(frame.generationId)) {
          // a resume's replay of a reply this tab already shows
          break;
        }
        const waiting = this.awaitingStart.shift();
        const chatId = frame.chatId ?? waiting?.chatId ?? this.activeChatId;
        if (!chatId) break;
        this.startReply(chatId, frame.generationId, frame.messageId, frame.model);
        if (!waiting) {
          // another tab's send on a chat this socket follows: fetch its user message
          void refreshNewest(this.queries, chatId);
        }
        break;
      }
      case 'started': {
        // a reply another tab (or the SSE route) started in one of this user's chats: shown here when
        // this tab shows that chat, resumed from its start like a reply found streaming
        void this.queries.invalidateQueries({ queryKey: ['chats'] });
        if (frame.chatId !== this.activeChatId || generationToMessage.has(frame.generationId)) break;
        this.resume(frame.chatId, frame.messageId, frame.generationId, '', frame.model);
        announce.status('Reply started');
        void refreshNewest(this.queries, frame.chatId);
        break;
      }
      case 'delta': {
        const reply = replyByGeneration(frame.generationId);
        if (!reply || reply.status !== 'streaming') break;
        const result = reply.assembler.apply(frame.offset, frame.text);
        if (result === 'appended') touchReply(reply);
        if (result === 'gap') {
          this.connection.send({ type: 'resume', chatId: reply.chatId, generationId: reply.generationId, offset: reply.assembler.length });
        }
        break;
      }
      case 'done': {
        const reply = replyByGeneration(frame.generationId);
        if (!reply) break;
        if (reply.status === 'streaming') {
          touchReply({ ...reply, status: frame.status, usage: frame.usage, timing: frame.timing, error: frame.error });
          announce.status(frame.status === 'complete' ? 'Reply finished' : `Reply ${frame.status}`);
        }
        void refreshNewest(this.queries, reply.chatId).then(() => {
          // a regenerated reply is on the page now: the old one needs hiding no longer
          for (const r of pendingRegenerates.values()) if (r.replyId === frame.messageId) pendingRegenerates.delete(r.requestId);
        });
        void this.queries.invalidateQueries({ queryKey: ['chats'] });
        break;
      }
      case 'error': {
        if (frame.requestId && pendingRegenerates.get(frame.requestId)) {
          pendingRegenerates.delete(frame.requestId);
          announce.alert(`Not regenerated: ${frame.message}`);
          break;
        }
        if (frame.requestId) {
          const pending = [...pendingSends.values()].find((p) => p.requestId === frame.requestId);
          if (pending && pending.status === 'sending') {
            this.failSend(pending.id, `Not sent: ${frame.message}`);
          }
          break;
        }
        const reply = frame.generationId ? replyByGeneration(frame.generationId) : undefined;
        if (reply && reply.status === 'streaming') {
          if (frame.code === 'generation_lost') {
            touchReply({ ...reply, status: 'interrupted', error: { code: frame.code, message: frame.message } });
            void refreshNewest(this.queries, reply.chatId);
          }
          announce.alert(frame.message);
        } else if (!frame.generationId) {
          announce.alert(frame.message);
        }
        break;
      }
      case 'chat':
        applyChatChange(this.queries, frame.chat);
        // a switch, an edit or a regenerate in another tab: this tab's path moved
        followSelection(this.queries, frame.chat.id, frame.chat.selectionVersion);
        break;
    }
  }
}

/** A `chat` frame: the title or preview changed; the sidebar and the open chat show it at once. */
export function applyChatChange(queries: QueryClient, chat: ChatSummary): void {
  queries.setQueriesData<{ pages: MessagePage[]; pageParams: unknown[] }>({ queryKey: ['chat', chat.id, 'messages'] }, (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, title: chat.title })) } : data,
  );
  window.dispatchEvent(new CustomEvent<ChatSummary>('z3chat:chat', { detail: chat }));
}
