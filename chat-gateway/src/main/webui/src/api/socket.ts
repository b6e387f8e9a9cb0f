import type { ServerFrame } from './types';

export type ConnectionState = 'connecting' | 'open' | 'down';

export interface Backoff {
  /** Delay before reconnect attempt number `attempt` (0-based): exponential with jitter, capped. */
  delay(attempt: number, random?: () => number): number;
}

export const defaultBackoff: Backoff = {
  delay(attempt, random = Math.random) {
    const base = Math.min(15000, 500 * 2 ** attempt);
    return base / 2 + random() * (base / 2);
  },
};

/**
 * The socket `/ws/chat`: one per tab, reconnecting by itself with backoff. `onOpen` runs on every
 * (re)connect so the caller resumes what still streams. `usable` is false once attempts failed
 * without the socket ever opening: sends then take the SSE route.
 */
export class ChatConnection {
  state: ConnectionState = 'connecting';
  everOpened = false;
  private failures = 0;
  private ws: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly url: string,
    private readonly onFrame: (frame: ServerFrame) => void,
    private readonly onOpen: () => void,
    private readonly backoff: Backoff = defaultBackoff,
  ) {}

  start(): void {
    this.closed = false;
    this.connect();
    window.addEventListener('online', this.reconnectNow);
  }

  stop(): void {
    this.closed = true;
    window.removeEventListener('online', this.reconnectNow);
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close(1000);
  }

  /** False when no socket is open now and the SSE route should carry a send. */
  get usable(): boolean {
    return this.state === 'open';
  }

  /** True when sends should wait for the socket rather than fall back (it is reconnecting and used to work). */
  get worthWaiting(): boolean {
    return this.state === 'connecting' && this.everOpened;
  }

  send(frame: object): boolean {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(state: ConnectionState) {
    this.state = state;
    this.listeners.forEach((l) => l());
  }

  private readonly reconnectNow = () => {
    if (this.state !== 'open') {
      if (this.timer) clearTimeout(this.timer);
      this.connect();
    }
  };

  private connect(): void {
    if (this.closed) return;
    this.setState('connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.failures = 0;
      this.everOpened = true;
      this.setState('open');
      this.onOpen();
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      try {
        this.onFrame(JSON.parse(event.data) as ServerFrame);
      } catch {
        // a frame that is not JSON is the server's bug; the next resume repairs the text
      }
    };
    ws.onclose = () => {
      if (this.ws === ws) {
        this.ws = null;
        this.scheduleReconnect();
      }
    };
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.setState(this.everOpened && this.failures < 2 ? 'connecting' : 'down');
    const delay = this.backoff.delay(this.failures++);
    this.timer = setTimeout(() => this.connect(), delay);
  }
}

export function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws/chat`;
}

/** Reads a `text/event-stream` body into the section 4 frames (the SSE fallback of a send). */
export async function readEventStream(body: ReadableStream<Uint8Array>, onFrame: (frame: ServerFrame) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const data = event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) {
        try {
          onFrame(JSON.parse(data) as ServerFrame);
        } catch {
          // ignore a broken event; the saved reply is fetched when the stream ends
        }
      }
    }
  }
}
