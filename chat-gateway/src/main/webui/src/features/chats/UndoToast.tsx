import { useEffect } from 'react';
import { useUndoable, useChatActions } from './useChatActions';

/** After a delete: a status region with the message and an Undo button (SPEC 6). */
export function UndoToast() {
  const chats = useUndoable();
  const actions = useChatActions(null);
  useEffect(() => {
    if (!chats) return;
    const t = setTimeout(actions.dismissUndo, 15000);
    return () => clearTimeout(t);
  }, [chats]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div role="status" className={chats ? 'toast' : 'visually-hidden'}>
      {chats && (
        <>
          <span>{chats.length === 1 ? `Deleted “${chats[0].title}”.` : `Deleted ${chats.length} chats.`}</span>
          <button type="button" onClick={() => void actions.undo()}>
            Undo
          </button>
        </>
      )}
    </div>
  );
}
