import { useEffect, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiOrThrow } from '../../api/http';
import type { Snippet } from '../../lib/snippet';

/** `GET /api/search` (SPEC 3): newest first, paged by cursor. */
export interface SearchHit {
  chatId: string;
  chatTitle: string;
  messageId: string;
  role: string;
  timestamp: string;
  snippet: Snippet;
}

export interface SearchPage {
  hits: SearchHit[];
  hasMore: boolean;
  nextCursor?: string;
}

export interface SearchCriteria {
  q: string;
  from: string;
  to: string;
  chatId?: string;
}

export const SEARCH_PAGE = 20;

export function searchPath(criteria: SearchCriteria, cursor: string): string {
  const query = new URLSearchParams({ q: criteria.q, limit: String(SEARCH_PAGE) });
  if (criteria.from) query.set('from', criteria.from);
  if (criteria.to) query.set('to', criteria.to);
  if (criteria.chatId) query.set('chatId', criteria.chatId);
  if (cursor) query.set('cursor', cursor);
  return `/api/search?${query}`;
}

/** What was typed, once it has rested for `ms` (each keystroke does not send a request). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [key, ms]); // eslint-disable-line react-hooks/exhaustive-deps
  return settled;
}

/** Search results for the settled criteria; a request the criteria moved past is aborted (its signal). */
export function useSearch(criteria: SearchCriteria) {
  return useInfiniteQuery({
    queryKey: ['search', criteria],
    queryFn: ({ pageParam, signal }) => apiOrThrow<SearchPage>(searchPath(criteria, pageParam), { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => (last.hasMore && last.nextCursor ? last.nextCursor : undefined),
    enabled: criteria.q !== '',
    staleTime: 30_000,
    gcTime: 60_000,
    retry: false,
  });
}
