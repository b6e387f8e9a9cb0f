import { announce } from '../../app/announcer';
import { useChatActions } from '../chats/useChatActions';
import { exportSelected } from './exportSelected';
import { clearSelection, setSelectMode, useSelection } from './selection';

/** What can be done to the selected chats at once: archive (or unarchive), delete with one Undo, export. */
export function BulkBar({ activeChatId, archived }: { activeChatId: string | null; archived: boolean }) {
  const selection = useSelection();
  const actions = useChatActions(activeChatId);
  if (!selection.mode) return null;
  const chats = [...selection.chats.values()];
  const none = chats.length === 0;
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected chats">
      <span className="bulk-count">{chats.length} selected</span>
      <button type="button" disabled={none} onClick={() => void actions.archiveAll(chats, !archived).then(clearSelection)}>
        {archived ? 'Unarchive selected' : 'Archive selected'}
      </button>
      <button type="button" disabled={none} onClick={() => void actions.removeAll(chats).then(clearSelection)}>
        Delete selected
      </button>
      <button
        type="button"
        disabled={none}
        onClick={() =>
          void exportSelected(chats).then((r) => {
            if (!r.ok) announce.alert(`Could not export the chats: ${r.error.message}`);
          })
        }
      >
        Export selected
      </button>
      <button type="button" onClick={() => setSelectMode(false)}>
        Cancel
      </button>
    </div>
  );
}
