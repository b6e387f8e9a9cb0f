import { beforeEach, describe, expect, it } from 'vitest';
import type { ChatSummary } from '../../api/types';
import { clearSelection, getSelection, selectRange, setSelectMode, toggleSelected } from './selection';

const chat = (id: string): ChatSummary => ({ id, title: id, createdAt: '', updatedAt: '', messageCount: 0, pinned: false, archived: false, version: 0 });
const list = ['a', 'b', 'c', 'd', 'e'].map(chat);
const ids = () => [...getSelection().chats.keys()].sort();

describe('sidebar selection', () => {
  beforeEach(clearSelection);

  it('toggles one chat at a time and enters select mode', () => {
    toggleSelected(list[1]);
    toggleSelected(list[3]);
    expect(ids()).toEqual(['b', 'd']);
    expect(getSelection().mode).toBe(true);
    toggleSelected(list[1]);
    expect(ids()).toEqual(['d']);
  });

  it('selects the range from the anchor in either direction, keeping what was selected', () => {
    toggleSelected(list[0]);
    toggleSelected(list[3]);
    selectRange(list[1], list);
    expect(ids()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('starts with the clicked chat when there is no anchor', () => {
    selectRange(list[2], list);
    expect(ids()).toEqual(['c']);
  });

  it('leaving select mode forgets the selection', () => {
    toggleSelected(list[0]);
    setSelectMode(false);
    expect(ids()).toEqual([]);
    expect(getSelection().mode).toBe(false);
  });
});
