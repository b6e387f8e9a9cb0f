import { useEffect, useId, useRef, useState } from 'react';
import { navigate } from '../../app/router';
import { shortTime } from '../../lib/dates';
import { Modal } from '../dialogs/Modal';
import { Highlighted } from './Highlighted';
import { useDebounced, useSearch, type SearchHit } from './searchApi';

/**
 * The search dialog (SPEC 6): words and "phrases", a date range, this chat only; results as they
 * type, newest first, paged on scroll; arrows move, Enter opens the hit at its message.
 */
export default function SearchDialog({ chatId, onClose }: { chatId: string | null; onClose: () => void }) {
  const [q, setQ] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [thisChat, setThisChat] = useState(false);
  const criteria = useDebounced({ q: q.trim(), from, to, chatId: thisChat && chatId ? chatId : undefined }, 250);
  const search = useSearch(criteria);
  const hits: SearchHit[] = search.data?.pages.flatMap((p) => p.hits) ?? [];
  const [active, setActive] = useState(0);
  const listId = useId();
  const list = useRef<HTMLUListElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = search;

  useEffect(() => setActive(0), [criteria]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
    if (active >= hits.length - 3 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [active, hits.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const open = (hit: SearchHit) => {
    onClose();
    navigate(`/chat/${encodeURIComponent(hit.chatId)}?m=${encodeURIComponent(hit.messageId)}`);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length === 0) return;
      setActive((a) => Math.max(0, Math.min(hits.length - 1, a + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      const hit = hits[active];
      if (hit) open(hit);
    }
  };

  const onScroll = () => {
    const el = list.current;
    if (el && el.scrollHeight - el.clientHeight - el.scrollTop < 200 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  };

  const typing = q.trim() !== criteria.q || from !== criteria.from || to !== criteria.to;
  const state = !criteria.q
    ? 'Type words to find; "quotes" find a phrase.'
    : search.isPending || (typing && hits.length === 0)
      ? 'Searching…'
      : search.isError
        ? `Search failed: ${search.error.message}`
        : hits.length === 0
          ? 'No message matches.'
          : `${hits.length}${hasNextPage ? '+' : ''} ${hits.length === 1 ? 'result' : 'results'}`;
  const optionId = (i: number) => `${listId}-${i}`;

  return (
    <Modal title="Search" onClose={onClose} className="search-dialog">
      <div className="search-form" onKeyDown={onKeyDown}>
        <input
          type="search"
          className="search-input"
          aria-label="Search messages"
          placeholder="Search messages"
          data-autofocus
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-controls={hits.length > 0 ? listId : undefined}
          aria-activedescendant={hits[active] ? optionId(active) : undefined}
        />
        <div className="search-filters">
          <label>
            From <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
          </label>
          {chatId && (
            <label className="checkbox">
              <input type="checkbox" checked={thisChat} onChange={(e) => setThisChat(e.target.checked)} /> This chat only
            </label>
          )}
        </div>
      </div>
      <p role="status" className={`search-state${search.isError ? ' error' : ''}`}>
        {state}
      </p>
      {search.isError && (
        <button type="button" onClick={() => void search.refetch()}>
          Try again
        </button>
      )}
      {hits.length > 0 && (
      <ul role="listbox" id={listId} aria-label="Results" className="search-results" ref={list} onScroll={onScroll}>
        {hits.map((hit, i) => (
          <li
            key={`${hit.messageId}-${i}`}
            id={optionId(i)}
            data-index={i}
            role="option"
            aria-selected={i === active}
            className="search-hit"
            onMouseMove={() => i !== active && setActive(i)}
            onClick={() => open(hit)}
          >
            <span className="hit-head">
              <span className="hit-title">{hit.chatTitle}</span>
              <time dateTime={hit.timestamp}>{shortTime(hit.timestamp)}</time>
            </span>
            <span className="hit-snippet">
              <Highlighted snippet={hit.snippet} />
            </span>
          </li>
        ))}
      </ul>
      )}
      {isFetchingNextPage && <p className="muted search-more">Loading more…</p>}
    </Modal>
  );
}
