import { createContext, useContext } from 'react';
import { api } from '../../api/http';
import type { Message, MessagePage, Model } from '../../api/types';
import { PAGE_SIZE } from '../transcript/messagesQuery';
import type { Direction } from './VersionSwitcher';

/** What the transcript's messages can do to the chat's tree (issue 11), given by the transcript. */
export interface BranchActions {
  /** The models a reply can be regenerated with. */
  models: Model[];
  /** Why an edit or a regenerate cannot start now (a reply streams, no model), or null. */
  blockedReason: string | null;
  /** A version switch on its way: every switcher waits. */
  switching: boolean;
  /** The switcher that was pressed, re-mounted on the version now shown: it takes the focus back. */
  focusAfterSwitch: { messageId: string; direction: Direction } | null;
  /** That switcher has the focus: no later re-mount takes it again. */
  focusTaken(): void;
  edit(message: Message, content: string): void;
  regenerate(message: Message, model: string): void;
  switchVersion(message: Message, direction: Direction): void;
}

export const BranchContext = createContext<BranchActions | null>(null);

export function useBranchActions(): BranchActions | null {
  return useContext(BranchContext);
}

/** `PUT /api/chat/{id}/selection`: selects the version and answers the page around it on the new path. */
export function selectVersion(chatId: string, messageId: string, selectionVersion: number | undefined) {
  const body: { messageId: string; selectionVersion?: number } = { messageId };
  if (selectionVersion !== undefined) body.selectionVersion = selectionVersion;
  return api<MessagePage>(`/api/chat/${encodeURIComponent(chatId)}/selection?limit=${PAGE_SIZE}`, { method: 'PUT', json: body });
}
