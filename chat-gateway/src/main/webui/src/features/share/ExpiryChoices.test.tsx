import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { EXPIRY_CHOICES, expiresAt } from './expiry';
import { ExpiryChoices } from './ExpiryChoices';

describe('share link expiry', () => {
  afterEach(cleanup);
  it('offers never, 1 day, 7 days and 30 days as one radio group, the current one checked', () => {
    render(<ExpiryChoices value="7d" onChange={() => undefined} />);
    const group = screen.getByRole('radiogroup', { name: 'Expires' });
    const radios = screen.getAllByRole('radio');
    expect(group.contains(radios[0])).toBe(true);
    expect(radios.map((r) => r.closest('label')?.textContent)).toEqual(['Never', '1 day', '7 days', '30 days']);
    expect((screen.getByRole('radio', { name: '7 days' }) as HTMLInputElement).checked).toBe(true);
  });

  it('reports the choice made', () => {
    const onChange = vi.fn();
    render(<ExpiryChoices value="never" onChange={onChange} />);
    fireEvent.click(screen.getByRole('radio', { name: '30 days' }));
    expect(onChange).toHaveBeenCalledWith('30d');
  });

  it('turns a choice into the instant the link stops working, and never into no expiry at all', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(expiresAt('never', now)).toBeUndefined();
    expect(expiresAt('1d', now)).toBe('2026-12-02T10:00:00.000Z');
    expect(expiresAt('7d', now)).toBe('2026-12-08T10:00:00.000Z');
    expect(expiresAt('30d', now)).toBe('2026-12-31T10:00:00.000Z');
    expect(EXPIRY_CHOICES.map((c) => c.id)).toEqual(['never', '1d', '7d', '30d']);
  });
});
