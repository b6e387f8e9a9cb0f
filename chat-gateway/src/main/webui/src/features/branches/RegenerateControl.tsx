import { useEffect, useId, useRef, useState } from 'react';
import type { Model } from '../../api/types';

/**
 * "Regenerate" on a finished reply (issue 11): opens a small panel to choose the model (the reply's own
 * by default) and confirm with "Regenerate reply"; Escape or Cancel closes it, the focus back on "Regenerate".
 */
export function RegenerateControl({ replyModel, models, onRegenerate, disabled = false }: {
  replyModel?: string;
  models: Model[];
  onRegenerate: (model: string) => void;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const picker = useRef<HTMLSelectElement>(null);
  const panelId = useId();
  const initial = models.some((m) => m.id === replyModel) ? replyModel! : models[0]?.id ?? '';
  const [model, setModel] = useState(initial);

  useEffect(() => {
    if (open) picker.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };

  return (
    <div className="regenerate">
      <button
        ref={opener}
        type="button"
        className="regenerate-button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        disabled={disabled}
        onClick={() => {
          setModel(initial);
          setOpen((o) => !o);
        }}
      >
        Regenerate
      </button>
      {open && (
        <div
          id={panelId}
          className="regenerate-panel"
          role="group"
          aria-label="Regenerate"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close();
            }
          }}
        >
          <select ref={picker} aria-label="Model for the new reply" value={model} onChange={(e) => setModel(e.target.value)} disabled={models.length === 0}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name ?? m.id}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="primary"
            disabled={!model || disabled}
            onClick={() => {
              setOpen(false);
              onRegenerate(model);
            }}
          >
            Regenerate reply
          </button>
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
