import { describe, expect, it } from 'vitest';
import { defaultBackoff, readEventStream } from './socket';
import type { ServerFrame } from './types';

function streamOf(...parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      parts.forEach((p) => controller.enqueue(encoder.encode(p)));
      controller.close();
    },
  });
}

describe('the SSE fallback reader', () => {
  it('reads events split across chunks into frames', async () => {
    const frames: ServerFrame[] = [];
    await readEventStream(
      streamOf('event: ack\ndata: {"type":"ack","requestId":"r","messageId":"m"}\n', '\nevent: delta\ndata: {"type":"delta","generationId":"g","offset":0,"text":"h', 'i"}\n\n'),
      (f) => frames.push(f),
    );
    expect(frames.map((f) => f.type)).toEqual(['ack', 'delta']);
    expect(frames[1]).toMatchObject({ offset: 0, text: 'hi' });
  });
});

describe('reconnect backoff', () => {
  it('doubles from half a second with jitter in the upper half, capped at 15 s', () => {
    const low = () => 0;
    const high = () => 1;
    expect([0, 1, 2, 3].map((i) => defaultBackoff.delay(i, low))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((i) => defaultBackoff.delay(i, high))).toEqual([500, 1000, 2000, 4000]);
    for (let i = 5; i < 30; i++) {
      expect(defaultBackoff.delay(i, high)).toBe(15000);
      expect(defaultBackoff.delay(i, low)).toBe(7500);
    }
  });
});
