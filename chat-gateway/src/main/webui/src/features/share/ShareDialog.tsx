import { useRef, useState } from 'react';
import { api } from '../../api/http';
import type { ChatSummary } from '../../api/types';
import { announce } from '../../app/announcer';
import { Modal } from '../dialogs/Modal';
import { expiresAt, type ExpiryChoice } from './expiry';
import { ExpiryChoices } from './ExpiryChoices';

interface Share {
  id: string;
  createdAt: string;
  expiresAt?: string;
}

/** "Share chat" (SPEC 6): create a public read-only link to a snapshot (optional expiry), copy it, revoke it. */
export default function ShareDialog({ chat, onClose }: { chat: ChatSummary; onClose: () => void }) {
  const [expiry, setExpiry] = useState<ExpiryChoice>('never');
  const [share, setShare] = useState<Share | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const linkField = useRef<HTMLInputElement>(null);
  const path = `/api/chat/${encodeURIComponent(chat.id)}/share`;
  const link = share ? `${location.origin}/share/${share.id}` : '';

  const create = async () => {
    setBusy(true);
    setError(null);
    const until = expiresAt(expiry);
    const result = await api<Share>(path, { method: 'POST', json: until ? { expiresAt: until } : {} });
    setBusy(false);
    if (!result.ok) {
      setError(`The link could not be created: ${result.error.message}`);
      return;
    }
    const refreshed = share?.id === result.value.id;
    setShare(result.value);
    setNote(refreshed ? 'The link now shows the chat as it is now.' : 'Link created: anyone with it can read this chat as it is now.');
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      linkField.current?.select();
      document.execCommand?.('copy');
    }
    setNote('Link copied.');
    announce.status('Link copied');
  };

  const revoke = async () => {
    setBusy(true);
    setError(null);
    const result = await api<void>(path, { method: 'DELETE' });
    setBusy(false);
    if (!result.ok) {
      setError(`The link could not be revoked: ${result.error.message}`);
      return;
    }
    setShare(null);
    setNote('Link revoked: it no longer opens.');
  };

  return (
    <Modal title="Share chat" onClose={onClose} className="share-dialog">
      <p className="muted">“{chat.title}”: a read-only copy of its messages up to now. Later messages are not shown unless you update the link.</p>
      <ExpiryChoices value={expiry} onChange={setExpiry} disabled={busy} />
      {share && (
        <div className="share-link">
          <label>
            Link
            <input ref={linkField} type="text" readOnly value={link} onFocus={(e) => e.target.select()} />
          </label>
          <p className="muted">{share.expiresAt ? `Expires ${new Date(share.expiresAt).toLocaleString()}` : 'Does not expire'}</p>
        </div>
      )}
      <p role="status" className="share-note">
        {note}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className={share ? '' : 'primary'} onClick={() => void create()} disabled={busy}>
          {share ? 'Update link' : 'Create link'}
        </button>
        {share && (
          <>
            <button type="button" className="primary" onClick={() => void copy()}>
              Copy link
            </button>
            <button type="button" className="danger" onClick={() => void revoke()} disabled={busy}>
              Revoke link
            </button>
          </>
        )}
      </div>
    </Modal>
  );
}
