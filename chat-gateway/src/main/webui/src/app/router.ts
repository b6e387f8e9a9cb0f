import { useSyncExternalStore } from 'react';

/** A small router over the History API: the app has four routes (SPEC 6). */
export type Route =
  | { name: 'home' }
  | { name: 'chat'; chatId: string; messageId?: string }
  | { name: 'archived' }
  | { name: 'share'; shareId: string }
  | { name: 'notFound' };

const ID = '[A-Za-z0-9_-]{1,64}';

export function parseRoute(pathname: string, search: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'home' };
  if (pathname === '/archived') return { name: 'archived' };
  let m = new RegExp(`^/chat/(${ID})/?$`).exec(pathname);
  if (m) {
    const messageId = new URLSearchParams(search).get('m') ?? undefined;
    return { name: 'chat', chatId: m[1], messageId };
  }
  m = new RegExp(`^/share/(${ID})/?$`).exec(pathname);
  if (m) return { name: 'share', shareId: m[1] };
  return { name: 'notFound' };
}

const listeners = new Set<() => void>();
let href = location.pathname + location.search;
window.addEventListener('popstate', () => {
  href = location.pathname + location.search;
  listeners.forEach((l) => l());
});

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  href = location.pathname + location.search;
  listeners.forEach((l) => l());
}

export function useRoute(): Route {
  const current = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
    () => href,
  );
  const url = new URL(current, location.origin);
  return parseRoute(url.pathname, url.search);
}

/** A plain link that navigates in the app (modifier clicks still open a new tab). */
export function onLinkClick(event: React.MouseEvent<HTMLAnchorElement>, to: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(to);
}
