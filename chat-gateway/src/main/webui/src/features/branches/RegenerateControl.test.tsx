import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { RegenerateControl } from './RegenerateControl';

const models = [{ id: 'model-a', name: 'Model A' }, { id: 'model-b', name: 'Model B' }];
const opener = () => screen.getByRole('button', { name: 'Regenerate' }) as HTMLButtonElement;
const picker = () => screen.getByRole('combobox', { name: 'Model for the new reply' }) as HTMLSelectElement;

describe('regenerating a reply', () => {
  afterEach(cleanup);

  it('opens a model choice, the reply\'s own model chosen and focused, and regenerates with it', () => {
    const onRegenerate = vi.fn();
    render(<RegenerateControl replyModel="model-b" models={models} onRegenerate={onRegenerate} />);
    expect(opener().getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(opener());
    expect(opener().getAttribute('aria-expanded')).toBe('true');
    expect(picker().value).toBe('model-b');
    expect(document.activeElement).toBe(picker());
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate reply' }));
    expect(onRegenerate).toHaveBeenCalledWith('model-b');
    expect(screen.queryByRole('combobox', { name: 'Model for the new reply' })).toBeNull();
  });

  it('regenerates with another model when one is chosen', () => {
    const onRegenerate = vi.fn();
    render(<RegenerateControl replyModel="model-a" models={models} onRegenerate={onRegenerate} />);
    fireEvent.click(opener());
    fireEvent.change(picker(), { target: { value: 'model-b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate reply' }));
    expect(onRegenerate).toHaveBeenCalledWith('model-b');
  });

  it('offers the first model when the reply\'s is no longer listed', () => {
    render(<RegenerateControl replyModel="gone" models={models} onRegenerate={() => undefined} />);
    fireEvent.click(opener());
    expect(picker().value).toBe('model-a');
  });

  it('closes on Escape, regenerating nothing, the focus back on Regenerate', () => {
    const onRegenerate = vi.fn();
    render(<RegenerateControl replyModel="model-a" models={models} onRegenerate={onRegenerate} />);
    fireEvent.click(opener());
    fireEvent.keyDown(picker(), { key: 'Escape' });
    expect(screen.queryByRole('button', { name: 'Regenerate reply' })).toBeNull();
    expect(document.activeElement).toBe(opener());
    expect(onRegenerate).not.toHaveBeenCalled();
  });

  it('cannot be used while it is disabled (a reply streams)', () => {
    render(<RegenerateControl replyModel="model-a" models={models} onRegenerate={() => undefined} disabled />);
    expect(opener().disabled).toBe(true);
  });
});
