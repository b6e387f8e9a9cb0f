/** What the browser API (SPEC 3) and the socket (SPEC 4) carry, as the gateway sends it. */
export interface ChatSummary {
  id: string;
  title: string;
  lastMessage?: string;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
  model?: string;
  pinned: boolean;
  archived: boolean;
  version: number;
  /** Counts switches of the selected path (issue 11): another tab or device sees its path moved. */
  selectionVersion?: number;
}

export interface ChatList {
  chats: ChatSummary[];
  total: number;
  limit: number;
  offset: number;
}

export type MessageStatus = 'complete' | 'streaming' | 'interrupted' | 'cancelled' | 'error';

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  cost?: number;
}

export interface Timing {
  ttftMs?: number;
  durationMs?: number;
  tokensPerSecond?: number;
}

export interface Message {
  id: string;
  chatId: string;
  role: 'user' | 'assistant' | 'system';
  content: string;
  timestamp: string;
  status: MessageStatus;
  model?: string;
  generationId?: string;
  usage?: Usage;
  timing?: Timing;
  error?: { code: string; message: string };
  /** On a message with siblings (issue 11): which version it is (1-based), how many there are, its neighbours. */
  version?: number;
  versions?: number;
  previousVersionId?: string;
  nextVersionId?: string;
}

export interface MessagePage {
  chatId: string;
  title: string;
  chat?: ChatSummary;
  messages: Message[];
  hasMore: boolean;
  nextCursor?: string;
  hasNewer: boolean;
  newerCursor?: string;
}

export interface Model {
  id: string;
  name?: string;
  offline?: boolean;
}

export interface ApiError {
  status: number;
  code: string;
  message: string;
  retryAfter?: number;
}

export type ServerFrame =
  | { type: 'ack'; requestId: string; messageId: string }
  | { type: 'start'; generationId: string; chatId?: string; messageId: string; model?: string }
  | { type: 'started'; chatId: string; generationId: string; messageId: string; model?: string }
  | { type: 'delta'; generationId: string; offset: number; text: string }
  | {
      type: 'done';
      generationId: string;
      messageId: string;
      status: MessageStatus;
      usage?: Usage;
      timing?: Timing;
      error?: { code: string; message: string };
    }
  | {
      type: 'error';
      requestId?: string;
      generationId?: string;
      code: string;
      message: string;
      retryable: boolean;
      retryAfter?: number;
    }
  | { type: 'chat'; chat: ChatSummary };

export interface SendFrame {
  type: 'send';
  requestId: string;
  chatId: string;
  message: { id: string; content: string };
  model: string;
  /** The user message this one is a new version of (an edit). */
  editOf?: string;
}

export interface RegenerateFrame {
  type: 'regenerate';
  requestId: string;
  chatId: string;
  /** The reply to make a new version of. */
  messageId: string;
  model?: string;
}
