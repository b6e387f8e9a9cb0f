import { Modal } from '../dialogs/Modal';
import { cancelImport, resetImport, useImportState } from './importUpload';
import { ImportReportView } from './ImportReportView';

/** The import's progress, then its report or the server's reason for refusing the file. */
export default function ImportDialog({ onClose }: { onClose: () => void }) {
  const state = useImportState();
  const close = () => {
    if (state.phase !== 'uploading') resetImport();
    onClose();
  };
  return (
    <Modal title="Import" onClose={close} className="import-dialog">
      {state.phase === 'uploading' && (
        <div className="import-progress">
          <label>
            Uploading {state.fileName}
            <progress max={state.total || 1} value={state.sent} />
          </label>
          <p className="muted" aria-hidden="true">
            {Math.round((100 * state.sent) / (state.total || 1))}% of {(state.total / 1024).toFixed(0)} KiB
          </p>
          <button type="button" onClick={cancelImport}>
            Cancel import
          </button>
        </div>
      )}
      {state.phase === 'done' && <ImportReportView fileName={state.fileName} report={state.report} onOpen={close} />}
      {state.phase === 'failed' && (
        <div role="alert" className="import-failed">
          <p>
            {state.fileName} was not imported: {state.error.message}
          </p>
        </div>
      )}
      {state.phase === 'idle' && <p className="muted">Choose a file with Import, or drop one anywhere on the page.</p>}
      {state.phase !== 'uploading' && (
        <div className="modal-actions">
          <button type="button" onClick={close}>
            Done
          </button>
        </div>
      )}
    </Modal>
  );
}
