import { onLinkClick } from '../../app/router';
import type { ImportReport } from './importUpload';

const FORMATS: Record<string, string> = {
  z3chat: 'z3chat export',
  chatgpt: 'ChatGPT export',
  claude: 'Claude export',
  librechat: 'LibreChat export',
  openwebui: 'Open WebUI export',
  chatbotui: 'Chatbot UI export',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What an import did: each conversation imported (a link to it) or skipped, with the server's reason. */
export function ImportReportView({ fileName, report, onOpen }: { fileName: string; report: ImportReport; onOpen: () => void }) {
  const format = FORMATS[report.format?.toLowerCase?.() ?? ''] ?? report.format;
  return (
    <div className="import-report">
      <p className="import-summary">
        {fileName} ({format}): imported {plural(report.importedCount, 'conversation', 'conversations')}, skipped {report.skippedCount}.
      </p>
      {report.imported.length > 0 && (
        <section aria-labelledby="import-imported">
          <h3 id="import-imported">Imported</h3>
          <ul className="import-list">
            {report.imported.map((chat) => (
              <li key={chat.chatId}>
                <a
                  href={`/chat/${chat.chatId}`}
                  onClick={(e) => {
                    onLinkClick(e, `/chat/${chat.chatId}`);
                    if (!e.defaultPrevented) return;
                    onOpen();
                  }}
                >
                  {chat.title}
                </a>{' '}
                <span className="muted">{plural(chat.messageCount, 'message', 'messages')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.skipped.length > 0 && (
        <section aria-labelledby="import-skipped">
          <h3 id="import-skipped">Skipped</h3>
          <ul className="import-list">
            {report.skipped.map((chat, i) => (
              <li key={i}>
                <span>{chat.title || 'Untitled'}</span>: <span className="muted">{chat.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
