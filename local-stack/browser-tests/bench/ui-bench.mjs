// The web UI budgets of SPEC 9, measured in Chromium against a running stack whose upstream is the
// browser tests' scripted model (UiBenchmarkIT starts both; see local-stack/README.md). Prints each
// figure beside its budget. A benchmark: it measures, it does not pass or fail on speed.
import { gzipSync } from 'node:zlib';
import { BASE, apiFetch, importLongChat, launch, messageCount, newPage, scrollConversation, screenshot, signIn } from '../tests/support.mjs';

const CHAT_SIZE = 10_000;
const OPENS = 5;
const results = [];
const report = (name, figure, budget) => {
  results.push({ name, figure, budget });
  console.log(`${name}: ${figure}   (budget: ${budget})`);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await newPage(context);
  await signIn(page, `bench-${Date.now()}@example.com`);

  // 1. the first load: the JavaScript app.html loads before any interaction, gzipped
  const html = await (await fetch(BASE + '/')).text();
  const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]);
  let firstLoad = 0;
  for (const src of new Set(scripts)) firstLoad += gzipSync(Buffer.from(await (await fetch(BASE + src)).arrayBuffer())).length;
  const lazy = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\/assets\/.*\.js$/.test(n)));
  report('first load, gzipped JS', `${(firstLoad / 1024).toFixed(1)} KB in ${scripts.length} file(s)`, '≤ 300 KB');

  // 2. open a 10,000-message chat: from the click on its sidebar link to its newest page drawn
  console.log(`importing a ${CHAT_SIZE}-message chat ...`);
  const chatId = await importLongChat(page, 'Ten thousand messages', CHAT_SIZE);
  const opens = [];
  for (let i = 0; i < OPENS; i++) {
    await page.goto(BASE + '/'); // a fresh page: nothing of the chat cached
    const link = page.getByRole('link', { name: 'Ten thousand messages', exact: true });
    await link.waitFor();
    const ms = await link.evaluate((a, last) => new Promise((resolve) => {
      const t0 = performance.now();
      const drawn = () => [...document.querySelectorAll('[aria-label="Conversation"] article')].some((el) => el.textContent.startsWith(last));
      const check = () => (drawn() ? requestAnimationFrame(() => resolve(performance.now() - t0)) : requestAnimationFrame(check));
      a.click();
      requestAnimationFrame(check);
    }), `Message ${CHAT_SIZE}:`);
    opens.push(ms);
  }
  report(`open a ${CHAT_SIZE}-message chat to its newest page drawn`, `median ${median(opens).toFixed(0)} ms (runs: ${opens.map((m) => m.toFixed(0)).join(', ')} ms)`, '≤ 200 ms');
  // cached: the chat visited, opened again from another one
  await page.getByRole('button', { name: 'New chat' }).click();
  const cached = await page.getByRole('link', { name: 'Ten thousand messages', exact: true }).evaluate((a, last) => new Promise((resolve) => {
    const t0 = performance.now();
    const check = () => ([...document.querySelectorAll('[aria-label="Conversation"] article')].some((el) => el.textContent.startsWith(last)) ? requestAnimationFrame(() => resolve(performance.now() - t0)) : requestAnimationFrame(check));
    a.click();
    requestAnimationFrame(check);
  }), `Message ${CHAT_SIZE}:`);
  report('open it again from the cache', `${cached.toFixed(0)} ms`, '(instant)');

  // 3. scroll back 2,000 messages and down again: element count and heap
  const cdp = await context.newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(200);
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  /**
   * A heap snapshot's bytes by kind: V8's compiled code (bytecode, baseline and optimized machine code),
   * native objects (the DOM, V8's own tables), and the JavaScript values the page holds (its data).
   */
  const heapParts = async () => {
    const chunks = [];
    const onChunk = (e) => chunks.push(e.chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    const snapshot = JSON.parse(chunks.join(''));
    const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
    const [typeAt, sizeAt] = [fields.indexOf('type'), fields.indexOf('self_size')];
    const parts = { code: 0, native: 0, js: 0 };
    for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
      const type = types[snapshot.nodes[i + typeAt]];
      parts[type === 'code' || type === 'native' ? type : 'js'] += snapshot.nodes[i + sizeAt];
    }
    return parts;
  };
  let most = await messageCount(page);
  const conversationRegion = page.getByRole('region', { name: 'Conversation' });
  /** Back `count` messages, then down to the end again; returns how long the way back took. */
  const roundTrip = async (count) => {
    const target = `Message ${CHAT_SIZE - count}:`;
    const started = Date.now();
    while (!(await conversationRegion.getByText(target).count()) && Date.now() - started < 300_000) {
      await scrollConversation(page, -1500);
      await sleep(40);
      most = Math.max(most, await messageCount(page));
    }
    const back = Date.now() - started;
    for (let i = 0; i < 400; i++) {
      await scrollConversation(page, 2500);
      await sleep(20);
      most = Math.max(most, await messageCount(page));
      if (await conversationRegion.getByText(`Message ${CHAT_SIZE}:`).count()) break;
    }
    await sleep(1500);
    return back;
  };
  const pct = (a, b) => `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(1)}%`;
  const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;
  await sleep(500);
  // cold: the chat just opened, nothing of scrolling run yet, so V8 compiles (and optimizes) the
  // paging and rendering paths during the round trip; that code is the engine's, not held data
  const cold = await heap();
  const coldParts = await heapParts();
  // warm: a short round trip (300 messages) runs every path of the measured one first
  await roundTrip(300);
  const heapBefore = await heap();
  const beforeParts = await heapParts();
  const scrolledBack = await roundTrip(2000);
  const heapAfter = await heap();
  const afterParts = await heapParts();
  await roundTrip(2000);
  const heapAfterSecond = await heap();
  const secondParts = await heapParts();
  report('message elements in the page, most seen while scrolling', `${most}`, '≤ 150');
  report('heap after scrolling back 2,000 messages and down again',
    `${mib(heapBefore)} → ${mib(heapAfter)} (${pct(heapBefore, heapAfter)}), after a second round trip ${mib(heapAfterSecond)} (${pct(heapBefore, heapAfterSecond)}); scrolled back in ${(scrolledBack / 1000).toFixed(1)} s`,
    'within 20%');
  report('  the same by heap snapshot: the JavaScript values held, V8\'s compiled code apart',
    `${mib(beforeParts.js)} → ${mib(afterParts.js)} (${pct(beforeParts.js, afterParts.js)}), after the second ${mib(secondParts.js)} (${pct(beforeParts.js, secondParts.js)}); ` +
    `compiled code ${mib(beforeParts.code)} → ${mib(afterParts.code)} → ${mib(secondParts.code)}, native ${mib(beforeParts.native)} → ${mib(afterParts.native)} → ${mib(secondParts.native)}`,
    'within 20%');
  console.log(`  (from cold, the chat just opened: heap ${mib(cold)} → ${mib(heapAfter)} (${pct(cold, heapAfter)}); JavaScript values ${mib(coldParts.js)} → ${mib(afterParts.js)} ` +
    `(${pct(coldParts.js, afterParts.js)}), compiled code ${mib(coldParts.code)} → ${mib(afterParts.code)})`);

  // 4. a 20,000-character reply streamed at 50 chunks a second: the longest main-thread task
  await page.getByRole('button', { name: 'New chat' }).click();
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
    // frames: the largest gap between two animation frames while the reply streams
    window.__maxFrameGap = 0;
    let last = performance.now();
    const frame = (t) => {
      window.__maxFrameGap = Math.max(window.__maxFrameGap, t - last);
      last = t;
      if (!window.__stopFrames) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('stream 20000 chars: the benchmark reply');
  await box.press('Enter');
  await page.getByRole('button', { name: 'Stop' }).waitFor();
  const streamStart = Date.now();
  await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 120_000 });
  const streamSeconds = (Date.now() - streamStart) / 1000;
  const { longTasks, maxFrameGap } = await page.evaluate(() => {
    window.__stopFrames = true;
    return { longTasks: window.__longTasks, maxFrameGap: window.__maxFrameGap };
  });
  const longest = longTasks.length ? Math.max(...longTasks) : 0;
  report('longest main-thread task while streaming 20,000 characters at 50 chunks/s',
    `${longTasks.length ? `${longest.toFixed(0)} ms (${longTasks.length} task(s) over 50 ms)` : 'none over 50 ms'}; largest frame gap ${maxFrameGap.toFixed(0)} ms; streamed in ${streamSeconds.toFixed(1)} s`,
    'no task over 50 ms');
  // the final write lands just after the last delta: read the saved reply once it is no longer streaming
  let saved;
  for (let i = 0; i < 50 && (!saved || saved.status === 'streaming'); i++) {
    if (saved) await sleep(200);
    const reply = await apiFetch(page, `/api/chat/${page.url().split('/').pop()}`);
    saved = reply.body.messages.filter((m) => m.role === 'assistant').pop();
  }
  console.log(`(the reply saved: ${saved.content.length} characters, ${saved.status})`);
  await screenshot(page, 'bench-stream-end');
  console.log(`(lazy JS loaded by the chat view: ${lazy.length} file(s))`);
  console.log('\nsummary');
  for (const r of results) console.log(`  ${r.name.padEnd(78)} ${r.figure}   [${r.budget}]`);
} finally {
  await browser.close();
}
