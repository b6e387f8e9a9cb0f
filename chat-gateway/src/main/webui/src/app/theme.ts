import { useSyncExternalStore } from 'react';

/** Light, dark or the system's choice, kept in this browser; applied as data-theme on <html>. */
export type Theme = 'light' | 'dark' | 'system';
const KEY = 'z3chat.theme';
const listeners = new Set<() => void>();
const media = window.matchMedia?.('(prefers-color-scheme: dark)');

export function storedTheme(): Theme {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function applyTheme(theme: Theme = storedTheme()): void {
  const dark = theme === 'dark' || (theme === 'system' && !!media?.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export function setTheme(theme: Theme): void {
  localStorage.setItem(KEY, theme);
  applyTheme(theme);
  listeners.forEach((l) => l());
}

media?.addEventListener?.('change', () => applyTheme());

export function useTheme(): Theme {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
    storedTheme,
  );
}
