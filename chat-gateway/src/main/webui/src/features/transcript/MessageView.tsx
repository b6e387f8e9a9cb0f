import { lazy, memo, Suspense, useRef, useState } from 'react';
import type { Message, MessageStatus, Timing, Usage } from '../../api/types';
import { useBranchActions } from '../branches/branchActions';
import { EditBox } from '../branches/EditBox';
import { RegenerateControl } from '../branches/RegenerateControl';
import { VersionSwitcher } from '../branches/VersionSwitcher';
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

/** "Previous version", "N / M", "Next version" on a message with siblings. */
function Versions({ message }: { message: Message }) {
  const actions = useBranchActions();
  if (!actions || !message.versions || message.versions < 2 || !message.version) return null;
  const focus = actions.focusAfterSwitch?.messageId === message.id ? actions.focusAfterSwitch.direction : undefined;
  return (
    <VersionSwitcher
      version={message.version}
      versions={message.versions}
      busy={actions.switching}
      focus={focus}
      onFocused={actions.focusTaken}
      onSwitch={(direction) => actions.switchVersion(message, direction)}
    />
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
        <div className="message-actions">
          <Versions message={message} />
          {!streaming && <Regenerate message={message} />}
          {!streaming && text && <CopyButton text={text} />}
        </div>
      </div>
    </article>
  );
});

function Regenerate({ message }: { message: Message }) {
  const actions = useBranchActions();
  // a reply the page holds as saved (a live stand-in gets its saved copy when it ends)
  if (!actions || message.status === 'streaming') return null;
  return (
    <RegenerateControl
      replyModel={message.model}
      models={actions.models}
      disabled={!!actions.blockedReason}
      onRegenerate={(model) => actions.regenerate(message, model)}
    />
  );
}

export function UserMessageView({ content, highlighted, pending, onRetry, message }: {
  content: string;
  highlighted: boolean;
  pending?: PendingSend;
  onRetry?: () => void;
  /** The saved message (editable, maybe with versions); absent while only this tab has it. */
  message?: Message;
}) {
  const actions = useBranchActions();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const stopEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const editable = !!actions && !!message && (!pending || pending.status === 'saved');
  const showActions = !!message && !editing && (editable || (message.versions ?? 0) > 1);
  return (
    <article className={`message user${highlighted ? ' highlighted' : ''}${editing ? ' editing' : ''}`} aria-label="You">
      {editing && actions && message ? (
        <EditBox
          initial={content}
          disabledReason={actions.blockedReason}
          onCancel={stopEditing}
          onSave={(text) => {
            setEditing(false);
            actions.edit(message, text);
          }}
        />
      ) : (
        <div className="user-text">{content}</div>
      )}
      {(showActions || (pending && !editing)) && (
        <div className="message-footer">
          {pending && !editing ? (
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
          ) : (
            <span />
          )}
          {showActions && (
            <div className="message-actions">
              <Versions message={message} />
              {editable && (
                <button ref={editButton} type="button" className="edit-button" onClick={() => setEditing(true)} disabled={!!actions.blockedReason}>
                  Edit message
                </button>
              )}
            </div>
          )}
        </div>
      )}
    </article>
  );
}
