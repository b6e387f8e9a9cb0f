// Shared by the browser tests and the benchmark: Debian's Chromium through playwright-core, axe-core
// injected into the page, sign-in through the local identity provider's real login form.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const BASE = process.env.Z3CHAT_URL ?? 'http://127.0.0.1:8080';
export const MODEL_NAME = process.env.Z3CHAT_MODEL_NAME ?? '';
export const SCREENSHOTS = process.env.Z3CHAT_SCREENSHOTS ?? 'target/screenshots';

export async function launch() {
  // playwright gives every launch a fresh temporary profile (its own --user-data-dir)
  return chromium.launch({
    executablePath: process.env.Z3CHAT_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

/** A page that fails the test on any script error or CSP violation. */
export async function newPage(context) {
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) page.problems.push(`CSP: ${m.text()}`);
  });
  return page;
}

/** Signs in the way a person does: the app's Sign in link, then the identity provider's form. */
export async function signIn(page, email, path = '/') {
  await page.goto(BASE + path);
  if (path === '/') await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByPlaceholder('Enter any user/subject').fill(email);
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'New chat' }).waitFor();
}

/** Polls `fn` until it returns something truthy (a condition a person would wait for, not a timing). */
export async function until(what, fn, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  });
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The browser API from inside the signed-in page (its cookie, its origin, the CSRF header). */
export function apiFetch(page, path, init = {}) {
  return page.evaluate(async ([path, init]) => {
    const response = await fetch(path, { ...init, headers: { 'X-Requested-With': 'tests', ...(init.headers ?? {}) } });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }, [path, init]);
}

/** A z3chat export of one chat with `count` messages, imported through the app's own route. */
export async function importLongChat(page, title, count) {
  const start = Date.UTC(2026, 0, 1);
  const messages = Array.from({ length: count }, (_, i) => ({
    id: `long-${i + 1}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: i % 2 === 0 ? `Message ${i + 1}: a question about item ${i + 1}?` : `Message ${i + 1}: an answer about item ${i}, with **bold** text and \`code\`.`,
    timestamp: new Date(start + i * 60_000).toISOString(),
    status: 'complete',
  }));
  const doc = {
    format: 'z3chat.export', version: 1, exportedAt: new Date().toISOString(),
    chats: [{ id: `longchat${count}x${Date.now()}`, title, titleSource: 'user', createdAt: messages[0].timestamp, updatedAt: messages[count - 1].timestamp, pinned: false, archived: false, messageCount: count, messages }],
  };
  const result = await apiFetch(page, '/api/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
  if (result.status !== 200 || result.body.importedCount !== 1) throw new Error(`import failed: ${JSON.stringify(result)}`);
  return result.body.imported[0].chatId;
}

export async function messageCount(page) {
  return page.getByRole('region', { name: 'Conversation' }).getByRole('article').count();
}

export async function scrollConversation(page, to) {
  await page.getByRole('region', { name: 'Conversation' }).evaluate((el, to) => {
    el.scrollTop = to === 'top' ? 0 : to === 'bottom' ? el.scrollHeight : el.scrollTop + to;
  }, to);
}
