import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { openDialog } from '../dialogs/dialogs';
import { downloadFrom } from './download';
import { startImport } from './importUpload';

/** `Import` (a labelled file input behind it) and `Export all` (SPEC 6), at the sidebar's foot. */
export function TransferControls() {
  const queries = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="transfer-controls">
      <button type="button" onClick={() => input.current?.click()}>
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Import file"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          openDialog({ kind: 'import' });
          void startImport(file, queries);
        }}
      />
      <button type="button" onClick={() => downloadFrom('/api/export')}>
        Export all
      </button>
    </div>
  );
}

const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

/** A file dragged over the app shows where to drop it; dropped, it is imported. */
export function FileDropZone() {
  const queries = useQueryClient();
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overHandler = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      openDialog({ kind: 'import' });
      void startImport(file, queries);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('drop', drop);
    };
  }, [queries]);
  return over ? (
    <div className="drop-zone" aria-hidden="true">
      <p>Drop the file to import it</p>
    </div>
  ) : null;
}
