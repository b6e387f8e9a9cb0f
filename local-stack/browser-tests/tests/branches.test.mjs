// Conversation branches (issue 11) in a real browser against the real local stack (started by BrowserIT)
// with the scripted upstream: `say: TEXT` answers exactly TEXT, `slowly say: TEXT` the same, slowly; the
// second model answers the same after its prefix. Edit a message, switch versions, regenerate with another
// model, reload, another tab and another device; elements found by role and accessible name only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, apiFetch, axe, chatOf, importLongChat, launch, newPage, screenshot, scrollConversation, signIn, until } from './support.mjs';

const SECOND_MODEL = process.env.Z3CHAT_SECOND_MODEL ?? 'browser/second-model';
const SECOND_PREFIX = process.env.Z3CHAT_SECOND_MODEL_PREFIX ?? 'Second model: ';
const EMAIL = `branches-${Date.now()}@example.com`;

let browser;
let context;
let page;
/** Every message-page request the first tab made: none may read a chat whole. */
const pageRequests = [];

const chat = (p = page) => chatOf(p);
const users = (p = page) => chat(p).conversation.getByRole('article', { name: 'You' });
const replyParagraph = (article) => article.getByRole('paragraph').first();
const button = (scope, name) => scope.getByRole('button', { name, exact: true });
/** The announcer's polite status region. */
const status = (p = page) => p.getByRole('status').filter({ hasText: /\S/ }).first();

async function chatIdOf(p = page) {
  return until('the chat id in the URL', async () => /\/chat\/([A-Za-z0-9_-]{8,64})/.exec(p.url())?.[1]);
}

async function texts(p = page) {
  return chat(p).conversation.getByRole('article').evaluateAll((articles) =>
    articles.map((a) => `${a.getAttribute('aria-label')}: ${(a.querySelector('.user-text, .markdown p, .markdown') ?? a).textContent.trim()}`),
  );
}

function assertNoProblems(p = page) {
  assert.deepEqual(p.problems, [], 'no script errors or CSP violations');
}

describe('conversation branches', () => {
  before(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await newPage(context);
    page.on('request', (r) => {
      const url = new URL(r.url());
      // the app's own requests (the test's apiFetch sends another X-Requested-With)
      if (r.headers()['x-requested-with'] !== 'z3chat') return;
      if (/^\/api\/chat\/[^/]+(\/selection)?$/.test(url.pathname) && (r.method() === 'GET' || r.method() === 'PUT')) pageRequests.push(`${r.method()} ${url.pathname}${url.search}`);
    });
    await signIn(page, EMAIL);
    await until('the model list', async () => (await page.getByRole('combobox', { name: 'Model', exact: true }).inputValue()) !== '');
  });

  after(async () => {
    await browser?.close();
  });

  it('edits a sent message inline: Escape cancels, Save & send streams a new reply under the new version, "2 / 2"', async () => {
    await chat().send('say: The first answer.');
    await chat().replyDone();
    assert.equal(await chat().replyText(), 'The first answer.');
    const question = users().last();
    await button(question, 'Edit message').click();
    const box = page.getByRole('textbox', { name: 'Edit message', exact: true });
    assert.equal(await box.inputValue(), 'say: The first answer.');
    assert.equal(await box.evaluate((el) => el === document.activeElement), true, 'the edit box has the focus');
    await box.fill('changed my mind');
    await box.press('Escape');
    await box.waitFor({ state: 'detached' });
    assert.equal(await question.locator('.user-text').textContent(), 'say: The first answer.', 'Escape left the message as it was');
    assert.equal(await button(question, 'Edit message').evaluate((el) => el === document.activeElement), true, 'the focus back on Edit message');

    await button(question, 'Edit message').click();
    const edited = 'slowly say: The edited answer, streamed three characters at a time.';
    await box.fill(edited);
    await screenshot(page, 'b-01-editing');
    assert.deepEqual(await axe(page), [], 'axe: the edit box open');
    await button(page, 'Save & send').click();
    await button(page, 'Stop').waitFor();
    await until('the new reply streaming', async () => (await chat().lastReply().getAttribute('aria-busy')) === 'true');
    await screenshot(page, 'b-02-edit-streaming');
    await chat().replyDone();
    assert.equal(await chat().replyText(), 'The edited answer, streamed three characters at a time.');
    assert.deepEqual(await texts(), ['You: ' + edited, 'Assistant: The edited answer, streamed three characters at a time.'], 'the new path only');
    const versions = users().last().getByRole('group', { name: 'Versions' });
    await versions.getByText('2 / 2').waitFor();
    assert.equal(await button(versions, 'Next version').isDisabled(), true, 'Next is disabled on the last version');
    assert.equal(await button(versions, 'Previous version').isDisabled(), false);
    await screenshot(page, 'b-03-version-2-of-2');
    assert.deepEqual(await axe(page), [], 'axe: the version switcher');
    assertNoProblems();
  });

  it('switches back with Previous version: the old text and its reply, announced, the keyboard on the switcher', async () => {
    await button(users().last(), 'Previous version').click();
    await until('version 1', async () => (await users().last().getByText('1 / 2').count()) === 1);
    assert.deepEqual(await texts(), ['You: say: The first answer.', 'Assistant: The first answer.']);
    await until('the switch announced', async () => (await status().textContent()) === 'Version 1 of 2 shown');
    const versions = users().last().getByRole('group', { name: 'Versions' });
    assert.equal(await button(versions, 'Previous version').isDisabled(), true, 'Previous is disabled on the first version');
    assert.equal(await button(versions, 'Next version').evaluate((el) => el === document.activeElement), true, 'the focus on Next version (Previous is disabled now)');
    await screenshot(page, 'b-04-version-1-of-2');

    // by keyboard: Enter on the focused Next version, then back with Shift+Tab and Enter
    await page.keyboard.press('Enter');
    await until('version 2 by keyboard', async () => (await users().last().getByText('2 / 2').count()) === 1);
    assert.equal(await chat().replyText(), 'The edited answer, streamed three characters at a time.');
    await until('the focus on Previous version', async () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Previous version'));
    await page.keyboard.press('Enter');
    await until('version 1 by keyboard', async () => (await users().last().getByText('1 / 2').count()) === 1);
    assert.equal(await chat().replyText(), 'The first answer.');
    assertNoProblems();
  });

  it('regenerates a reply with another model: it streams in place of the old one, "2 / 2" on the reply', async () => {
    const reply = chat().lastReply();
    await button(reply, 'Regenerate').click();
    const picker = page.getByRole('combobox', { name: 'Model for the new reply' });
    assert.equal(await picker.evaluate((el) => el === document.activeElement), true, 'the model choice has the focus');
    assert.notEqual(await picker.inputValue(), SECOND_MODEL, 'the reply\'s own model by default');
    await screenshot(page, 'b-05-regenerate-choice');
    assert.deepEqual(await axe(page), [], 'axe: the regenerate choice open');
    await picker.selectOption(SECOND_MODEL);
    await button(page, 'Regenerate reply').click();
    await chat().replyDone();
    await until('the second model\'s reply', async () => (await chat().replyText()) === SECOND_PREFIX + 'The first answer.');
    assert.deepEqual(await texts(), ['You: say: The first answer.', `Assistant: ${SECOND_PREFIX}The first answer.`], 'in place of the old reply');
    const replyVersions = chat().lastReply().getByRole('group', { name: 'Versions' });
    await replyVersions.getByText('2 / 2').waitFor();
    assert.match((await chat().lastReply().textContent()) ?? '', new RegExp(SECOND_MODEL.replace(/[/.]/g, '\\$&')), 'the reply names the model it came from');
    await users().last().getByText('1 / 2').waitFor();
    await screenshot(page, 'b-06-regenerated');

    await button(replyVersions, 'Previous version').click();
    await until('the old reply', async () => (await chat().replyText()) === 'The first answer.');
    await button(chat().lastReply(), 'Next version').click();
    await until('the regenerated reply again', async () => (await chat().replyText()) === SECOND_PREFIX + 'The first answer.');
    assertNoProblems();
  });

  it('remembers the selected path over a reload, and never reads a chat whole', async () => {
    const chatId = await chatIdOf();
    await page.reload();
    await until('the chat again', async () => (await chat().replies.count()) === 1 && (await chat().replyText()) !== '');
    assert.deepEqual(await texts(), ['You: say: The first answer.', `Assistant: ${SECOND_PREFIX}The first answer.`]);
    await users().last().getByText('1 / 2').waitFor();
    await chat().lastReply().getByText('2 / 2').waitFor();
    await screenshot(page, 'b-07-after-reload');
    assert.deepEqual(await axe(page), [], 'axe: two switchers after a reload');
    const ofChat = pageRequests.filter((r) => r.includes(`/api/chat/${chatId}`));
    assert.ok(ofChat.some((r) => r.startsWith('PUT ') && r.includes('/selection')), 'switches went through PUT …/selection');
    for (const r of ofChat) assert.match(r, /[?&]limit=50(&|$)/, `a page at a time: ${r}`);
    assertNoProblems();
  });

  it('follows a switch made in another browser (its chat frame), and a stale switch there gets a polite notice and the latest path', async () => {
    const chatId = await chatIdOf();
    // another browser of the same user; from the second step on no `chat` frames reach it, so its path goes stale
    const device = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const other = await newPage(device);
    let dropChatFrames = false;
    await other.routeWebSocket(/\/ws\/chat/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((m) => {
        if (!(dropChatFrames && JSON.parse(m).type === 'chat')) ws.send(m);
      });
    });
    await signIn(other, EMAIL, `/chat/${chatId}`);
    await until('the chat in the other browser', async () => (await chat(other).replyText()) === SECOND_PREFIX + 'The first answer.');
    await new Promise((r) => setTimeout(r, 500)); // the socket's upgrade completes a moment after it is made

    // this tab goes to the edited version; the other browser is told by the `chat` frame and reads its path again
    await button(users().last(), 'Next version').click();
    await until('version 2 here', async () => (await users().last().getByText('2 / 2').count()) === 1);
    await until('the other browser on the new path', async () => (await chat(other).replyText()) === 'The edited answer, streamed three characters at a time.');
    await users(other).last().getByText('2 / 2').waitFor();

    // this tab moves again; the other browser, not told, switches from what it shows: 409, refetched
    dropChatFrames = true;
    await button(users().last(), 'Previous version').click();
    await until('version 1 here', async () => (await users().last().getByText('1 / 2').count()) === 1);
    await button(users(other).last(), 'Previous version').click();
    await until('the polite notice', async () => /changed elsewhere/.test((await status(other).textContent()) ?? ''));
    await until('the latest path shown there', async () => (await chat(other).replyText()) === SECOND_PREFIX + 'The first answer.');
    await users(other).last().getByText('1 / 2').waitFor();
    await screenshot(other, 'b-08-other-browser-after-conflict');
    assert.deepEqual(await axe(other), [], 'axe: the other browser');
    assertNoProblems(other);
    await device.close();
    assertNoProblems();
  });

  it('switches a version in the middle of a long chat and pages both ways from it', async () => {
    const chatId = await importLongChat(page, 'Long chat with a branch', 300);
    // the import gives the messages ids of their own: find message 151 the way the app pages
    let target = null;
    for (let cursor = null; !target;) {
      const older = await apiFetch(page, `/api/chat/${chatId}?limit=50${cursor ? `&before=${cursor}` : ''}`);
      target = older.body.messages.find((m) => m.content.startsWith('Message 151:'));
      cursor = older.body.nextCursor;
      assert.ok(target || older.body.hasMore, 'message 151 is in the chat');
    }
    await page.goto(`${BASE}/chat/${chatId}?m=${target.id}`);
    const middle = chat().conversation.getByRole('article', { name: 'You' }).filter({ hasText: 'Message 151:' });
    await middle.waitFor();
    await button(middle, 'Edit message').click();
    await page.getByRole('textbox', { name: 'Edit message', exact: true }).fill('say: A different question in the middle.');
    await button(page, 'Save & send').click();
    await until('the new path\'s reply', async () => (await chat().replyText()) === 'A different question in the middle.', 30000);
    await chat().replyDone();
    await until('the chat at its end', async () => !page.url().includes('?m='));
    const fork = users().last();
    await fork.getByText('2 / 2').waitFor();
    assert.equal(await chat().conversation.getByText('Message 152:').count(), 0, 'the old path is not shown');

    await button(fork, 'Previous version').click();
    const original = chat().conversation.getByRole('article', { name: 'You' }).filter({ hasText: 'Message 151:' });
    await original.getByText('1 / 2').waitFor();
    await screenshot(page, 'b-09-long-chat-switched');
    // newer pages from the switched page down to the chat's end, then older ones back up
    await until('the end of the original path', async () => {
      await scrollConversation(page, 'bottom');
      return (await chat().conversation.getByText('Message 300:').count()) === 1;
    }, 30000);
    // older pages back up to the chat's first message (the virtual list shows only what is in view)
    await until('older pages back to the start', async () => {
      await scrollConversation(page, 'top');
      return (await chat().conversation.getByText('Message 1:').count()) === 1;
    }, 30000);
    const ofChat = pageRequests.filter((r) => r.includes(`/api/chat/${chatId}`));
    assert.ok(ofChat.some((r) => /after=/.test(r)) && ofChat.some((r) => /before=/.test(r)), `paged both ways: ${ofChat.join(', ')}`);
    for (const r of ofChat) assert.match(r, /[?&]limit=50(&|$)/, `a page at a time: ${r}`);
    assertNoProblems();
  });
});
