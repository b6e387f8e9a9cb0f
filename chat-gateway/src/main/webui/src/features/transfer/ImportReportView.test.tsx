import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ImportReportView } from './ImportReportView';

const report = {
  format: 'chatgpt',
  importedCount: 2,
  skippedCount: 2,
  imported: [
    { title: 'Bakery plans', chatId: 'chatAAAA1111', messageCount: 12 },
    { title: '<img src=x onerror=alert(1)>', chatId: 'chatBBBB2222', messageCount: 1 },
  ],
  skipped: [
    { title: 'Empty one', reason: 'no text to import' },
    { title: '', reason: 'imported before' },
  ],
};

describe('the import report', () => {
  afterEach(cleanup);
  it('says what was imported from which format, each with its message count and a link to open it', () => {
    render(<ImportReportView fileName="conversations.json" report={report} onOpen={() => undefined} />);
    expect(screen.getByText(/conversations\.json \(ChatGPT export\): imported 2 conversations, skipped 2\./)).toBeTruthy();
    const imported = within(screen.getByRole('region', { name: 'Imported' }));
    expect(imported.getByRole('link', { name: 'Bakery plans' }).getAttribute('href')).toBe('/chat/chatAAAA1111');
    expect(imported.getByText('12 messages')).toBeTruthy();
    expect(imported.getByText('1 message')).toBeTruthy();
  });

  it('lists each skipped conversation with the server reason, an untitled one too', () => {
    render(<ImportReportView fileName="c.json" report={report} onOpen={() => undefined} />);
    const skipped = within(screen.getByRole('region', { name: 'Skipped' }));
    const items = skipped.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Empty one: no text to import', 'Untitled: imported before']);
  });

  it('shows a hostile title as text', () => {
    const { container } = render(<ImportReportView fileName="c.json" report={report} onOpen={() => undefined} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('link', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
  });

  it('leaves out a section with nothing in it and names a format it does not know as the server does', () => {
    render(<ImportReportView fileName="x.json" report={{ ...report, format: 'newformat', skipped: [], skippedCount: 0 }} onOpen={() => undefined} />);
    expect(screen.queryByRole('region', { name: 'Skipped' })).toBeNull();
    expect(screen.getByText(/\(newformat\)/)).toBeTruthy();
  });

  it('closes itself when a chat is opened from it', () => {
    const onOpen = vi.fn();
    render(<ImportReportView fileName="c.json" report={report} onOpen={onOpen} />);
    fireEvent.click(screen.getByRole('link', { name: 'Bakery plans' }));
    expect(onOpen).toHaveBeenCalledOnce();
    expect(location.pathname).toBe('/chat/chatAAAA1111');
  });
});
