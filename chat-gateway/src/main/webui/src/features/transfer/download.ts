/**
 * Downloads a file the server streams (exports): the browser writes the response to disk as it comes,
 * named by the server's Content-Disposition, so no blob of the whole thing is built in the page.
 */
export function downloadFrom(path: string): void {
  const a = document.createElement('a');
  a.href = path;
  a.download = '';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export const chatExportPath = (chatId: string, format: 'markdown' | 'json') => `/api/chat/${encodeURIComponent(chatId)}/export?format=${format}`;
