import { lazy, memo, Suspense } from 'react';
import type { Message, MessageStatus, Timing, Usage } from '../../api/types';
import { CopyButton } from '../markdown/CopyButton';
import { useLiveReply, type PendingSend } from '../stream/liveStore';

const Markdown = lazy(() => import('../markdown/Markdown'));

function formatCost(cost: number): string {
  return cost < 0.01 ? `$${cost.toFixed(5)}` : `$${cost.toFixed(3)}`;
}

function ReplyMeta({ model, status, usage, timing, error }: {
  model?: string;
  status: MessageStatus;
  usage?: Usage;
  timing?: Timing;
  error?: { code: string; message: string };
}) {
  const parts: string[] = [];
  if (model) parts.push(model);
  parts.push(status === 'error' && error ? `error: ${error.message}` : status);
  if (usage?.totalTokens != null) parts.push(`${usage.totalTokens} tokens`);
  if (usage?.cost != null) parts.push(formatCost(usage.cost));
  if (timing?.ttftMs != null) parts.push(`first token ${Math.round(timing.ttftMs)} ms`);
  if (timing?.tokensPerSecond != null) parts.push(`${timing.tokensPerSecond.toFixed(1)} tokens/s`);
  return <p className={`message-meta status-${status}`}>{parts.join(' · ')}</p>;
}

function Body({ text }: { text: string }) {
  return (
    <Suspense fallback={<div className="markdown plain">{text}</div>}>
      <Markdown text={text} />
    </Suspense>
  );
}

/** A saved reply, or one streaming into this tab (then only this element re-renders per delta). */
export const ReplyView = memo(function ReplyView({ message, highlighted }: { message: Message; highlighted: boolean }) {
  const live = useLiveReply(message.id);
  const serverFinal = message.status !== 'streaming';
  const text = !serverFinal && live && live.assembler.length >= message.content.length ? live.assembler.text : message.content;
  const status = serverFinal ? message.status : live?.status ?? message.status;
  const streaming = status === 'streaming';
  return (
    <article className={`message assistant${highlighted ? ' highlighted' : ''}`} aria-busy={streaming ? 'true' : undefined} aria-label="Assistant">
      <Body text={text} />
      {streaming && text.length === 0 && <div className="muted">Thinking…</div>}
      <div className="message-footer">
        <ReplyMeta
          model={message.model ?? live?.model}
          status={status}
          usage={message.usage ?? live?.usage}
          timing={message.timing ?? live?.timing}
          error={message.error ?? live?.error}
        />
        {!streaming && text && <CopyButton text={text} />}
      </div>
    </article>
  );
});

export function UserMessageView({ content, highlighted, pending, onRetry }: {
  content: string;
  highlighted: boolean;
  pending?: PendingSend;
  onRetry?: () => void;
}) {
  return (
    <article className={`message user${highlighted ? ' highlighted' : ''}`} aria-label="You">
      <div className="user-text">{content}</div>
      {pending && (
        <p className={`message-meta send-${pending.status}`}>
          {pending.status === 'sending' && 'Sending…'}
          {pending.status === 'saved' && 'Saved'}
          {pending.status === 'failed' && (
            <>
              {pending.error ?? 'Not sent'}{' '}
              <button type="button" onClick={onRetry}>
                Retry
              </button>
            </>
          )}
        </p>
      )}
    </article>
  );
}
