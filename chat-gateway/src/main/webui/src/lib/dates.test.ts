import { describe, expect, it } from 'vitest';
import { groupLabel } from './dates';

const now = new Date(2026, 10, 20, 15, 0);
const ago = (days: number, hour = 12) => new Date(2026, 10, 20 - days, hour).toISOString();

describe('date groups', () => {
  it('puts pinned chats in Pinned whatever their age', () => {
    expect(groupLabel(ago(400), true, now)).toBe('Pinned');
  });
  it('groups by last activity', () => {
    expect(groupLabel(ago(0, 1), false, now)).toBe('Today');
    expect(groupLabel(ago(1, 23), false, now)).toBe('Yesterday');
    expect(groupLabel(ago(5), false, now)).toBe('Previous 7 days');
    expect(groupLabel(ago(20), false, now)).toBe('Previous 30 days');
    expect(groupLabel(new Date(2026, 5, 3).toISOString(), false, now)).toBe('June 2026');
  });
});
