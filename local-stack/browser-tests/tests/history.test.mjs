// History tools in a real browser against the real local stack (started by BrowserIT): search, import,
// export, share, bulk actions, the archived view, Settings. Elements are found by role and accessible
// name (SPEC 6's table), nothing else.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BASE, until, apiFetch, axe, launch, newPage, screenshot, signIn } from './support.mjs';

const EMAIL = `grace-${Date.now()}@example.com`;
// the real third-party exports, as the persistence service's tests hold them (sources in their README)
const FIXTURES = resolve(process.env.Z3CHAT_IMPORT_FIXTURES ?? '../../persistence-service/src/test/resources/imports');
// file, conversations imported, skipped (the facts persistence-service's ImportTest holds)
const EXPORTS = [
  ['chatbotui-librechat-export.json', 2, 0],
  ['chatgpt-librechat-citations.json', 1, 0],
  ['chatgpt-librechat-export.json', 2, 0],
  ['chatgpt-librechat-modern-export.json', 2, 1],
  ['chatgpt-librechat-tree.json', 1, 0],
  ['chatgpt-owuiimporter-gpt-example.json', 1, 0],
  ['claude-chatlore-conversations.json', 2, 1],
  ['claude-osteele-claude-bakery-chat.json', 1, 0],
  ['claude-osteele-conversations.json', 2, 0],
  ['claude-owuiimporter-claude-example.json', 1, 84],
  ['claude-owuiimporter-claude-thinking-example.json', 1, 0],
  ['librechat-librechat-export.json', 1, 0],
  ['librechat-librechat-linear.json', 1, 0],
  ['librechat-librechat-opts-nonr-branches.json', 1, 0],
  ['librechat-librechat-tree.json', 1, 0],
  ['openwebui-chatanalyzer-sample-chats.json', 5, 0],
  ['openwebui-librechat-export.json', 3, 0],
  ['openwebui-owuiimporter-webui-json.json', 1, 0],
];

let browser;
let context;
let page;

const sidebar = () => page.getByRole('navigation', { name: 'Chats' });
const history = () => sidebar().getByRole('list', { name: 'Chat history' });
const conversation = (p = page) => p.getByRole('region', { name: 'Conversation' });
const dialog = (name, p = page) => p.getByRole('dialog', { name });

function assertNoProblems(p = page) {
  assert.deepEqual(p.problems, [], 'no script errors or CSP violations');
}

/** axe in the light and the dark theme (the default theme follows the system's, here the emulated one). */
async function axeBothThemes(p, what) {
  assert.deepEqual(await axe(p), [], `axe: ${what}, light`);
  await p.emulateMedia({ colorScheme: 'dark' });
  await until('the dark theme', () => p.evaluate(() => document.documentElement.dataset.theme === 'dark'));
  assert.deepEqual(await axe(p), [], `axe: ${what}, dark`);
  await screenshot(p, `h-${what.replace(/\W+/g, '-')}-dark`);
  await p.emulateMedia({ colorScheme: 'light' });
  await until('the light theme', () => p.evaluate(() => document.documentElement.dataset.theme === 'light'));
}

/** A z3chat export of chats made of the given messages (texts), timestamps `minutesAgo` back from now. */
function z3chatExport(chats) {
  const now = Date.now();
  return {
    format: 'z3chat.export', version: 1, exportedAt: new Date().toISOString(),
    chats: chats.map(({ id, title, texts, minutesAgo = 0, archived = false }) => {
      const start = now - minutesAgo * 60_000 - texts.length * 1000;
      const messages = texts.map((content, i) => ({
        id: `${id}-m${i + 1}`, role: i % 2 === 0 ? 'user' : 'assistant', content,
        timestamp: new Date(start + i * 1000).toISOString(), status: 'complete',
      }));
      return { id, title, titleSource: 'user', createdAt: messages[0].timestamp, updatedAt: messages[messages.length - 1].timestamp,
        pinned: false, archived, messageCount: messages.length, messages };
    }),
  };
}

async function importThroughApi(doc) {
  const result = await apiFetch(page, '/api/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
  assert.equal(result.status, 200, JSON.stringify(result));
  return result.body;
}

/** Picks a file with the app's Import button (the file chooser a person sees). */
async function importFile(files) {
  const chooser = page.waitForEvent('filechooser');
  await sidebar().getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles(files);
  await dialog('Import').waitFor();
}

async function chatActionsFor(title) {
  const entry = sidebar().getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) }).last();
  await entry.hover();
  await entry.getByRole('button', { name: 'Chat actions' }).click();
}

async function download(action) {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** A test that, failing, leaves a screenshot of where it stood and a fresh page for the next one. */
function step(name, fn) {
  it(name, async () => {
    try {
      await fn();
    } catch (e) {
      await screenshot(page, `h-fail-${name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
      await page.goto(BASE + '/').catch(() => undefined);
      throw e;
    }
  });
}

describe('history tools', () => {
  before(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    page = await newPage(context);
    await signIn(page, EMAIL);
  });

  after(async () => {
    await browser?.close();
  });

  step('imports every real export through the file picker, with its report and its chats in the sidebar at once', async () => {
    for (const [file, imported, skipped] of EXPORTS) {
      await importFile(join(FIXTURES, file));
      const report = dialog('Import');
      const summary = report.getByText(/: imported \d+ conversations?, skipped \d+\./);
      await summary.waitFor({ timeout: 30000 });
      // a conversation that an earlier file held too is skipped as imported before: the sum is the file's
      const [, got, gotSkipped] = (await summary.textContent()).match(/imported (\d+) conversations?, skipped (\d+)/).map(Number);
      assert.equal(got + gotSkipped, imported + skipped, `${file}: every conversation reported`);
      assert.ok(got > 0 || file.startsWith('claude-owui'), `${file}: imported something`);
      const links = report.getByRole('region', { name: 'Imported' }).getByRole('link');
      assert.equal(await links.count(), got, `${file}: one link per imported conversation`);
      if (gotSkipped > 0) assert.equal(await report.getByRole('region', { name: 'Skipped' }).getByRole('listitem').count(), gotSkipped, file);
      if (file === 'chatgpt-librechat-modern-export.json') {
        await screenshot(page, 'h-01-import-report');
        await axeBothThemes(page, 'import report');
      }
      if (file === 'claude-owuiimporter-claude-example.json') await screenshot(page, 'h-02-import-report-long');
      // the sidebar has them at once (no reload): the filter finds the first one's title
      const title = got > 0 ? await links.first().textContent() : null;
      await report.getByRole('button', { name: 'Done' }).click();
      if (title) {
        await page.getByRole('searchbox', { name: 'Filter chats' }).fill(title);
        await history().getByRole('link', { name: title, exact: true }).first().waitFor();
        await page.getByRole('searchbox', { name: 'Filter chats' }).fill('');
      }
    }
    // the same file again: each conversation skipped, imported before
    await importFile(join(FIXTURES, 'claude-osteele-conversations.json'));
    await dialog('Import').getByText(/imported 0 conversations, skipped 2\./).waitFor();
    assert.equal(await dialog('Import').getByRole('region', { name: 'Skipped' }).getByText(/imported before/).count(), 2);
    await page.keyboard.press('Escape');
    await dialog('Import').waitFor({ state: 'detached' });
    // a link in the report opens the chat
    await importFile({ name: 'one.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(z3chatExport([{ id: `open${Date.now()}`, title: 'Opened from the report', texts: ['hello report', 'hi'] }]))) });
    await dialog('Import').getByRole('link', { name: 'Opened from the report' }).click();
    await page.getByRole('heading', { name: 'Opened from the report' }).waitFor();
    assert.equal(await dialog('Import').count(), 0);
    assertNoProblems();
  });

  step('imports a file dropped anywhere on the app', async () => {
    const doc = JSON.stringify(z3chatExport([{ id: `drop${Date.now()}`, title: 'Dropped in', texts: ['dropped question', 'dropped answer'] }]));
    const files = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      return transfer;
    }, doc);
    await page.getByRole('region', { name: 'Conversation' }).dispatchEvent('dragenter', { dataTransfer: files });
    await page.getByText('Drop the file to import it').waitFor();
    await screenshot(page, 'h-03a-drop-zone');
    await page.getByRole('region', { name: 'Conversation' }).dispatchEvent('drop', { dataTransfer: files });
    await dialog('Import').getByRole('link', { name: 'Dropped in' }).waitFor();
    assert.equal(await page.getByText('Drop the file to import it').count(), 0);
    await dialog('Import').getByRole('button', { name: 'Done' }).click();
    await history().getByRole('link', { name: 'Dropped in', exact: true }).waitFor();
    assertNoProblems();
  });

  step('shows the upload progress of a slow upload, and a cancelled upload imports nothing', async () => {
    const big = (title, id) => JSON.stringify(z3chatExport([{ id, title, texts: Array.from({ length: 1500 }, (_, i) => `Line ${i + 1} ${'of a long upload '.repeat(60)}`) }]));
    const cdp = await context.newCDPSession(page);
    const throttle = (bytesPerSecond) => cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
    try {
      await throttle(400 * 1024);
      await importFile({ name: 'slow.json', mimeType: 'application/json', buffer: Buffer.from(big('Slow upload', `slow${Date.now()}`)) });
      const progress = dialog('Import').getByRole('progressbar', { name: /Uploading slow\.json/ });
      await progress.waitFor();
      await until('part of it sent', () => progress.evaluate((p) => p.value > 0 && p.value < p.max));
      await screenshot(page, 'h-03b-import-progress');
      assert.deepEqual(await axe(page), [], 'axe: import progress');
      await throttle(-1);
      await dialog('Import').getByText(/slow\.json \(z3chat export\): imported 1 conversation, skipped 0\./).waitFor({ timeout: 60000 });
      await dialog('Import').getByRole('button', { name: 'Done' }).click();

      // Chromium's upload throttling delays the answer, not the body: the whole file can reach the server at once
      // and be imported while the page still shows it uploading, so a cancel would race the import (seen once: the
      // "cancelled" chat appeared a second later). Holding the request in the browser makes the cancel come first.
      await throttle(-1);
      const held = [];
      await page.route('**/api/import', (route) => held.push(route));
      await importFile({ name: 'cancelled.json', mimeType: 'application/json', buffer: Buffer.from(big('Cancelled upload', `cancel${Date.now()}`)) });
      await dialog('Import').getByRole('progressbar').waitFor();
      await until('the upload is held in the browser', () => held.length === 1);
      await dialog('Import').getByRole('button', { name: 'Cancel import' }).click();
      await dialog('Import').getByText(/Choose a file with Import/).waitFor();
      await page.keyboard.press('Escape');
      await page.unroute('**/api/import');
      await Promise.all(held.map((route) => route.abort().catch(() => {})));
    } finally {
      await throttle(-1);
      await cdp.detach();
    }
    const list = await apiFetch(page, '/api/chat?limit=5&q=upload');
    assert.deepEqual(list.body.chats.map((c) => c.title), ['Slow upload'], 'the cancelled upload stored nothing');
    assertNoProblems();
  });

  step('shows the server reason for a malformed and for a too large file, and imports nothing', async () => {
    const before = (await apiFetch(page, '/api/chat?limit=1')).body.total;
    await importFile({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"z3chat.export","version":1,"chats":[{"id":"x1234567","title":') });
    const alert = dialog('Import').getByRole('alert');
    await alert.waitFor();
    const reason = await alert.textContent();
    assert.match(reason, /broken\.json was not imported: .*line \d+/i, reason);
    await screenshot(page, 'h-03-import-malformed');
    await dialog('Import').getByRole('button', { name: 'Done' }).click();

    await importFile({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
    await dialog('Import').getByRole('alert').waitFor();
    assert.match(await dialog('Import').getByRole('alert').textContent(), /notes\.json was not imported: not a chat export this app knows/);
    await dialog('Import').getByRole('button', { name: 'Done' }).click();

    // over the gateway's 50 MiB import limit
    const big = join(mkdtempSync(join(tmpdir(), 'z3chat-import-')), 'huge.json');
    const fd = openSync(big, 'w');
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < 51; i++) writeSync(fd, chunk);
    closeSync(fd);
    await importFile(big);
    await dialog('Import').getByRole('alert').waitFor({ timeout: 60000 });
    const tooLarge = await dialog('Import').getByRole('alert').textContent();
    assert.match(tooLarge, /huge\.json was not imported: .*larger than/i, tooLarge);
    await screenshot(page, 'h-04-import-too-large');
    await dialog('Import').getByRole('button', { name: 'Done' }).click();
    assert.equal((await apiFetch(page, '/api/chat?limit=1')).body.total, before, 'nothing imported');
    assertNoProblems();
  });

  step('finds a word only 3,000 messages back by keyboard and opens the chat centred on it, highlighted', async () => {
    const word = `quokkaberry${Date.now().toString(36)}`;
    const texts = Array.from({ length: 3000 }, (_, i) => (i === 6 ? `Message 7 says ${word} once, deep down.` : `Message ${i + 1}: nothing to find here, item ${i + 1}.`));
    const chatId = (await importThroughApi(z3chatExport([{ id: `deep${Date.now()}`, title: 'A very long chat', texts }]))).imported[0].chatId;
    await page.goto(BASE + '/');
    await page.getByRole('textbox', { name: 'Message' }).click();
    await page.keyboard.press('Control+k');
    const search = dialog('Search');
    await search.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Search messages', 'the search box has the focus');
    await page.keyboard.type(word);
    const hit = search.getByRole('listbox', { name: 'Results' }).getByRole('option');
    await hit.first().waitFor();
    assert.equal(await hit.count(), 1);
    assert.match(await hit.first().textContent(), new RegExp(`A very long chat.*${word}`));
    assert.equal(await hit.first().getAttribute('aria-selected'), 'true');
    await screenshot(page, 'h-05-search');
    await axeBothThemes(page, 'search dialog');
    await page.keyboard.press('Enter');
    await until('the hit opened', () => new RegExp(`/chat/${chatId}\\?m=[A-Za-z0-9_-]+$`).test(page.url()));
    assert.equal(await search.count(), 0, 'the dialog closed');
    const target = conversation().getByRole('article').filter({ hasText: word });
    await target.waitFor();
    await until('the message centred', async () => {
      const [box, view] = await Promise.all([target.boundingBox(), conversation().boundingBox()]);
      return box && view && Math.abs(box.y + box.height / 2 - (view.y + view.height / 2)) < view.height / 4;
    });
    assert.match((await target.getAttribute('class')) ?? '', /highlighted/);
    await screenshot(page, 'h-06-search-opened');
    assertNoProblems();
  });

  step('searches phrases, dates and this chat only, with its empty and no-hit states, by the Search button', async () => {
    const id = `phr${Date.now()}`;
    await importThroughApi(z3chatExport([
      { id: `${id}a`, title: 'Phrase chat one', texts: ['the amber lantern glows', 'ok'] },
      { id: `${id}b`, title: 'Phrase chat two', texts: ['lantern amber, the other way', 'ok'] },
    ]));
    await page.goto(BASE + '/');
    await sidebar().getByRole('button', { name: 'Search', exact: true }).click();
    const search = dialog('Search');
    await search.getByText(/Type words to find/).waitFor();
    const box = search.getByRole('searchbox', { name: 'Search messages' });
    const options = search.getByRole('option');
    await box.fill('amber lantern');
    await until('both chats', async () => (await options.count()) === 2);
    await box.fill('"amber lantern"');
    await until('the phrase only', async () => (await options.count()) === 1 && /Phrase chat one/.test(await options.first().textContent()));
    // ArrowDown/ArrowUp stay inside the list
    await box.press('ArrowDown');
    assert.equal(await options.first().getAttribute('aria-selected'), 'true');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await search.getByLabel('From').fill(tomorrow);
    await search.getByText('No message matches.').waitFor();
    await screenshot(page, 'h-07-search-no-hits');
    await search.getByLabel('From').fill('');
    await until('the hit again', async () => (await options.count()) === 1);
    await page.keyboard.press('Escape');
    await search.waitFor({ state: 'detached' });

    // this chat only: from inside chat two, the words of chat one are not found
    await history().getByRole('link', { name: 'Phrase chat two', exact: true }).click();
    await page.getByRole('heading', { name: 'Phrase chat two' }).waitFor();
    await page.keyboard.press('Control+k');
    await dialog('Search').getByRole('searchbox', { name: 'Search messages' }).fill('amber');
    await until('both chats', async () => (await dialog('Search').getByRole('option').count()) === 2);
    await dialog('Search').getByRole('checkbox', { name: 'This chat only' }).check();
    await until('this chat only', async () => (await dialog('Search').getByRole('option').count()) === 1 && /Phrase chat two/.test(await dialog('Search').getByRole('option').first().textContent()));
    await page.keyboard.press('Escape');
    assertNoProblems();
  });

  step('pages search results newest first as the arrows or the scroll reach the end', async () => {
    const word = `pagedword${Date.now().toString(36)}`;
    await importThroughApi(z3chatExport([{ id: `paged${Date.now()}`, title: 'Many hits', texts: Array.from({ length: 45 }, (_, i) => `Hit ${i + 1} of ${word}`) }]));
    await page.keyboard.press('Control+k');
    const search = dialog('Search');
    await search.getByRole('searchbox', { name: 'Search messages' }).fill(word);
    const options = search.getByRole('listbox', { name: 'Results' }).getByRole('option');
    await until('the first page', async () => (await options.count()) === 20);
    assert.match(await options.first().textContent(), /Hit 45 of/, 'newest first');
    for (let i = 0; i < 19; i++) await page.keyboard.press('ArrowDown');
    await until('the second page', async () => (await options.count()) === 40);
    assert.equal(await options.nth(19).getAttribute('aria-selected'), 'true');
    await search.getByRole('listbox', { name: 'Results' }).evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await until('the last page', async () => (await options.count()) === 45);
    assert.match(await options.last().textContent(), /Hit 1 of/);
    await page.keyboard.press('Escape');
    assertNoProblems();
  });

  step('exports a chat as Markdown and JSON and everything as JSON, downloaded with sensible names', async () => {
    const id = `exp${Date.now()}`;
    await importThroughApi(z3chatExport([{ id, title: 'Export me', texts: ['What is **markdown**?', 'A way to write `code`:\n\n```js\nconsole.log(1)\n```'] }]));
    await page.goto(BASE + '/');
    await chatActionsFor('Export me');
    const md = await download(() => page.getByRole('menuitem', { name: 'Export Markdown' }).click());
    assert.match(md.name, /^export-me.*\.md$/i);
    assert.match(md.text, /^# Export me/);
    assert.ok(md.text.includes('What is **markdown**?') && md.text.includes('```js\nconsole.log(1)\n```'), md.text);

    await chatActionsFor('Export me');
    const json = await download(() => page.getByRole('menuitem', { name: 'Export JSON' }).click());
    assert.match(json.name, /\.json$/);
    const one = JSON.parse(json.text);
    assert.equal(one.format, 'z3chat.export');
    assert.deepEqual(one.chats.map((c) => c.title), ['Export me']);
    assert.equal(one.chats[0].messages[1].content, 'A way to write `code`:\n\n```js\nconsole.log(1)\n```');

    const all = await download(() => sidebar().getByRole('button', { name: 'Export all' }).click());
    assert.match(all.name, /\.json$/);
    const everything = JSON.parse(all.text);
    const total = (await apiFetch(page, '/api/chat?limit=1')).body.total + (await apiFetch(page, '/api/chat?limit=1&archived=true')).body.total;
    assert.equal(everything.chats.length, total, 'every chat, archived included');
    assert.ok(everything.chats.some((c) => c.title === 'A very long chat' && c.messages.length === 3000));
    assert.ok(!all.text.includes(EMAIL), 'no email in the export');
    assertNoProblems();
  });

  step('shares a chat with an expiry, shows it signed out with hostile text inert and noindex, then revokes it', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
    const id = `shr${Date.now()}`;
    await importThroughApi(z3chatExport([{ id, title: 'Shared hostile', texts: [
      'Is <img src=x onerror="window.__pwned=1"> safe? And <script>window.__pwned=2</script>?',
      'Here: [click](javascript:window.__pwned=3) and <img src=x onerror="window.__pwned=4"> and **bold**.\n\n<script>window.__pwned=5</script>',
    ] }]));
    await page.goto(BASE + '/');
    await history().getByRole('link', { name: 'Shared hostile', exact: true }).click();
    await page.getByRole('heading', { name: 'Shared hostile' }).waitFor();
    await page.getByRole('main').getByRole('button', { name: 'Chat actions' }).first().click();
    await page.getByRole('menuitem', { name: 'Share' }).click();
    const share = dialog('Share chat');
    await share.getByRole('radiogroup', { name: 'Expires' }).getByRole('radio', { name: '7 days' }).check();
    await screenshot(page, 'h-08-share-dialog');
    await axeBothThemes(page, 'share dialog');
    await share.getByRole('button', { name: 'Create link' }).click();
    const linkBox = share.getByRole('textbox', { name: 'Link' });
    await linkBox.waitFor();
    const link = await linkBox.inputValue();
    assert.match(link, new RegExp(`^${BASE}/share/[A-Za-z0-9_-]{16,}$`));
    await share.getByText(/Expires /).waitFor();
    await share.getByRole('button', { name: 'Copy link' }).click();
    await share.getByText('Link copied.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    await screenshot(page, 'h-09-share-link');
    assert.deepEqual(await axe(page), [], 'axe: share dialog with its link');
    // sharing again refreshes the same link
    await share.getByRole('button', { name: 'Update link' }).click();
    await share.getByText(/as it is now/).waitFor();
    assert.equal(await linkBox.inputValue(), link);

    const visitor = await browser.newContext();
    const p = await newPage(visitor);
    const response = await p.goto(link);
    assert.equal(response.headers()['x-robots-tag'], 'noindex');
    await p.getByRole('heading', { name: 'Shared hostile' }).waitFor();
    await conversation(p).getByRole('article', { name: 'Assistant' }).getByRole('strong').waitFor();
    assert.equal(await p.locator('meta[name="robots"]').getAttribute('content'), 'noindex');
    assert.ok((await conversation(p).textContent()).includes('<img src=x onerror="window.__pwned=1">'), 'hostile text shown as text');
    assert.equal(await conversation(p).getByRole('img').count(), 0);
    assert.equal(await conversation(p).getByRole('link', { name: 'click' }).count(), 0, 'no javascript: link');
    assert.equal(await p.evaluate(() => window.__pwned), undefined, 'nothing ran');
    assert.ok(!(await p.content()).includes(EMAIL), 'no private data');
    assert.equal(await p.getByRole('button', { name: 'Account' }).count(), 0, 'signed out');
    await screenshot(p, 'h-10-shared-page');
    assert.deepEqual(await axe(p), [], 'axe: shared page');

    await share.getByRole('button', { name: 'Revoke link' }).click();
    await share.getByText(/Link revoked/).waitFor();
    assert.equal(await share.getByRole('textbox', { name: 'Link' }).count(), 0);
    await page.keyboard.press('Escape');
    await p.reload();
    await p.getByRole('heading', { name: 'Link not found' }).waitFor();
    await p.getByText(/revoked or expired/).waitFor();
    await screenshot(p, 'h-11-shared-revoked');
    assert.deepEqual(await axe(p), [], 'axe: revoked link');
    assertNoProblems(p);
    await visitor.close();
    assertNoProblems();
  });

  step('selects several chats and deletes them with one Undo, archives them and unarchives from the archived view', async () => {
    const id = `blk${Date.now()}`;
    await importThroughApi(z3chatExport([
      { id: `${id}a`, title: 'Bulk alpha', texts: ['a', 'b'], minutesAgo: 0 },
      { id: `${id}b`, title: 'Bulk bravo', texts: ['a', 'b'], minutesAgo: 1 },
      { id: `${id}c`, title: 'Bulk charlie', texts: ['a', 'b'], minutesAgo: 2 },
    ]));
    await page.goto(BASE + '/');
    const link = (title) => history().getByRole('link', { name: title, exact: true });
    // the filter narrows the list to these three (other chats of this run share their minute)
    await page.getByRole('searchbox', { name: 'Filter chats' }).fill('Bulk');
    await until('only the three', async () => (await history().getByRole('link').count()) === 3);
    // Ctrl-click one, Shift-click the range
    await link('Bulk alpha').click({ modifiers: ['Control'] });
    await link('Bulk charlie').click({ modifiers: ['Shift'] });
    const bar = sidebar().getByRole('toolbar', { name: 'Selected chats' });
    await bar.getByText('3 selected').waitFor();
    for (const t of ['alpha', 'bravo', 'charlie']) assert.equal(await sidebar().getByRole('checkbox', { name: `Select Bulk ${t}` }).isChecked(), true);
    assert.equal(new URL(page.url()).pathname, '/', 'selecting does not open a chat');
    await screenshot(page, 'h-12-bulk-selected');
    assert.deepEqual(await axe(page), [], 'axe: select mode');
    await bar.getByRole('button', { name: 'Delete selected' }).click();
    await until('all three gone', async () => (await history().getByRole('link', { name: /^Bulk / }).count()) === 0);
    const toast = page.getByRole('status').filter({ hasText: 'Deleted 3 chats.' });
    await toast.waitFor();
    await screenshot(page, 'h-13-bulk-deleted');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await until('all three back', async () => (await history().getByRole('link', { name: /^Bulk / }).count()) === 3);
    assert.ok((await apiFetch(page, '/api/chat?limit=100')).body.chats.some((c) => c.title === 'Bulk bravo'), 'restored on the server');
    await page.getByRole('searchbox', { name: 'Filter chats' }).fill('');

    // select mode with checkboxes: archive two
    await sidebar().getByRole('button', { name: 'Select', exact: true }).click();
    await sidebar().getByRole('checkbox', { name: 'Select Bulk alpha' }).check();
    await sidebar().getByRole('checkbox', { name: 'Select Bulk bravo' }).check();
    await bar.getByRole('button', { name: 'Archive selected' }).click();
    await until('two archived', async () => (await history().getByRole('link', { name: /^Bulk / }).count()) === 1);
    assert.equal(await bar.count(), 0, 'the selection ends');

    await sidebar().getByRole('link', { name: 'Archived chats' }).click();
    const archived = page.getByRole('main', { name: 'Archived chats' });
    await archived.getByRole('link', { name: 'Bulk alpha', exact: true }).waitFor();
    await archived.getByRole('link', { name: 'Bulk bravo', exact: true }).waitFor();
    await screenshot(page, 'h-14-archived');
    assert.deepEqual(await axe(page), [], 'axe: archived view');
    const entry = archived.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Bulk alpha', exact: true }) }).last();
    await entry.hover();
    await entry.getByRole('button', { name: 'Chat actions' }).click();
    await page.getByRole('menuitem', { name: 'Unarchive' }).click();
    await archived.getByRole('link', { name: 'Bulk alpha', exact: true }).waitFor({ state: 'detached' });
    await link('Bulk alpha').waitFor();
    const other = archived.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Bulk bravo', exact: true }) }).last();
    await other.hover();
    await other.getByRole('button', { name: 'Chat actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await archived.getByText('No archived chats.').waitFor();
    await page.getByRole('status').filter({ hasText: 'Deleted “Bulk bravo”.' }).waitFor();
    assertNoProblems();
  });

  step('exports the selected chats as one file', async () => {
    const link = (title) => history().getByRole('link', { name: title, exact: true });
    await link('Bulk alpha').click({ modifiers: ['Control'] });
    await link('Bulk charlie').click({ modifiers: ['Control'] });
    const file = await download(() => sidebar().getByRole('toolbar', { name: 'Selected chats' }).getByRole('button', { name: 'Export selected' }).click());
    assert.match(file.name, /^z3chat-2-chats-.*\.json$/);
    assert.deepEqual(JSON.parse(file.text).chats.map((c) => c.title).sort(), ['Bulk alpha', 'Bulk charlie']);
    await sidebar().getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await sidebar().getByRole('checkbox').count(), 0);
    assertNoProblems();
  });

  step('changes the theme and the default model in Settings, from the Account menu', async () => {
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    const settings = dialog('Settings');
    const theme = settings.getByRole('radiogroup', { name: 'Theme' });
    assert.equal(await theme.getByRole('radio', { name: 'System' }).isChecked(), true, 'the system theme by default');
    await theme.getByRole('radio', { name: 'Dark' }).check();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    const model = settings.getByRole('combobox', { name: 'Default model' });
    await until('the models', async () => (await model.locator('option').count()) > 0 && (await model.inputValue()) !== '');
    const options = await model.locator('option').evaluateAll((os) => os.map((o) => o.value));
    const chosen = options[options.length - 1];
    await model.selectOption(chosen);
    await screenshot(page, 'h-15-settings-dark');
    assert.deepEqual(await axe(page), [], 'axe: settings, dark');
    await theme.getByRole('radio', { name: 'Light' }).check();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
    assert.deepEqual(await axe(page), [], 'axe: settings, light');
    await settings.getByRole('button', { name: 'Done' }).click();
    await settings.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'New chat' }).click();
    assert.equal(await page.getByRole('combobox', { name: 'Model' }).inputValue(), chosen, 'the composer uses the default model');
    await page.reload();
    await page.getByRole('button', { name: 'New chat' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light', 'kept');
    await until('the model kept', async () => (await page.getByRole('combobox', { name: 'Model' }).inputValue()) === chosen);
    assertNoProblems();
  });
});
