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
  it('grows and is capped', () => {
    for (let i = 0; i < 20; i++) {
      expect(defaultBackoff.delay(i)).toBeLessThanOrEqual(15000);
    }
    expect(defaultBackoff.delay(0)).toBeLessThanOrEqual(500);
    expect(defaultBackoff.delay(5)).toBeGreaterThanOrEqual(8000);
  });
});
