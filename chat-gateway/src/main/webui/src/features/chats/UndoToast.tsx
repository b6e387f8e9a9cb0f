import { useEffect } from 'react';
import { useUndoable, useChatActions } from './useChatActions';

/** After a delete: a status region with the message and an Undo button (SPEC 6). */
export function UndoToast() {
  const chat = useUndoable();
  const actions = useChatActions(null);
  useEffect(() => {
    if (!chat) return;
    const t = setTimeout(actions.dismissUndo, 15000);
    return () => clearTimeout(t);
  }, [chat]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div role="status" className={chat ? 'toast' : 'visually-hidden'}>
      {chat && (
        <>
          <span>Deleted “{chat.title}”.</span>
          <button type="button" onClick={() => void actions.undo()}>
            Undo
          </button>
        </>
      )}
    </div>
  );
}
