import { useSyncExternalStore } from 'react';

/** The user's model (the composer's picker and Settings' "Default model" are one choice), kept in this browser. */
const key = (email: string) => `z3chat.model.${email}`;
const listeners = new Set<() => void>();

export function storedModel(email: string): string {
  return localStorage.getItem(key(email)) ?? '';
}

export function setStoredModel(email: string, id: string): void {
  localStorage.setItem(key(email), id);
  listeners.forEach((l) => l());
}

export function useStoredModel(email: string): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
    () => storedModel(email),
  );
}
