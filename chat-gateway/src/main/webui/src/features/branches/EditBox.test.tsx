import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { EditBox } from './EditBox';

const box = () => screen.getByRole('textbox', { name: 'Edit message' }) as HTMLTextAreaElement;
const save = () => screen.getByRole('button', { name: 'Save & send' }) as HTMLButtonElement;

function open(props: Partial<Parameters<typeof EditBox>[0]> = {}) {
  const onSave = vi.fn();
  const onCancel = vi.fn();
  render(<EditBox initial="What is a monad?" onSave={onSave} onCancel={onCancel} {...props} />);
  return { onSave, onCancel };
}

describe('editing a message', () => {
  afterEach(cleanup);

  it('opens with the message text in a labelled textbox that has the focus, caret at the end', () => {
    open();
    expect(box().value).toBe('What is a monad?');
    expect(document.activeElement).toBe(box());
    expect(box().selectionStart).toBe('What is a monad?'.length);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(save().disabled).toBe(false);
  });

  it('Save & send sends the edited text, trimmed', () => {
    const { onSave, onCancel } = open();
    fireEvent.change(box(), { target: { value: '  What is a functor?  ' } });
    fireEvent.click(save());
    expect(onSave).toHaveBeenCalledWith('What is a functor?');
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('Enter saves like the composer, Ctrl+Enter too, Shift+Enter does not', () => {
    const { onSave } = open();
    fireEvent.keyDown(box(), { key: 'Enter', shiftKey: true });
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.keyDown(box(), { key: 'Enter' });
    fireEvent.keyDown(box(), { key: 'Enter', ctrlKey: true, shiftKey: true });
    expect(onSave.mock.calls).toEqual([['What is a monad?'], ['What is a monad?']]);
  });

  it('Escape cancels, from the textbox or from its buttons, and sends nothing', () => {
    const { onSave, onCancel } = open();
    fireEvent.change(box(), { target: { value: 'changed my mind' } });
    fireEvent.keyDown(box(), { key: 'Escape' });
    fireEvent.keyDown(save(), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(2);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('Cancel cancels', () => {
    const { onSave, onCancel } = open();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('sends no empty message', () => {
    const { onSave } = open();
    fireEvent.change(box(), { target: { value: '   ' } });
    expect(save().disabled).toBe(true);
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(onSave).not.toHaveBeenCalled();
  });

  it('says why it cannot send now and sends nothing then', () => {
    const { onSave } = open({ disabledReason: 'A reply is streaming in this chat: stop it or let it finish first.' });
    expect(screen.getByText('A reply is streaming in this chat: stop it or let it finish first.')).toBeTruthy();
    expect(save().disabled).toBe(true);
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(onSave).not.toHaveBeenCalled();
  });
});
