import type { QueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../api/types';
import { announce } from '../../app/announcer';
import { valueStore } from '../../lib/valueStore';

/** `POST /api/import`'s answer (SPEC 3): per conversation, what was imported and what was skipped and why. */
export interface ImportReport {
  format: string;
  importedCount: number;
  skippedCount: number;
  imported: { title: string; chatId: string; messageCount: number }[];
  skipped: { title: string; reason: string }[];
}

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; sent: number; total: number }
  | { phase: 'done'; fileName: string; report: ImportReport }
  | { phase: 'failed'; fileName: string; error: ApiError };

const state = valueStore<ImportState>({ phase: 'idle' });
export const useImportState = state.use;
let cancelCurrent: (() => void) | null = null;

/**
 * Uploads the file as the request body. XMLHttpRequest, not fetch: it reports upload progress, and it
 * sends a File from disk as it goes (the page never reads it into memory).
 */
export function uploadImport(file: File, onProgress: (sent: number, total: number) => void): { done: Promise<{ ok: true; report: ImportReport } | { ok: false; error: ApiError }>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<{ ok: true; report: ImportReport } | { ok: false; error: ApiError }>((resolve) => {
    xhr.open('POST', '/api/import');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('X-Requested-With', 'z3chat');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: described by the status below
      }
      if (xhr.status === 200 && body && typeof body === 'object' && 'imported' in body) {
        resolve({ ok: true, report: body as ImportReport });
        return;
      }
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      resolve({
        ok: false,
        error: {
          status: xhr.status,
          code: error?.code ?? `http_${xhr.status}`,
          message: error?.message ?? (xhr.status === 413 ? 'The file is too large to import.' : `The import failed (HTTP ${xhr.status}).`),
        },
      });
    };
    xhr.onerror = () => resolve({ ok: false, error: { status: 0, code: 'offline', message: 'The server cannot be reached; nothing was imported.' } });
    xhr.onabort = () => resolve({ ok: false, error: { status: 0, code: 'cancelled', message: 'The upload was cancelled.' } });
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** Imports a file picked or dropped: progress, then the report; the sidebar shows the new chats at once. */
export async function startImport(file: File, queries: QueryClient): Promise<void> {
  cancelCurrent?.();
  state.set({ phase: 'uploading', fileName: file.name, sent: 0, total: file.size });
  const upload = uploadImport(file, (sent, total) => state.set({ phase: 'uploading', fileName: file.name, sent, total }));
  cancelCurrent = upload.abort;
  const result = await upload.done;
  if (cancelCurrent === upload.abort) cancelCurrent = null;
  if (result.ok) {
    state.set({ phase: 'done', fileName: file.name, report: result.report });
    announce.status(`Imported ${result.report.importedCount}, skipped ${result.report.skippedCount}`);
    await queries.invalidateQueries({ queryKey: ['chats'] });
  } else if (result.error.code === 'cancelled') {
    if (state.get().phase === 'uploading') state.set({ phase: 'idle' });
  } else {
    state.set({ phase: 'failed', fileName: file.name, error: result.error });
  }
}

export function cancelImport() {
  cancelCurrent?.();
}

export function resetImport() {
  state.set({ phase: 'idle' });
}
