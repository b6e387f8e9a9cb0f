import { useRef, useState, useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import { apiOrThrow } from '../../api/http';
import type { Model } from '../../api/types';
import { setStoredModel, useStoredModel } from '../settings/defaultModel';
import type { ChatStream } from '../stream/chatStream';

/** The model picker's choice, remembered per user in this browser. */
export function useModel(email: string) {
  const models = useQuery({
    queryKey: ['models'],
    queryFn: () => apiOrThrow<{ models: Model[] }>('/api/models'),
    staleTime: 5 * 60_000,
  });
  const chosen = useStoredModel(email);
  const list = models.data?.models ?? [];
  const model = list.some((m) => m.id === chosen) ? chosen : list[0]?.id ?? '';
  const choose = (id: string) => setStoredModel(email, id);
  return { models: list, model, choose, loading: models.isPending, error: models.isError };
}

function useOnline() {
  return useSyncExternalStore(
    (l) => {
      window.addEventListener('online', l);
      window.addEventListener('offline', l);
      return () => {
        window.removeEventListener('online', l);
        window.removeEventListener('offline', l);
      };
    },
    () => navigator.onLine,
  );
}

export function Composer({ email, stream, onSend, streamingGenerationId, chatId }: {
  email: string;
  stream: ChatStream;
  onSend: (content: string, model: string) => void;
  streamingGenerationId: string | null;
  chatId: string | null;
}) {
  const [text, setText] = useState('');
  const { models, model, choose, loading, error } = useModel(email);
  const online = useOnline();
  const input = useRef<HTMLTextAreaElement>(null);
  const disabledReason = !online ? 'You are offline: messages can be sent again when the connection is back.' : !model ? (loading ? 'Loading models…' : error ? 'Models could not be loaded.' : 'No model is available.') : null;

  const send = () => {
    const content = text.trim();
    if (!content || disabledReason || streamingGenerationId) return;
    onSend(content, model);
    setText('');
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        id="composer-input"
        ref={input}
        aria-label="Message"
        placeholder="Message"
        rows={2}
        value={text}
        maxLength={32000}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // IME composition never sends (keyCode 229 covers browsers that end composition first)
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && e.keyCode !== 229) {
            e.preventDefault();
            send();
          }
        }}
      />
      <div className="composer-bar">
        <select aria-label="Model" value={model} onChange={(e) => choose(e.target.value)} disabled={models.length === 0}>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name ?? m.id}
            </option>
          ))}
        </select>
        {disabledReason && <span className="composer-reason">{disabledReason}</span>}
        {streamingGenerationId && chatId ? (
          <button type="button" className="stop" onClick={() => stream.cancel(streamingGenerationId, chatId)}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!!disabledReason || !text.trim()}>
            Send
          </button>
        )}
      </div>
    </form>
  );
}
