import { useId } from 'react';
import { setTheme, useTheme, type Theme } from '../../app/theme';
import { useModel } from '../composer/Composer';
import { Modal } from '../dialogs/Modal';
import { RadioGroup } from '../dialogs/RadioGroup';

const THEMES: { id: Theme; label: string }[] = [
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
  { id: 'system', label: 'System' },
];

/** Settings (SPEC 6, from the Account menu): the theme and the default model, both applied at once. */
export default function SettingsDialog({ email, onClose }: { email: string; onClose: () => void }) {
  const theme = useTheme();
  const { models, model, choose, loading, error } = useModel(email);
  const modelId = useId();
  return (
    <Modal title="Settings" onClose={onClose} className="settings-dialog">
      <RadioGroup label="Theme" options={THEMES} value={theme} onChange={setTheme} />
      <div className="field">
        <label htmlFor={modelId}>Default model</label>
        <select id={modelId} value={model} disabled={models.length === 0} onChange={(e) => choose(e.target.value)}>
          {models.length === 0 && <option value="">{loading ? 'Loading models…' : error ? 'Models could not be loaded' : 'No model is available'}</option>}
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name ?? m.id}
            </option>
          ))}
        </select>
        <p className="muted">New messages use it; the picker under the message box changes it too.</p>
      </div>
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Modal>
  );
}
