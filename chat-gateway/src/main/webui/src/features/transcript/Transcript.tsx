import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Message, MessagePage, Model } from '../../api/types';
import { announce } from '../../app/announcer';
import { navigate } from '../../app/router';
import { BranchContext, selectVersion, type BranchActions } from '../branches/branchActions';
import type { Direction } from '../branches/VersionSwitcher';
import { isAtBottom, onScroll as followOnScroll, showJumpToLatest, type FollowState } from '../../lib/follow';
import type { ChatStream } from '../stream/chatStream';
import {
  forgetOffPath, pendingRegenerates, useChatStreaming, useLiveReplyKeys, usePendingRegenerates, usePendingSends,
} from '../stream/liveStore';
import { flattenPages, heldSelection, messagesKey, messagesQueryOptions, onlyPage, PAGE_SIZE, switchesInFlight } from './messagesQuery';
import { transcriptItems, type Item } from './items';
import { ReplyView, UserMessageView } from './MessageView';

const LOAD_MARGIN_PX = 800;

/**
 * The virtualized transcript (TanStack Virtual): a bounded number of message elements whatever the
 * chat's length, older pages on scroll up with the first visible message kept in place, newer ones
 * on scroll down when opened at a message, follow-at-bottom while a reply streams.
 */
export function Transcript({ chatId, around, onRetry, stream, models, model }: {
  chatId: string;
  around?: string;
  onRetry: (id: string) => void;
  /** For edits and regenerates (issue 11); without it the transcript only reads. */
  stream?: ChatStream;
  /** The models a reply can be regenerated with, and the composer's (an edit is sent with it). */
  models?: Model[];
  model?: string;
}) {
  const query = useInfiniteQuery(messagesQueryOptions(chatId, around));
  const pendings = usePendingSends();
  const regenerates = usePendingRegenerates();
  const liveKeys = useLiveReplyKeys(chatId);
  const scroller = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState<FollowState>({ following: !around, lastScrollTop: 0 });
  const followRef = useRef(follow);
  followRef.current = follow;

  const items = useMemo<Item[]>(
    () => transcriptItems({ chatId, messages: flattenPages(query.data), hasNextPage: query.hasNextPage, pendings, regenerates, liveKeys }),
    [query.data, query.hasNextPage, pendings, regenerates, liveKeys, chatId],
  );

  // the held pages moved to another path however they came (a switch, a refetch, a 409's reset): what this
  // tab sent or streamed on the old one is let go of (a switch and a refresh do it before they render)
  const shownSelection = heldSelection(query.data);
  const lastSelection = useRef(shownSelection);
  useEffect(() => {
    const before = lastSelection.current;
    lastSelection.current = shownSelection;
    if (before === undefined || shownSelection === undefined || before === shownSelection) return;
    forgetOffPath(chatId, new Set(flattenPages(query.data).map((m) => m.id)));
  }, [shownSelection, query.data, chatId]);

  // a regenerated reply the held pages now show needs the old one hidden no longer
  useEffect(() => {
    const held = new Set(flattenPages(query.data).map((m) => m.id));
    for (const r of regenerates) if (r.chatId === chatId && r.replyId && held.has(r.replyId)) pendingRegenerates.delete(r.requestId);
  }, [query.data, regenerates, chatId]);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 120,
    overscan: 6,
    getItemKey: (i) => items[i]?.key ?? i,
  });

  // the measured sizes of messages whose pages were let go of would pile up with how far the reader
  // went (one entry per message ever shown): keep those of the held messages only
  useEffect(() => {
    const sizes = virtualizer.itemSizeCache;
    if (sizes.size <= items.length + PAGE_SIZE * 2) return;
    const held = new Set(items.map((i) => i.key));
    for (const key of [...sizes.keys()]) if (!held.has(String(key))) sizes.delete(key);
  }, [items, virtualizer]);

  // keep the first visible message where it was when older pages are put in front of it
  const anchor = useRef<{ key: string; offset: number } | null>(null);
  const firstKey = useRef<string | null>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    const previousFirst = firstKey.current;
    firstKey.current = items[0]?.key ?? null;
    if (!el || !previousFirst || previousFirst === firstKey.current || !anchor.current) return;
    const index = items.findIndex((i) => i.key === anchor.current!.key);
    if (index < 0) return;
    const start = virtualizer.getOffsetForIndex(index, 'start')?.[0];
    if (start != null) el.scrollTop = start - anchor.current.offset;
  }, [items, virtualizer]);

  // opened: at the end (newest page) or centred on ?m=
  const opened = useRef<string | null>(null);
  useLayoutEffect(() => {
    const openKey = `${chatId}|${around ?? ''}`;
    if (!query.data || items.length === 0 || opened.current === openKey) return;
    opened.current = openKey;
    if (around) {
      const index = items.findIndex((i) => i.key === around);
      if (index >= 0) {
        virtualizer.scrollToIndex(index, { align: 'center' });
        requestAnimationFrame(() => virtualizer.scrollToIndex(index, { align: 'center' }));
      }
    } else {
      virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
      requestAnimationFrame(() => scroller.current && (scroller.current.scrollTop = scroller.current.scrollHeight));
    }
  }, [query.data, items, around, chatId, virtualizer]);

  // a version switch replaced the held pages: the version now shown is brought into view
  const [switched, setSwitched] = useState<{ messageId: string; direction: Direction } | null>(null);
  const scrolledTo = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!switched || scrolledTo.current === switched.messageId) return;
    const index = items.findIndex((i) => i.key === switched.messageId);
    if (index < 0) return;
    scrolledTo.current = switched.messageId;
    virtualizer.scrollToIndex(index, { align: 'center' });
  }, [switched, items, virtualizer]);

  // follow the end while the reader is there: new messages and a growing reply
  const totalSize = virtualizer.getTotalSize();
  const { hasPreviousPage, hasNextPage, isFetchingPreviousPage, isFetchingNextPage, fetchPreviousPage, fetchNextPage } = query;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && followRef.current.following && !around && !hasNextPage && opened.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [totalSize, items.length, around, hasNextPage]);

  const handleScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const metrics = { scrollTop: el.scrollTop, clientHeight: el.clientHeight, scrollHeight: el.scrollHeight };
    setFollow((s) => {
      const moved = followOnScroll(s, metrics);
      // the bottom of the held pages is not the chat's end while newer pages are let go of
      const next = hasNextPage ? { ...moved, following: false } : moved;
      return next.following === s.following && Math.abs(next.lastScrollTop - s.lastScrollTop) < 1 ? s : next;
    });
    const first = virtualizer.getVirtualItems().find((v) => v.end > el.scrollTop);
    if (first) anchor.current = { key: String(first.key), offset: first.start - el.scrollTop };
    if (el.scrollTop < LOAD_MARGIN_PX && hasPreviousPage && !isFetchingPreviousPage) void fetchPreviousPage();
    if (el.scrollHeight - el.clientHeight - el.scrollTop < LOAD_MARGIN_PX && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  };

  // a page short of the viewport: keep loading until it scrolls (or the chat's start is reached)
  useEffect(() => {
    const el = scroller.current;
    if (el && query.data && el.scrollHeight <= el.clientHeight + 1 && hasPreviousPage && !isFetchingPreviousPage) void fetchPreviousPage();
  }, [query.data, hasPreviousPage, isFetchingPreviousPage, fetchPreviousPage]);

  const queries = useQueryClient();
  const jumpToLatest = () => {
    if (around) {
      navigate(`/chat/${chatId}`);
      return;
    }
    if (hasNextPage) {
      // the newest pages were let go of while reading far up: start again from the chat's end
      opened.current = null;
      setFollow({ following: true, lastScrollTop: 0 });
      void queries.resetQueries({ queryKey: messagesKey(chatId), exact: true });
      return;
    }
    const el = scroller.current;
    if (el) {
      el.scrollTop = el.scrollHeight;
      setFollow({ following: true, lastScrollTop: el.scrollTop });
    }
  };

  const [switching, setSwitching] = useState(false);
  const [focusAfterSwitch, setFocusAfterSwitch] = useState<{ messageId: string; direction: Direction } | null>(null);
  const streamingHere = useChatStreaming(chatId);
  const key = useMemo(() => messagesKey(chatId, around), [chatId, around]);
  const switchVersion = useCallback(async (message: Message, direction: Direction) => {
    const target = direction === 'previous' ? message.previousVersionId : message.nextVersionId;
    if (!target) return;
    setSwitching(true);
    switchesInFlight.add(chatId);
    const selection = heldSelection(queries.getQueryData<InfiniteData<MessagePage>>(key));
    const result = await selectVersion(chatId, target, selection).finally(() => switchesInFlight.delete(chatId));
    setSwitching(false);
    if (!result.ok) {
      if (result.error.status === 409) {
        // another tab or device switched first: show the path as it is now
        await queries.resetQueries({ queryKey: key, exact: true });
        announce.status('This chat’s versions were changed elsewhere; it now shows the latest. Try again.');
      } else {
        announce.alert(`Could not show that version: ${result.error.message}`);
      }
      return;
    }
    const page = result.value;
    const shown = page.messages.find((m) => m.id === target);
    forgetOffPath(chatId, new Set(page.messages.map((m) => m.id)));
    // the page around the version is all the chat holds now: older and newer pages load from it as usual
    queries.removeQueries({ queryKey: ['chat', chatId, 'messages'], predicate: (q) => q.getObserversCount() === 0 });
    queries.setQueryData<InfiniteData<MessagePage>>(key, onlyPage(page, { around: target }));
    // the sidebar's preview is the selected path's newest message
    void queries.invalidateQueries({ queryKey: ['chats'] });
    setFollow((f) => ({ ...f, following: false }));
    setSwitched({ messageId: target, direction });
    setFocusAfterSwitch({ messageId: target, direction });
    if (shown?.version && shown.versions) announce.status(`Version ${shown.version} of ${shown.versions} shown`);
  }, [chatId, key, queries]);

  const branchActions = useMemo<BranchActions | null>(() => {
    if (!stream) return null;
    const blockedReason = streamingHere ? 'A reply is streaming in this chat: stop it or let it finish first.' : !model ? 'No model is available.' : null;
    return {
      models: models ?? [],
      blockedReason,
      switching,
      focusAfterSwitch,
      focusTaken: () => setFocusAfterSwitch(null),
      // the new version's reply is the new path's newest message: a chat opened at a message (?m=) goes
      // to its end, where the new version shows
      edit: (message, content) => {
        setFollow({ following: true, lastScrollTop: 0 });
        stream.send(chatId, content, model ?? '', undefined, message.id);
        if (around) navigate(`/chat/${chatId}`);
      },
      regenerate: (message, chosen) => {
        if (!stream.regenerate(chatId, message.id, chosen)) return;
        setFollow({ following: true, lastScrollTop: 0 });
        if (around) navigate(`/chat/${chatId}`);
      },
      switchVersion: (message, direction) => void switchVersion(message, direction),
    };
  }, [stream, streamingHere, model, models, switching, focusAfterSwitch, chatId, around, switchVersion]);

  const notFound = (query.error as { api?: { status: number } } | null)?.api?.status === 404;
  const hasLocal = items.length > 0;
  const el = scroller.current;
  const jumpVisible = hasLocal && (el ? !isAtBottom({ scrollTop: el.scrollTop, clientHeight: el.clientHeight, scrollHeight: el.scrollHeight }) || hasNextPage : false) && showJumpToLatest(follow, hasNextPage);

  return (
    <BranchContext.Provider value={branchActions}>
    <div className="transcript-wrap">
      <div className="transcript" ref={scroller} onScroll={handleScroll} role="region" aria-label="Conversation" tabIndex={0}>
        {query.isPending && !hasLocal && <p className="muted transcript-state">Loading messages…</p>}
        {query.isError && !notFound && !hasLocal && (
          <div className="transcript-state">
            <p>Messages could not be loaded.</p>
            <button type="button" onClick={() => void query.refetch()}>
              Try again
            </button>
          </div>
        )}
        {notFound && !hasLocal && <p className="transcript-state">This chat does not exist or was deleted.</p>}
        {isFetchingPreviousPage && <p className="muted paging-state">Loading older messages…</p>}
        <div className="virtual-inner" style={{ height: totalSize }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index];
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${v.start}px)` }}>
                {renderItem(item, around, onRetry)}
              </div>
            );
          })}
        </div>
      </div>
      {jumpVisible && (
        <button type="button" className="jump-latest" onClick={jumpToLatest}>
          Jump to latest
        </button>
      )}
    </div>
    </BranchContext.Provider>
  );
}

/** One slot for every kind, so a live reply and its saved copy are the same element (never re-mounted). */
function renderItem(item: Item, around: string | undefined, onRetry: (id: string) => void) {
  if (item.kind === 'pending') {
    return <UserMessageView content={item.pending.content} highlighted={false} pending={item.pending} onRetry={() => onRetry(item.key)} />;
  }
  if (item.message.role === 'user') {
    return (
      <UserMessageView
        content={item.message.content}
        highlighted={item.key === around}
        pending={item.kind === 'message' ? item.pending : undefined}
        onRetry={() => onRetry(item.key)}
        message={item.kind === 'message' ? item.message : undefined}
      />
    );
  }
  return <ReplyView message={item.message} highlighted={item.key === around} />;
}
