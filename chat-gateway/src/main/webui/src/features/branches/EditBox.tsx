import { useEffect, useRef, useState } from 'react';

/**
 * A user message edited in place (issue 11): Enter or Ctrl/Cmd+Enter saves and sends it as a new
 * version, Shift+Enter adds a line, Escape (or Cancel) leaves the message as it was.
 */
export function EditBox({ initial, onSave, onCancel, disabledReason }: {
  initial: string;
  onSave: (content: string) => void;
  onCancel: () => void;
  /** Why it cannot be sent now (no model, a reply still streaming), or null. */
  disabledReason?: string | null;
}) {
  const [text, setText] = useState(initial);
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const content = text.trim();
  const save = () => {
    if (!content || disabledReason) return;
    onSave(content);
  };

  return (
    <form
      className="edit-box"
      onKeyDown={(e) => {
        // anywhere in the box, the buttons included
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <textarea
        ref={box}
        aria-label="Edit message"
        rows={Math.min(10, Math.max(2, text.split('\n').length))}
        value={text}
        maxLength={32000}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (!e.shiftKey || e.ctrlKey || e.metaKey) && !e.nativeEvent.isComposing && e.keyCode !== 229) {
            e.preventDefault();
            save();
          }
        }}
      />
      {disabledReason && <p className="message-meta">{disabledReason}</p>}
      <div className="edit-bar">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!content || !!disabledReason}>
          Save &amp; send
        </button>
      </div>
    </form>
  );
}
