// Never losing the thread (SPEC 6), in a real browser against the real local stack (started by BrowserIT)
// with the scripted upstream (`slowly say: TEXT` answers exactly TEXT, three characters every 120 ms):
// another tab's reply in a chat that has none yet, offline and back, a gap in the deltas, reconnect
// with backoff. Elements are found by role and accessible name (SPEC 6's table), nothing else.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, apiFetch, chatOf, importLongChat, launch, newPage, screenshot, signIn, until } from './support.mjs';

let browser;

/** A signed-in page of its own (own cookies, own socket) whose model list has loaded. */
async function signedIn(name, setUp = async () => {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await newPage(context);
  await setUp(page);
  await signIn(page, `${name}-${Date.now()}@example.com`);
  await until('the model list', async () => (await page.getByRole('combobox', { name: 'Model' }).inputValue()) !== '');
  return { context, page };
}

async function savedReply(page, chatId) {
  return until('the reply saved', async () => {
    const saved = await apiFetch(page, `/api/chat/${chatId}`);
    const reply = saved.body.messages.filter((m) => m.role === 'assistant').pop();
    return reply && reply.status !== 'streaming' ? reply : null;
  });
}

function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], 'no script errors or CSP violations');
}

describe('never losing the thread', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('shows another tab\'s live reply in a chat that has no reply of this app yet, ending with exactly the model\'s text', async () => {
    const { context, page: first } = await signedIn('tabs');
    // an imported chat: its reply has no generation, so nothing of it can be resumed to follow the chat
    const chatId = await importLongChat(first, 'Imported, no live reply yet', 2);
    await first.goto(`${BASE}/chat/${chatId}`);
    const second = await newPage(context);
    const toSecond = [];
    let secondSocket = false;
    await second.routeWebSocket(/\/ws\/chat/, (ws) => {
      const server = ws.connectToServer();
      secondSocket = true;
      server.onMessage((m) => {
        toSecond.push(JSON.parse(m));
        ws.send(m);
      });
    });
    await second.goto(`${BASE}/chat/${chatId}`);
    const one = chatOf(first);
    const two = chatOf(second);
    await two.conversation.getByText('Message 2:').waitFor();
    await until('the second tab\'s socket', async () => secondSocket);
    await new Promise((r) => setTimeout(r, 500)); // the upgrade completes a moment after the socket is made

    const said = 'Told to the other tab as it started: résumé 👋, then every delta from offset zero.';
    await one.send(`slowly say: ${said}`);
    await until('the reply streaming in the second tab', async () => (await two.replies.count()) === 2 && (await two.lastReply().getAttribute('aria-busy')) === 'true', 20000);
    await two.conversation.getByText(`slowly say: ${said}`).waitFor();
    await screenshot(second, 'resilience-01-other-tab-streaming');
    await two.replyDone();
    assert.equal(await two.replyText(), said);
    const started = toSecond.find((f) => f.type === 'started');
    assert.ok(started, 'the second tab was told the reply started');
    assert.equal(started.chatId, chatId);
    await one.replyDone();
    assert.equal(await one.replyText(), said);
    assert.equal((await savedReply(first, chatId)).content, said);
    assertNoProblems(first);
    assertNoProblems(second);
    await context.close();
  });

  it('disables the composer with a visible reason while offline, and sends once back online', async () => {
    const { context, page } = await signedIn('offline');
    const box = page.getByRole('textbox', { name: 'Message' });
    const sendButton = page.getByRole('button', { name: 'Send' });
    await box.fill('say: Sent once the network came back.');
    await context.setOffline(true);
    await page.getByText('You are offline').waitFor();
    assert.equal(await sendButton.isDisabled(), true);
    await box.press('Enter');
    await screenshot(page, 'resilience-02-offline');
    assert.equal(await chatOf(page).conversation.getByRole('article').count(), 0, 'nothing was sent while offline');
    await context.setOffline(false);
    await until('the composer enabled again', async () => !(await sendButton.isDisabled()));
    assert.equal(await page.getByText('You are offline').count(), 0);
    await box.press('Enter');
    const chat = chatOf(page);
    await until('the reply', async () => (await chat.replies.count()) === 1);
    await chat.replyDone();
    assert.equal(await chat.replyText(), 'Sent once the network came back.');
    assertNoProblems(page);
    await context.close();
  });

  it('resumes from the offset it has when a delta goes missing, and ends with exactly the model\'s text', async () => {
    const fromPage = [];
    let dropped = null;
    const { context, page } = await signedIn('gap', (p) => p.routeWebSocket(/\/ws\/chat/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        fromPage.push(JSON.parse(m));
        server.send(m);
      });
      server.onMessage((m) => {
        const frame = JSON.parse(m);
        // the network loses one delta mid-reply: the next one starts past the end the page has
        if (!dropped && frame.type === 'delta' && frame.offset >= 12) {
          dropped = frame;
          return;
        }
        ws.send(m);
      });
    }));
    const said = 'Nothing lost: the delta that never came is asked for again from the offset held, 亚洲 and all.';
    const chat = chatOf(page);
    await chat.send(`slowly say: ${said}`);
    await until('a delta dropped', async () => dropped !== null);
    await chat.replyDone();
    assert.equal(await chat.replyText(), said);
    const resume = fromPage.find((f) => f.type === 'resume');
    assert.ok(resume, 'the page asked for the rest');
    assert.equal(resume.generationId, dropped.generationId);
    assert.equal(resume.offset, dropped.offset, 'from the end it had, just before the lost delta');
    const chatId = page.url().split('/').pop();
    assert.equal((await savedReply(page, chatId)).content, said);
    assertNoProblems(page);
    await context.close();
  });

  it('reconnects with growing waits while the socket is refused, then resumes the reply from the offset it has', async () => {
    const attempts = [];
    let refusing = false;
    let live = null;
    const { context, page } = await signedIn('backoff', (p) => p.routeWebSocket(/\/ws\/chat/, (ws) => {
      attempts.push(Date.now());
      if (refusing) {
        // never connected to the server: the page's socket closes without having opened
        ws.close({ code: 1011, reason: 'refused by the test' });
        return;
      }
      ws.connectToServer();
      live = ws;
    }));
    const said = 'Refused three times, the socket waits longer each time, comes back, and the reply goes on exactly.';
    const chat = chatOf(page);
    await chat.send(`slowly say: ${said}`);
    await until('part of the reply', async () => (await chat.replyText()).length > 12);
    const shownBefore = (await chat.replyText()).length;
    refusing = true;
    const before = attempts.length;
    live.close({ code: 1013, reason: 'dropped by the test' });
    await until('three refused attempts', async () => attempts.length >= before + 3, 30000);
    refusing = false;
    await chat.replyDone();
    assert.equal(await chat.replyText(), said);
    assert.ok(shownBefore < said.length);
    // backoff: 0.5 s doubling (with jitter, each wait at least half its step): the waits grow
    const waits = attempts.slice(before, before + 3).map((t, i, all) => (i === 0 ? null : t - all[i - 1])).slice(1);
    assert.ok(waits[0] >= 250, `the first wait after a refusal is at least 250 ms (was ${waits[0]} ms)`);
    assert.ok(waits[1] >= 500, `the next is at least 500 ms (was ${waits[1]} ms)`);
    const chatId = page.url().split('/').pop();
    assert.equal((await savedReply(page, chatId)).content, said);
    assertNoProblems(page);
    await context.close();
  });
});
