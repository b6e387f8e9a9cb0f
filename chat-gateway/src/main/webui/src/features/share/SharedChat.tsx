import { lazy, Suspense, useEffect } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiOrThrow } from '../../api/http';

const Markdown = lazy(() => import('../markdown/Markdown'));

interface SharedPage {
  title: string;
  sharedAt: string;
  expiresAt?: string;
  messages: { role: string; content: string; timestamp: string; model?: string }[];
  hasMore: boolean;
  nextCursor?: string;
}

/** A share link's public, read-only snapshot (no sign-in), paged; "Link not found" once revoked or expired. */
export function SharedChat({ shareId }: { shareId: string }) {
  const query = useInfiniteQuery({
    queryKey: ['shared', shareId],
    queryFn: ({ pageParam }) =>
      apiOrThrow<SharedPage>(`/api/shared/${encodeURIComponent(shareId)}?limit=100${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`, { unauthorizedIsAnswer: true }),
    initialPageParam: '' as string,
    getNextPageParam: (last) => (last.hasMore ? last.nextCursor : undefined),
    retry: false,
  });
  const first = query.data?.pages[0];
  useEffect(() => {
    const robots = document.createElement('meta');
    robots.name = 'robots';
    robots.content = 'noindex';
    document.head.appendChild(robots);
    return () => robots.remove();
  }, []);
  useEffect(() => {
    if (first) document.title = `${first.title} · z3chat`;
  }, [first]);

  if (query.isPending) return <main className="shared"><p className="muted">Loading…</p></main>;
  if (query.isError) {
    const notFound = (query.error as { api?: { status: number } }).api?.status === 404;
    return (
      <main className="shared">
        <h1>{notFound ? 'Link not found' : 'This chat cannot be shown right now'}</h1>
        <p>{notFound ? 'It may have been revoked or expired.' : 'Please try again later.'}</p>
      </main>
    );
  }
  return (
    <main className="shared">
      <h1>{first?.title}</h1>
      <p className="muted">
        Shared {first ? new Date(first.sharedAt).toLocaleString() : ''} · read-only
        {first?.expiresAt ? ` · the link expires ${new Date(first.expiresAt).toLocaleString()}` : ''}
      </p>
      <div role="region" aria-label="Conversation">
        {query.data.pages.flatMap((p) => p.messages).map((m, i) => (
          <article key={i} className={`message ${m.role === 'user' ? 'user' : 'assistant'}`} aria-label={m.role === 'user' ? 'You' : 'Assistant'}>
            {m.role === 'user' ? (
              <div className="user-text">{m.content}</div>
            ) : (
              <Suspense fallback={<div className="markdown plain">{m.content}</div>}>
                <Markdown text={m.content} />
              </Suspense>
            )}
          </article>
        ))}
      </div>
      {query.hasNextPage && (
        <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          Show more
        </button>
      )}
    </main>
  );
}
