import { describe, expect, it } from 'vitest';
import type { Message } from '../../api/types';
import type { PendingRegenerate, PendingSend } from '../stream/liveStore';
import { transcriptItems } from './items';

const msg = (id: string, role: Message['role'] = 'assistant'): Message => ({ id, chatId: 'c', role, content: id, timestamp: '2026-11-01T00:00:00Z', status: 'complete' });
const path = [msg('q1', 'user'), msg('a1'), msg('q2', 'user'), msg('a2')];
const send = (id: string, change: Partial<PendingSend> = {}): PendingSend => ({
  chatId: 'c', id, content: id, model: 'm', requestId: 'r-' + id, timestamp: '2026-11-02T00:00:00Z', status: 'sending', transport: 'socket', ...change,
});
const regenerate = (change: Partial<PendingRegenerate> = {}): PendingRegenerate => ({ chatId: 'c', requestId: 'rg', replaces: 'a1', status: 'sending', ...change });
const keys = (input: Partial<Parameters<typeof transcriptItems>[0]>) =>
  transcriptItems({ chatId: 'c', messages: path, hasNextPage: false, pendings: [], regenerates: [], liveKeys: '', ...input }).map((i) => `${i.kind}:${i.key}`);

describe('the transcript\'s items', () => {
  it('are the held messages, then this tab\'s sends and live replies the pages do not hold yet', () => {
    expect(keys({ pendings: [send('q3')], liveKeys: 'a3@2026-11-02T00:00:01Z' })).toEqual(['message:q1', 'message:a1', 'message:q2', 'message:a2', 'pending:q3', 'live:a3']);
  });

  it('end at the edited message while the edit is on its way, the new version and its reply after it', () => {
    const edit = send('q1b', { editOf: 'q1' });
    expect(keys({ pendings: [edit] })).toEqual(['pending:q1b']);
    expect(keys({ pendings: [{ ...edit, status: 'saved' }], liveKeys: 'a1b@2026-11-02T00:00:01Z', hasNextPage: true })).toEqual(['pending:q1b', 'live:a1b']);
  });

  it('show the new path as held once its page has the new version', () => {
    const newPath = [msg('q1b', 'user'), msg('a1b')];
    expect(keys({ messages: newPath, pendings: [send('q1b', { editOf: 'q1', status: 'saved' })], liveKeys: 'a1b@2026-11-02T00:00:01Z' })).toEqual(['message:q1b', 'message:a1b']);
  });

  it('show the old path again when the edit failed (its Retry at the end)', () => {
    expect(keys({ pendings: [send('q2b', { editOf: 'q2', status: 'failed' })] })).toEqual(['message:q1', 'message:a1', 'message:q2', 'message:a2', 'pending:q2b']);
  });

  it('end before the regenerated reply until the new one is held, which streams in its place', () => {
    expect(keys({ regenerates: [regenerate()] })).toEqual(['message:q1']);
    expect(keys({ regenerates: [regenerate({ status: 'saved', replyId: 'a1c' })], liveKeys: 'a1c@2026-11-02T00:00:01Z' })).toEqual(['message:q1', 'live:a1c']);
    const newPath = [msg('q1', 'user'), msg('a1c')];
    expect(keys({ messages: newPath, regenerates: [regenerate({ status: 'saved', replyId: 'a1c' })] })).toEqual(['message:q1', 'message:a1c']);
  });

  it('ignore another chat\'s edits and regenerates', () => {
    expect(keys({ pendings: [send('x', { chatId: 'other', editOf: 'q1' })], regenerates: [regenerate({ chatId: 'other' })] })).toEqual(['message:q1', 'message:a1', 'message:q2', 'message:a2']);
  });
});
