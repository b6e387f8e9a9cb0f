import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { VersionSwitcher } from './VersionSwitcher';

const previous = () => screen.getByRole('button', { name: 'Previous version' }) as HTMLButtonElement;
const next = () => screen.getByRole('button', { name: 'Next version' }) as HTMLButtonElement;

describe('the version switcher', () => {
  afterEach(cleanup);

  it('names its buttons and says which version of how many is shown', () => {
    render(<VersionSwitcher version={2} versions={3} onSwitch={() => undefined} />);
    expect(screen.getByRole('group', { name: 'Versions' })).toBeTruthy();
    expect(screen.getByText('2 / 3')).toBeTruthy();
    expect(previous().disabled).toBe(false);
    expect(next().disabled).toBe(false);
  });

  it('disables Previous on the first version and Next on the last', () => {
    const { rerender } = render(<VersionSwitcher version={1} versions={2} onSwitch={() => undefined} />);
    expect(screen.getByText('1 / 2')).toBeTruthy();
    expect(previous().disabled).toBe(true);
    expect(next().disabled).toBe(false);
    rerender(<VersionSwitcher version={2} versions={2} onSwitch={() => undefined} />);
    expect(previous().disabled).toBe(false);
    expect(next().disabled).toBe(true);
  });

  it('reports the direction pressed, by click or by keyboard (a native button: Enter and Space click it)', () => {
    const onSwitch = vi.fn();
    render(<VersionSwitcher version={2} versions={3} onSwitch={onSwitch} />);
    fireEvent.click(previous());
    fireEvent.click(next());
    expect(onSwitch.mock.calls).toEqual([['previous'], ['next']]);
    expect(previous().tagName).toBe('BUTTON');
    expect(previous().type).toBe('button');
  });

  it('switches nothing while a switch is on its way, and keeps its buttons (and the focus on them)', () => {
    const onSwitch = vi.fn();
    render(<VersionSwitcher version={2} versions={3} onSwitch={onSwitch} busy />);
    expect(screen.getByRole('group', { name: 'Versions' }).getAttribute('aria-busy')).toBe('true');
    expect(previous().disabled).toBe(false);
    previous().focus();
    fireEvent.click(previous());
    fireEvent.click(next());
    expect(onSwitch).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(previous());
  });

  it('takes the focus back when re-mounted by a switch: on the button pressed, or the other one at an end', () => {
    const onFocused = vi.fn();
    const { unmount } = render(<VersionSwitcher version={2} versions={3} onSwitch={() => undefined} focus="next" onFocused={onFocused} />);
    expect(document.activeElement).toBe(next());
    expect(onFocused).toHaveBeenCalledTimes(1);
    unmount();
    render(<VersionSwitcher version={1} versions={3} onSwitch={() => undefined} focus="previous" />);
    expect(document.activeElement).toBe(next());
  });

  it('leaves the focus alone when not asked to take it', () => {
    const outside = document.createElement('button');
    document.body.appendChild(outside);
    outside.focus();
    render(<VersionSwitcher version={2} versions={3} onSwitch={() => undefined} />);
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });
});
