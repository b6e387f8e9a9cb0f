// The web UI in a real browser against the real local stack (started by BrowserIT), with a scripted
// upstream: `say: TEXT` makes the model answer exactly TEXT, `slowly say: TEXT` the same, slowly.
// Elements are found by role and accessible name (SPEC 6's table), nothing else.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, until, MODEL_NAME, apiFetch, axe, importLongChat, launch, messageCount, newPage, screenshot, scrollConversation, signIn } from './support.mjs';

const EMAIL = `ada-${Date.now()}@example.com`;
let browser;
let context;
let page;

const conversation = (p = page) => p.getByRole('region', { name: 'Conversation' });
const lastReply = (p = page) => conversation(p).getByRole('article', { name: 'Assistant' }).last();
const replyText = async (p = page) => (await lastReply(p).getByRole('paragraph').first().textContent()) ?? '';
const replyDone = (p = page) => until('the reply to finish', async () => (await lastReply(p).getAttribute('aria-busy')) === null && (await lastReply(p).count()) > 0, 30000);

/** Types a message (Shift+Enter between lines), sends it with Enter and waits for its reply to appear. */
async function send(text, p = page) {
  const replies = conversation(p).getByRole('article', { name: 'Assistant' });
  const before = await replies.count();
  const box = p.getByRole('textbox', { name: 'Message' });
  const lines = text.split('\n');
  await box.click();
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) await box.press('Shift+Enter');
    await box.pressSequentially(lines[i], { delay: 0 });
  }
  await box.press('Enter');
  await until('the reply to appear', async () => (await replies.count()) > before, 20000);
}

/** Waits for a message sent from another tab to show its reply here. */
async function awaitNewReply(p, before) {
  await until('the reply to appear', async () => (await conversation(p).getByRole('article', { name: 'Assistant' }).count()) > before, 20000);
}

async function chatActionsFor(title) {
  // the innermost list item holding the chat's link: its entry (the outer one is its date group)
  const entry = page.getByRole('navigation', { name: 'Chats' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) }).last();
  await entry.hover();
  await entry.getByRole('button', { name: 'Chat actions' }).click();
}

function assertNoProblems(p = page) {
  assert.deepEqual(p.problems, [], 'no script errors or CSP violations');
}

describe('the web UI', () => {
  before(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await newPage(context);
  });

  after(async () => {
    await browser?.close();
  });

  it('offers sign-in signed out, signs in through the identity provider and shows an empty chat', async () => {
    await page.goto(BASE);
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await screenshot(page, '01-signed-out');
    await signIn(page, EMAIL);
    await page.getByRole('navigation', { name: 'Chats' }).waitFor();
    await page.getByRole('searchbox', { name: 'Filter chats' }).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await until('the model list', async () => (await page.getByRole('combobox', { name: 'Model' }).inputValue()) !== '');
    await screenshot(page, '02-empty');
    assert.deepEqual(await axe(page), [], 'axe: empty state');
    assertNoProblems();
  });

  it('sends with Enter (Shift+Enter is a newline), streams the reply as markdown with highlighted code, and names the chat live', async () => {
    await send('say: Greeting from Ada\n\nHere is **bold** and a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nconst answer = 42;\n```');
    await until('the chat id in the URL', async () => /\/chat\/[A-Za-z0-9_-]{21}$/.test(page.url()));
    const user = conversation().getByRole('article', { name: 'You' }).last();
    await until('the user message saved', async () => /Saved/.test((await user.textContent()) ?? ''));
    assert.match((await user.textContent()) ?? '', /say: Greeting from Ada\s+Here is \*\*bold\*\*/, 'the newline was kept');
    await replyDone();
    const reply = lastReply();
    assert.equal(await reply.getByRole('paragraph').first().textContent(), 'Greeting from Ada');
    assert.equal(await reply.getByRole('strong').first().textContent(), 'bold');
    assert.equal(await reply.getByRole('cell', { name: '2' }).count(), 1);
    assert.ok((await reply.getByRole('code').filter({ hasText: 'const answer = 42;' }).count()) >= 1);
    assert.equal(await reply.locator('.hljs-keyword').first().textContent(), 'const', 'highlighted');
    await until('Copy on the reply and on the code block', async () => (await reply.getByRole('button', { name: 'Copy' }).count()) >= 2);
    const meta = (await reply.textContent()) ?? '';
    assert.match(meta, new RegExp(MODEL_NAME ? 'complete' : 'complete'));
    assert.match(meta, /\d+ tokens/);
    assert.match(meta, /first token \d+ ms/);
    assert.match(meta, /tokens\/s/);
    await page.getByRole('link', { name: 'Greeting from Ada', exact: true }).waitFor({ timeout: 20000 });
    assertNoProblems();
  });

  it('continues a reply after a reload mid-stream and ends with exactly the model\'s text', async () => {
    const said = 'Résumé 👋 naïve 亚洲 ünïcödé — every word streamed three characters at a time, so a reload lands mid-reply and the rest joins exactly where it was. 🚀 End.';
    await send(`slowly say: ${said}`);
    await until('part of the reply', async () => (await replyText()).length > 10);
    assert.equal(await lastReply().getAttribute('aria-busy'), 'true');
    const chatUrl = page.url();
    await page.reload();
    assert.equal(page.url(), chatUrl);
    await until('the reply continuing after the reload', async () => (await lastReply().getAttribute('aria-busy')) === 'true' || (await replyText()) === said);
    await replyDone();
    assert.equal(await replyText(), said);
    const chatId = chatUrl.split('/').pop();
    const saved = await apiFetch(page, `/api/chat/${chatId}`);
    const stored = saved.body.messages.filter((m) => m.role === 'assistant').pop();
    assert.equal(stored.content, said);
    assert.equal(stored.status, 'complete');
    assertNoProblems();
  });

  it('shows the same live reply in a second tab of the same chat', async () => {
    const second = await newPage(context);
    await second.goto(page.url());
    await conversation(second).getByRole('article').first().waitFor();
    await new Promise((r) => setTimeout(r, 500));
    const before = await conversation(second).getByRole('article', { name: 'Assistant' }).count();
    const said = 'Two tabs, one reply, streamed into both of them at once.';
    await send(`slowly say: ${said}`);
    await awaitNewReply(second, before);
    await until('the reply streaming in the second tab', async () => (await lastReply(second).getAttribute('aria-busy')) === 'true' || (await replyText(second)) === said, 15000);
    await replyDone(second);
    assert.equal(await replyText(second), said);
    await replyDone();
    await second.close();
  });

  it('stops a streaming reply with Stop and keeps what was produced, cancelled', async () => {
    await send('slowly say: ' + 'This reply is long enough to be stopped well before its end. '.repeat(6));
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await until('some text', async () => (await replyText()).length > 6);
    await screenshot(page, '03-streaming');
    assert.deepEqual(await axe(page), [], 'axe: streaming state');
    await page.getByRole('button', { name: 'Stop' }).click();
    await replyDone();
    assert.match((await lastReply().textContent()) ?? '', /cancelled/);
    await page.getByRole('button', { name: 'Send' }).waitFor();
    assertNoProblems();
  });

  it('renders hostile markdown as inert literal text', async () => {
    const hostile = 'Hostile <img src=x onerror="window.__pwned=1"> and <svg onload="window.__pwned=2"></svg> and [click me](javascript:window.__pwned=3)\n\n<script>window.__pwned=4</script>';
    await page.getByRole('button', { name: 'New chat' }).click();
    await send(`say: ${hostile}`);
    await replyDone();
    const reply = lastReply();
    const text = (await reply.textContent()) ?? '';
    assert.ok(text.includes('<img src=x onerror="window.__pwned=1">'), text);
    assert.ok(text.includes('<svg onload="window.__pwned=2"></svg>'), text);
    assert.ok(text.includes('<script>window.__pwned=4</script>'), text);
    assert.equal(await reply.getByRole('img').count(), 0);
    assert.equal(await reply.getByRole('link', { name: 'click me' }).count(), 0, 'a javascript: link is not a link');
    assert.equal(await reply.locator('img, svg, script').count(), 0);
    await reply.getByText('click me').click();
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await screenshot(page, '04-hostile-markdown');
    assertNoProblems();
  });

  it('renames inline (Enter saves, Escape reverts), deletes with Undo', async () => {
    await page.getByRole('link', { name: 'Hostile img src', exact: true }).waitFor({ timeout: 20000 });
    await chatActionsFor('Hostile img src');
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    const field = page.getByRole('textbox', { name: 'Chat title' });
    await field.fill('Renamed by Ada');
    await field.press('Enter');
    await page.getByRole('link', { name: 'Renamed by Ada', exact: true }).waitFor();
    await chatActionsFor('Renamed by Ada');
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    await page.getByRole('textbox', { name: 'Chat title' }).fill('Not kept');
    await page.getByRole('textbox', { name: 'Chat title' }).press('Escape');
    await page.getByRole('link', { name: 'Renamed by Ada', exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Not kept' }).count(), 0);

    await chatActionsFor('Renamed by Ada');
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await until('the chat gone', async () => (await page.getByRole('link', { name: 'Renamed by Ada', exact: true }).count()) === 0);
    const undo = page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Undo' }) });
    assert.match((await undo.textContent()) ?? '', /Deleted/);
    await screenshot(page, '05-deleted-undo');
    await undo.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('link', { name: 'Renamed by Ada', exact: true }).waitFor();
    assertNoProblems();
  });

  it('keeps a 3,000-message chat to at most 150 message elements scrolled to the top and back, without a jump', async () => {
    const chatId = await importLongChat(page, 'Three thousand messages', 3000);
    await page.goto(`${BASE}/chat/${chatId}`);
    await conversation().getByText('Message 3000:').waitFor();
    let most = await messageCount(page);
    // older pages come in as the reader scrolls up; the first visible message stays where it was
    await scrollConversation(page, 'top');
    const anchor = await until('an older page', async () => {
      const first = conversation().getByRole('article').first();
      const text = await first.textContent();
      return text && !text.includes('Message 2951:') ? text : null;
    });
    // 60 older pages, each read only once the reader is at the top again: bounded by time, not by a count of
    // scrolls, since a busy machine (five JVMs and Chromium on 2 cores) takes longer per page; the first
    // message in view is said if it never gets there, so a pager that stops is told from a slow one
    await until('message 1 by scrolling up', async () => {
      if (await conversation().getByText(/^Message 1: a question/).count()) return true;
      await scrollConversation(page, 'top');
      most = Math.max(most, await messageCount(page));
      return false;
    }, 120_000).catch(async (e) => {
      const first = await conversation().getByRole('article').first().textContent();
      throw new Error(`${e.message}; the first message in view: ${first?.slice(0, 60)}`);
    });
    most = Math.max(most, await messageCount(page));
    assert.ok(anchor.length > 0);
    // the newest pages were let go of on the way up (the held pages are bounded): back by Jump to latest
    await page.getByRole('button', { name: 'Jump to latest' }).click();
    await conversation().getByText('Message 3000:').waitFor();
    for (let i = 0; i < 10; i++) {
      await scrollConversation(page, -400);
      await new Promise((r) => setTimeout(r, 30));
    }
    most = Math.max(most, await messageCount(page));
    assert.ok(most <= 150, `at most 150 message elements, saw ${most}`);
    await scrollConversation(page, 'bottom');
    await screenshot(page, '06-long-chat');
    assert.deepEqual(await axe(page), [], 'axe: long chat');
    assertNoProblems();
  });

  it('keeps the first visible message in place when an older page loads', async () => {
    const chatId = await importLongChat(page, 'Anchor check', 400);
    await page.goto(`${BASE}/chat/${chatId}`);
    await conversation().getByText('Message 400:').waitFor();
    // scroll up slowly until an older page has been put in front of the held one
    let before = null;
    for (let i = 0; i < 100; i++) {
      const top = await conversation().evaluate((el) => {
        const view = el.getBoundingClientRect();
        const articles = [...el.querySelectorAll('article')];
        const first = articles.find((a) => a.getBoundingClientRect().bottom > view.top + 1);
        return first ? { text: first.textContent.slice(0, 14), y: first.getBoundingClientRect().top, count: articles.length, firstAll: articles[0].textContent.slice(0, 14) } : null;
      });
      if (before && top && top.text === before.text && top.firstAll !== before.firstAll) {
        assert.ok(Math.abs(top.y - before.y) <= 2, `the message at the top stayed put (${before.y} → ${top.y})`);
        return;
      }
      before = top;
      await scrollConversation(page, -150);
      await new Promise((r) => setTimeout(r, 120));
    }
  });

  it('opens a chat at a message with ?m= (centred, highlighted), pages both ways, and jumps to latest', async () => {
    const chatId = await importLongChat(page, 'Open at a message', 600);
    let cursor = null;
    let target = null;
    for (let i = 0; i < 6; i++) {
      const pageOf = await apiFetch(page, `/api/chat/${chatId}?limit=50${cursor ? `&before=${cursor}` : ''}`);
      cursor = pageOf.body.nextCursor;
      target = pageOf.body.messages[0];
    }
    await page.goto(`${BASE}/chat/${chatId}?m=${target.id}`);
    const highlighted = conversation().getByRole('article').filter({ hasText: target.content.slice(0, 20) });
    await highlighted.waitFor();
    await until('the message centred', async () => {
      const [box, view] = await Promise.all([highlighted.boundingBox(), conversation().boundingBox()]);
      return box && view && Math.abs(box.y + box.height / 2 - (view.y + view.height / 2)) < view.height / 3;
    });
    assert.match((await highlighted.getAttribute('class')) ?? '', /highlighted/);
    await page.getByRole('button', { name: 'Jump to latest' }).waitFor();
    await scrollConversation(page, 'bottom');
    await until('a newer page', async () => (await conversation().getByText(/Message \d+:/).last().textContent())?.match(/Message (\d+)/)?.[1] > Number(target.content.match(/Message (\d+)/)[1]) + 30);
    await page.getByRole('button', { name: 'Jump to latest' }).click();
    await conversation().getByText('Message 600:').waitFor();
    assert.ok(!page.url().includes('?m='));
    assertNoProblems();
  });

  it('shows a share link read-only to a signed-out visitor, and "Link not found" once revoked', async () => {
    const list = await apiFetch(page, '/api/chat?limit=50');
    const chat = list.body.chats.find((c) => c.title === 'Greeting from Ada');
    const share = await apiFetch(page, `/api/chat/${chat.id}/share`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.ok(share.status === 201 || share.status === 200, JSON.stringify(share));
    const visitor = await browser.newContext();
    const p = await newPage(visitor);
    await p.goto(`${BASE}/share/${share.body.id}`);
    await p.getByRole('heading', { name: 'Greeting from Ada' }).waitFor();
    await conversation(p).getByRole('article', { name: 'Assistant' }).first().getByRole('strong').first().waitFor();
    assert.equal(await p.getByRole('textbox', { name: 'Message' }).count(), 0, 'read-only');
    assert.equal(await p.locator('meta[name="robots"]').getAttribute('content'), 'noindex');
    assert.deepEqual(await axe(p), [], 'axe: shared page');
    await apiFetch(page, `/api/chat/${chat.id}/share`, { method: 'DELETE' });
    await p.reload();
    await p.getByRole('heading', { name: 'Link not found' }).waitFor();
    assertNoProblems(p);
    await visitor.close();
  });

  it('has a dark theme without axe violations, works at 360 px with the sidebar as a drawer, and signs out', async () => {
    await page.getByRole('button', { name: 'Account' }).click();
    assert.ok(((await page.getByRole('menu', { name: 'Account' }).locator('xpath=..').textContent()) ?? '').includes(EMAIL.toLowerCase()));
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('radio', { name: 'Dark' }).check();
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.getByRole('link', { name: 'Greeting from Ada', exact: true }).click();
    await replyDone();
    await screenshot(page, '07-dark');
    assert.deepEqual(await axe(page), [], 'axe: dark theme');

    await page.setViewportSize({ width: 360, height: 740 });
    assert.equal(await page.getByRole('navigation', { name: 'Chats' }).isVisible(), false, 'the sidebar is a closed drawer');
    await page.getByRole('button', { name: 'Show chats' }).click();
    await page.getByRole('link', { name: 'Renamed by Ada', exact: true }).waitFor();
    await new Promise((r) => setTimeout(r, 400)); // the drawer's slide
    await screenshot(page, '08-narrow-drawer');
    await page.getByRole('link', { name: 'Renamed by Ada', exact: true }).click();
    await replyDone();
    await until('the chat shown', async () => (await replyText()).length > 0);
    await screenshot(page, '09-narrow-chat');
    assert.deepEqual(await axe(page), [], 'axe: narrow');
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('radio', { name: 'Light' }).check();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor({ timeout: 20000 });
    assert.equal((await apiFetch(page, '/api/me')).status, 401);
    assertNoProblems();
  });

  it('reconnects a socket dropped mid-reply by itself and resumes from the offset it has', async () => {
    const other = await browser.newContext();
    const p = await newPage(other);
    const sockets = [];
    await p.routeWebSocket(/\/ws\/chat/, (ws) => {
      ws.connectToServer();
      sockets.push(ws);
    });
    await signIn(p, `reconnect-${Date.now()}@example.com`);
    await until('the model list', async () => (await p.getByRole('combobox', { name: 'Model' }).inputValue()) !== '');
    const said = 'A socket dropped in the middle of this reply comes back by itself and the text goes on from where it was, 👋 exactly once.';
    await send(`slowly say: ${said}`, p);
    await until('part of the reply', async () => (await replyText(p)).length > 12);
    sockets[sockets.length - 1].close({ code: 1013, reason: 'dropped by the test' });
    await until('a new socket', async () => sockets.length >= 2, 20000);
    await replyDone(p);
    assert.equal(await replyText(p), said);
    assertNoProblems(p);
    await other.close();
  });

  it('sends over the SSE route when no socket can be opened', async () => {
    const other = await browser.newContext();
    const p = await newPage(other);
    await p.routeWebSocket(/\/ws\/chat/, (ws) => ws.close({ code: 1011, reason: 'blocked by the test' }));
    await signIn(p, `sse-${Date.now()}@example.com`);
    await until('the model list', async () => (await p.getByRole('combobox', { name: 'Model' }).inputValue()) !== '');
    await send('say: Carried by server-sent events.', p);
    await replyDone(p);
    await until('the reply text', async () => (await replyText(p)) === 'Carried by server-sent events.');
    await other.close();
  });

  it('brings a signed-out visitor of a chat link back to it after sign-in', async () => {
    const other = await browser.newContext();
    const p = await newPage(other);
    await p.goto(`${BASE}/archived`);
    await p.getByPlaceholder('Enter any user/subject').fill(`returning-${Date.now()}@example.com`);
    await p.getByRole('button', { name: 'Sign-in' }).click();
    await p.getByRole('heading', { name: 'Archived chats' }).waitFor();
    assert.ok(p.url().endsWith('/archived'));
    await other.close();
  });
});
