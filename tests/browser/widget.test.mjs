// Browser tests for the embeddable widget (web/widget/widget.js) against a
// real spotter server and Debian's chromium. Run from tests/browser:
//
//   npm install && node --test
//   SPOTTER_BIN=/path/to/spotter SPOTTER_WEB=../../web node --test   # files from disk
//   SPOTTER_SCREENSHOTS=1 node --test widget.test.mjs                # also writes docs/*.png
//
// Each test opens its own browser context (its own localStorage, so its own
// chat session). What the page shows is compared with what the engine says
// (`spotter ask --jsonl`), and what the widget sent with the WebSocket frames
// chromium saw.

import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {promisify} from 'node:util';
import {gzip} from 'node:zlib';
import {minify} from 'terser';
import {
  JsonSocket, addCoach, askCli, launchBrowser, makeTempDir, newContext,
  removeDir, repoRoot, servePages, startSpotter,
} from './lib/server.mjs';

const kDeadlift = 'my lower back is sore after heavy deadlifts';
const kUrgent = 'numb groin after deadlifts';
const kCaution = 'sharp pain in my shoulder when benching';
const kKnee = 'my knee hurts when squatting';
const kStronger = 'how do I get stronger';
const kDesktop = {width: 1280, height: 800};
const kPhone = {width: 375, height: 740};
const kMaxGzipBytes = 30 * 1024;
const kRatePerSecond = 8;  // the test server's --max-messages-per-second

const webDir = process.env.SPOTTER_WEB ? path.resolve(process.env.SPOTTER_WEB) : null;
const widgetFile = path.join(webDir || path.join(repoRoot, 'web'), 'widget/widget.js');
const isWritingScreenshots = process.env.SPOTTER_SCREENSHOTS === '1';

let dir;
let db;
let server;
let browser;

before(async () => {
  dir = await makeTempDir();
  db = path.join(dir, 'spotter.db');
  server = await startSpotter({db, web: webDir,
    args: ['--max-messages-per-second', String(kRatePerSecond)]});
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await removeDir(dir);
});

// ---- Helpers -----------------------------------------------------------------

// Polls `condition` (sync or async) until it returns a truthy value.
async function until(condition, message, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// The JSON frames of the page's chat sockets, as chromium saw them.
function recordFrames(page) {
  const frames = {sent: [], received: []};
  const parse = (payload) => {
    try { return JSON.parse(String(payload)); } catch (_) { return {unparsable: String(payload)}; }
  };
  page.on('websocket', (socket) => {
    if (!socket.url().endsWith('/ws')) return;
    socket.on('framesent', (frame) => frames.sent.push(parse(frame.payload)));
    socket.on('framereceived', (frame) => frames.received.push(parse(frame.payload)));
  });
  return frames;
}

// Locators inside the widget's shadow root (playwright's CSS pierces it).
function widgetOf(page) {
  const q = (selector, options) => page.locator(`spotter-chat ${selector}`, options);
  const w = {
    q,
    launcher: q('.launcher'),
    panel: q('.panel'),
    input: q('textarea'),
    answers: q('.msg.bot .answer'),
    users: q('.msg.user'),
    async open() {
      await w.launcher.click();
      await w.panel.waitFor({state: 'visible'});
      await w.online();
    },
    online: () => q('.sp[data-conn=online]').waitFor({state: 'attached', timeout: 8000}),
    // Types `text`, sends it with Enter and waits for the next answer card.
    async ask(text) {
      const count = await w.answers.count();
      await w.input.fill(text);
      await w.input.press('Enter');
      const answer = w.answers.nth(count);
      await answer.waitFor({timeout: 8000});
      return answer;
    },
    userTexts: () => q('.msg.user .bubble').allTextContents(),
  };
  return w;
}

async function openPage(url, {viewport = kDesktop, ...options} = {}) {
  const context = await newContext(browser, {viewport, ...options});
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  const frames = recordFrames(page);
  await page.goto(url);
  return {context, page, errors, frames, w: widgetOf(page)};
}

const openDemo = (options) => openPage(server.baseUrl + '/', options);

// WCAG contrast of every visible text element in the widget against the
// background actually behind it (translucent layers composited).
function lowContrastTexts(page) {
  return page.evaluate(() => {
    // "rgb(r, g, b)", "rgba(r, g, b, a)" or, from color-mix(), "color(srgb r g b / a)".
    const rgba = (text) => {
      const v = (text.match(/[\d.]+/g) || []).map(Number);
      const scale = text.startsWith('color(srgb') ? 255 : 1;
      return [(v[0] || 0) * scale, (v[1] || 0) * scale, (v[2] || 0) * scale, v.length > 3 ? v[3] : 1];
    };
    const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3])).concat(1);
    const luminance = (c) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const backgroundOf = (el) => {
      const layers = [];
      for (let node = el; node; node = node.parentElement || (node.getRootNode().host ?? null)) {
        if (node.tagName === 'SPOTTER-CHAT') break;
        const layer = rgba(getComputedStyle(node).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] === 1) break;
      }
      return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const root = document.querySelector('spotter-chat').shadowRoot;
    const bad = [];
    for (const el of root.querySelectorAll('*')) {
      const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!hasText || !el.getClientRects().length || el.closest('.sr')) continue;
      const style = getComputedStyle(el);
      // Inactive controls are exempt (WCAG 1.4.3).
      if (style.visibility !== 'visible' || el.closest('[disabled], [aria-disabled=true]')) continue;
      let color = rgba(style.color);
      let opacity = 1;
      for (let node = el; node && node !== root; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
      const background = backgroundOf(el);
      color = over([...color.slice(0, 3), color[3] * opacity], background);
      const [a, b] = [luminance(color), luminance(background)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) bad.push(`${el.className || el.tagName}: ${ratio.toFixed(2)} "${el.textContent.trim().slice(0, 30)}"`);
    }
    return bad;
  });
}

function sourceHref(id) {
  return `${server.baseUrl}/source/${encodeURIComponent(id)}`;
}

async function screenshot(page, name) {
  if (!isWritingScreenshots) return;
  await page.waitForTimeout(150);
  await page.screenshot({path: path.join(repoRoot, 'docs', name)});
}

// ---- Tests ---------------------------------------------------------------------

test('the widget file is small, self-contained and inserts no markup', async (t) => {
  const source = await readFile(widgetFile, 'utf8');
  const minified = await minify(source, {compress: true, mangle: true});
  const gzipped = await promisify(gzip)(minified.code, {level: 9});
  t.diagnostic(`widget.js: ${source.length} B source, ${minified.code.length} B minified, ` +
    `${gzipped.length} B minified+gzip`);
  assert.ok(gzipped.length < kMaxGzipBytes, `${gzipped.length} B gzipped`);
  assert.doesNotMatch(source, /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write/);
  assert.doesNotMatch(source, /\bfetch\(|XMLHttpRequest|@import|url\(|\beval\(/);
  assert.match(source.slice(0, 4000), /const MSG = Object\.freeze\(\{/, 'message types at the top');
});

test('the demo page loads without console errors (CSP included)', async (t) => {
  const context = await newContext(browser, {viewport: kDesktop});
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(server.baseUrl + '/');
  const w = widgetOf(page);
  await w.open();
  assert.deepEqual(problems, []);
  // The page's own stylesheet applied (a CSP without 'unsafe-inline' styles
  // leaves it unstyled).
  assert.equal(await page.locator('.mark').evaluate((e) => getComputedStyle(e).backgroundColor),
    'rgb(79, 70, 229)');
});

test('a conversation on the demo page', async (t) => {
  const {context, page, errors, frames, w} = await openDemo();
  t.after(() => context.close());
  const [deadlift, strength] = await askCli([kDeadlift, 'Strength']);
  const [knee] = await askCli([kKnee]);

  await t.test('the launcher opens the panel, with a greeting', async () => {
    assert.equal(await w.launcher.getAttribute('aria-expanded'), 'false');
    await w.open();
    assert.equal(await w.launcher.getAttribute('aria-expanded'), 'true');
    assert.match(await w.q('.titles h2').textContent(), /^Ask a coach$/);
    assert.equal(frames.sent[0].type, 'hello');
    assert.equal(frames.received[0].type, 'welcome');
  });

  await t.test('an answer shows its summary, advice with source links, hedges and sources', async () => {
    const answer = await w.ask(kDeadlift);
    assert.equal(await answer.locator('.summary').textContent(), deadlift.summary);
    assert.equal(await answer.locator('.safety').count(), 0);

    const titles = new Map(deadlift.sources.map((s) => [s.id, s.title]));
    const steps = answer.locator('.advice > li');
    assert.equal(await steps.count(), deadlift.advice.length);
    for (const [i, step] of deadlift.advice.entries()) {
      const item = steps.nth(i);
      assert.equal(await item.locator('div').first().textContent(), step.text);
      const link = item.locator('a.src');
      assert.equal(await link.getAttribute('href'), sourceHref(step.source));
      assert.equal(await link.getAttribute('target'), '_blank');
      assert.match(await link.getAttribute('rel'), /\bnoopener\b/);
      assert.equal(await link.textContent(), titles.get(step.source));
    }
    assert.deepEqual(await answer.locator('.hedges li').allTextContents(), deadlift.hedges);
    // Hedges are quieter than the summary.
    const [hedgeSize, summarySize] = await Promise.all([
      answer.locator('.hedges').evaluate((e) => parseFloat(getComputedStyle(e).fontSize)),
      answer.locator('.summary').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))]);
    assert.ok(hedgeSize < summarySize);

    assert.equal(deadlift.referral.to, 'coach');
    assert.equal(await answer.locator('.referral p').textContent(), deadlift.referral.text);
    assert.equal(await answer.locator('.referral button').textContent(), 'Talk to a coach');

    assert.equal(await answer.locator('.follow p').textContent(), deadlift.follow_up.question);
    assert.deepEqual(await answer.locator('.chip').allTextContents(), deadlift.follow_up.options);

    assert.equal(await answer.locator('.sources summary').textContent(), `Sources (${deadlift.sources.length})`);
    const sourceLinks = answer.locator('.sources a');
    assert.deepEqual(await sourceLinks.allTextContents(), deadlift.sources.map((s) => s.title));
    assert.deepEqual(await sourceLinks.evaluateAll((links) => links.map((a) => a.href)),
      deadlift.sources.map((s) => sourceHref(s.id)));
    assert.ok(await answer.locator('xpath=..').locator('time').count(), 'a timestamp');
    assert.equal(await w.q('.typing').isVisible(), false, 'typing indicator gone');
    assert.deepEqual(await lowContrastTexts(page), []);
    await screenshot(page, 'widget-desktop.png');
  });

  await t.test('a source link opens the passage page', async () => {
    const id = deadlift.advice[0].source;
    const response = await fetch(sourceHref(id));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /text\/html/);
    assert.ok((await response.text()).includes(deadlift.sources.find((s) => s.id === id).title));
  });

  await t.test('a follow-up option is sent as the next question', async () => {
    const count = await w.answers.count();
    const firstChips = w.answers.nth(count - 1).locator('.chip');
    await firstChips.filter({hasText: /^Strength$/}).click();
    const answer = w.answers.nth(count);
    await answer.waitFor();
    assert.equal(await answer.locator('.summary').textContent(), strength.summary);
    assert.deepEqual((await w.userTexts()).slice(-1), ['Strength']);
    const asks = frames.sent.filter((f) => f.type === 'ask');
    assert.deepEqual(asks.map((f) => f.text), [kDeadlift, 'Strength']);
    assert.equal(new Set(asks.map((f) => f.id)).size, 2, 'fresh ids');
    assert.ok(await firstChips.first().isDisabled(), 'old options are history');
    assert.equal(await firstChips.filter({hasText: /^Strength$/}).getAttribute('aria-pressed'), 'true');
  });

  await t.test('after a reload the history is there, once', async () => {
    const users = await w.userTexts();
    const summaries = await w.q('.answer .summary').allTextContents();
    await page.reload();
    await w.panel.waitFor({state: 'visible'});  // it was open: it stays open
    await until(async () => (await w.answers.count()) === summaries.length, 'history answers');
    assert.deepEqual(await w.userTexts(), users);
    assert.deepEqual(await w.q('.answer .summary').allTextContents(), summaries);
    assert.equal(await w.q('.answer .sources').count(), summaries.length, 'whole answers, not just text');
    assert.equal(frames.sent.filter((f) => f.type === 'hello').at(-1).session,
      frames.received.find((f) => f.type === 'welcome').session);
  });

  await t.test('a server restart: offline notice, a queued message sent once, then back to normal', async () => {
    const asksBefore = frames.sent.filter((f) => f.type === 'ask').length;
    const answersBefore = await w.answers.count();
    const port = server.port;
    await server.stop();
    await w.q('.offline').waitFor({state: 'visible'});
    assert.match(await w.q('.status').textContent(), /Offline/);

    await w.input.fill(kKnee);
    await w.input.press('Enter');
    const bubble = w.users.last();
    await until(async () => /Queued/.test(await bubble.locator('.state').textContent()), 'queued label');
    await page.waitForTimeout(700);  // a retry or two fail while the server is down
    assert.equal(frames.sent.filter((f) => f.type === 'ask').length, asksBefore, 'nothing sent while offline');

    server = await startSpotter({db, port, web: webDir,
      args: ['--max-messages-per-second', String(kRatePerSecond)]});
    await w.q('.offline').waitFor({state: 'hidden', timeout: 15000});
    const answer = w.answers.nth(answersBefore);
    await answer.waitFor();
    assert.equal(await answer.locator('.summary').textContent(), knee.summary);
    assert.equal(await bubble.locator('.state').textContent(), '');
    await page.waitForTimeout(500);
    assert.equal(await w.answers.count(), answersBefore + 1, 'one answer, not two');
    assert.equal((await w.userTexts()).filter((text) => text === kKnee).length, 1, 'rendered once');
    assert.deepEqual(frames.sent.filter((f) => f.type === 'ask').slice(asksBefore).map((f) => f.text), [kKnee]);

    await w.ask(kStronger);  // and the chat goes on
    await page.reload();
    await until(async () => (await w.answers.count()) === answersBefore + 2, 'history after restart');
    assert.equal((await w.userTexts()).filter((text) => text === kKnee).length, 1, 'stored once');
    assert.deepEqual(errors, []);
  });
});

test('safety: the urgent banner comes first, a caution banner above the answer', async (t) => {
  const {context, page, w} = await openDemo();
  t.after(() => context.close());
  const [urgent] = await askCli([kUrgent]);
  const [caution] = await askCli([kCaution]);
  assert.equal(urgent.safety.level, 'urgent');
  assert.equal(caution.safety.level, 'caution');
  await w.open();

  const card = await w.ask(kUrgent);
  const banner = card.locator('.safety.urgent');
  assert.equal(await banner.count(), 1);
  assert.equal(await card.evaluate((c) => c.firstElementChild.classList.contains('urgent')), true);
  assert.match(await banner.locator('b').textContent(), /Seek medical care/);
  assert.ok((await banner.textContent()).includes(urgent.safety.message));
  assert.ok((await banner.textContent()).includes(urgent.referral.text));
  for (const flag of urgent.safety.flags) assert.ok((await banner.textContent()).includes(flag));
  // Every word of the summary is on screen (its opening repeats the banner).
  const shown = (await banner.textContent()) + ' ' + (await card.locator('.summary').textContent());
  assert.ok(urgent.summary.split(/\s+/).every((word) => shown.includes(word)));
  // Before the advice in DOM order and on screen.
  assert.ok(await card.evaluate((c) => {
    const b = c.querySelector('.safety');
    return [c.querySelector('.summary'), c.querySelector('.advice')]
      .every((e) => b.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
  }));
  const [bannerBox, adviceBox] = [await banner.boundingBox(), await card.locator('.advice').boundingBox()];
  assert.ok(bannerBox.y + bannerBox.height <= adviceBox.y);
  assert.ok(await banner.isVisible(), 'the banner is scrolled into view');
  assert.equal(await card.locator('.referral button').count(), 0, 'no coach button on a medical referral');

  const cautionCard = await w.ask(kCaution);
  assert.equal(await cautionCard.evaluate((c) => c.firstElementChild.classList.contains('caution')), true);
  assert.ok((await cautionCard.locator('.safety').textContent()).includes(caution.safety.message));
  assert.equal(await cautionCard.locator('.summary').textContent(), caution.summary);
  assert.deepEqual(await lowContrastTexts(page), []);
});

test('keyboard only: Tab to the launcher, Enter opens, type and Enter, Esc closes', async (t) => {
  const {context, page, w} = await openDemo();
  t.after(() => context.close());
  const isFocused = (selector) => page.evaluate((s) => {
    const host = document.activeElement;
    return host?.tagName === 'SPOTTER-CHAT' && !!host.shadowRoot.activeElement?.matches(s);
  }, selector);

  await until(async () => {
    await page.keyboard.press('Tab');
    return isFocused('.launcher');
  }, 'Tab reaches the launcher', 10000);
  assert.match(await w.launcher.getAttribute('aria-label'), /Open chat: Ask a coach/);
  await page.keyboard.press('Enter');
  await w.panel.waitFor({state: 'visible'});
  assert.equal(await w.launcher.getAttribute('aria-expanded'), 'true');
  assert.ok(await isFocused('textarea'), 'focus moved into the input');
  await w.online();

  await page.keyboard.type(kStronger);
  await page.keyboard.press('Enter');
  await w.answers.first().waitFor();
  assert.ok(await isFocused('textarea'), 'focus stays in the input');
  assert.equal(await w.input.inputValue(), '');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await w.input.inputValue(), '\n', 'Shift+Enter is a new line');
  await w.input.fill('');
  await page.keyboard.press('Tab');
  assert.ok(await isFocused('.send'), 'Tab goes on to Send');

  // Accessible names and the live region.
  const log = w.q('[role=log]');
  assert.equal(await log.getAttribute('aria-live'), 'polite');
  assert.equal(await log.locator('.answer').count(), 1, 'answers are added inside the log');
  const unnamed = await page.evaluate(() => [...document.querySelector('spotter-chat').shadowRoot
    .querySelectorAll('button, textarea, a')]
    .filter((e) => !(e.getAttribute('aria-label') || e.textContent.trim())).map((e) => e.className));
  assert.deepEqual(unnamed, []);
  assert.equal(await w.q('.panel').getAttribute('role'), 'dialog');

  await page.keyboard.press('Escape');
  await w.panel.waitFor({state: 'hidden'});
  assert.equal(await w.launcher.getAttribute('aria-expanded'), 'false');
  assert.ok(await isFocused('.launcher'), 'focus is back on the launcher');
  await page.keyboard.press('Enter');
  await w.panel.waitFor({state: 'visible'});
  await w.q('.ibtn[aria-label="Close chat"]').click();
  assert.ok(await isFocused('.launcher'), 'the close button also returns focus');
});

test('a 375-px phone gets a full-screen panel', async (t) => {
  const {context, page, w} = await openDemo({viewport: kPhone, deviceScaleFactor: 2, hasTouch: true});
  t.after(() => context.close());
  await w.open();
  assert.deepEqual(await w.panel.boundingBox(), {x: 0, y: 0, width: kPhone.width, height: kPhone.height});
  assert.equal(await w.launcher.isVisible(), false, 'the panel covers the launcher');
  await w.ask(kCaution);
  assert.ok(await w.q('.scroll').evaluate((e) => e.scrollWidth <= e.clientWidth), 'no sideways scrolling');
  const boxes = await w.q('.head button, .composer > *').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
  assert.ok(boxes.every((right) => right <= kPhone.width));
  await screenshot(page, 'widget-phone.png');
  await w.q('.ibtn[aria-label="Close chat"]').click();
  assert.equal(await w.launcher.isVisible(), true);
});

test('hostile page CSS does not change the widget, and the widget does not change the page', async (t) => {
  const fixture = await readFile(path.join(import.meta.dirname, 'fixtures/hostile.html'), 'utf8');
  const site = await servePages({'/': {body: fixture.replaceAll('127.0.0.1:8080', new URL(server.baseUrl).host)}});
  t.after(() => site.close());
  const plain = await openDemo();
  const hostile = await openPage(site.baseUrl + '/');
  t.after(() => Promise.all([plain.context.close(), hostile.context.close()]));
  await Promise.all([plain.w.open(), hostile.w.open()]);
  assert.deepEqual(hostile.errors, []);

  const selectors = ['.launcher', '.panel', '.head', '.titles h2', '.hbtn', '.ibtn', '.scroll', '.greet .card',
    '.composer textarea', '.send', '.foot'];
  const properties = ['display', 'position', 'font-family', 'font-size', 'font-weight', 'line-height',
    'letter-spacing', 'text-transform', 'color', 'background-color', 'border-top-width', 'border-radius',
    'padding-top', 'padding-left', 'box-sizing', 'visibility', 'opacity', 'cursor', 'z-index'];
  const snapshot = (page) => page.evaluate(({selectors, properties}) => {
    const root = document.querySelector('spotter-chat').shadowRoot;
    return Object.fromEntries(selectors.map((s) => {
      const el = root.querySelector(s);
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return [s, {box: [box.x, box.y, box.width, box.height].map(Math.round),
        style: Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]))}];
    }));
  }, {selectors, properties});
  assert.deepEqual(await snapshot(hostile.page), await snapshot(plain.page));

  // And pixel by pixel (inside the rounded corners, where the page shows).
  const box = await plain.w.panel.boundingBox();
  const clip = {x: box.x + 20, y: box.y + 20, width: box.width - 40, height: box.height - 40};
  const [a, b] = await Promise.all([plain.page.screenshot({clip}), hostile.page.screenshot({clip})]);
  const differing = await plain.page.evaluate(async ([a, b]) => {
    const pixels = async (base64) => {
      const image = new Image();
      image.src = 'data:image/png;base64,' + base64;
      await image.decode();
      const canvas = new OffscreenCanvas(image.width, image.height);
      const g = canvas.getContext('2d');
      g.drawImage(image, 0, 0);
      return g.getImageData(0, 0, image.width, image.height).data;
    };
    const [p, q] = await Promise.all([pixels(a), pixels(b)]);
    let count = 0;
    for (let i = 0; i < p.length; i += 4) {
      if (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]) > 24) count++;
    }
    return count / (p.length / 4);
  }, [a.toString('base64'), b.toString('base64')]);
  assert.ok(differing < 0.001, `${(differing * 100).toFixed(2)}% of the panel's pixels differ`);

  // The hostile page still works: it answers through the widget too.
  await hostile.w.ask(kKnee);

  // The page with the widget lays out exactly like the page without it.
  const bare = await openDemo();
  t.after(() => bare.context.close());
  await bare.page.route('**/widget.js', (route) => route.abort());
  await bare.page.reload();
  const pageLayout = (page) => page.evaluate(() => ({
    elements: [...document.body.querySelectorAll('*')].map((e) => {
      const r = e.getBoundingClientRect();
      return `${e.tagName} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)} ${getComputedStyle(e).font}`;
    }),
    sheets: document.styleSheets.length + document.adoptedStyleSheets.length,
    extra: [...document.documentElement.children].map((e) => e.tagName),
  }));
  const [withWidget, without] = [await pageLayout(plain.page), await pageLayout(bare.page)];
  assert.deepEqual(withWidget.elements, without.elements);
  assert.equal(withWidget.sheets, without.sheets);
  assert.deepEqual(withWidget.extra, ['HEAD', 'BODY', 'SPOTTER-CHAT']);
});

test('embedding options: data-* attributes, CSS custom properties, data-server; the title is text', async (t) => {
  const widgetUrl = `${server.baseUrl}/widget.js`;
  const page = (attributes, style = '') => ({body: `<!doctype html><html><head><style>${style}</style></head>` +
    `<body><p>site</p><script src="${widgetUrl}" ${attributes} async></script></body></html>`});
  const site = await servePages({
    '/red-left': page('data-color="#b91c1c" data-position="left" data-title="Form check &lt;img src=x onerror=alert(1)&gt;"'),
    '/css': page('data-color="#b91c1c"', ':root { --spotter-accent: #047857; --spotter-radius: 4px; }'),
    '/yellow': page('data-color="#facc15"'),
    // A copy of widget.js served by the site itself, pointed at spotter.
    '/copy': {body: `<!doctype html><html><body><script src="/widget.js" data-server="${server.baseUrl}" async>` +
      '</script></body></html>'},
    '/widget.js': {body: await readFile(widgetFile), type: 'text/javascript'},
  });
  t.after(() => site.close());
  const color = (locator, property = 'background-color') =>
    locator.evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), property);

  const red = await openPage(site.baseUrl + '/red-left');
  t.after(() => red.context.close());
  await red.w.launcher.waitFor();
  assert.equal(await color(red.w.launcher), 'rgb(185, 28, 28)');
  assert.ok((await red.w.launcher.boundingBox()).x < 40, 'on the left');
  await red.w.open();
  assert.equal(await red.w.q('.titles h2').textContent(), 'Form check <img src=x onerror=alert(1)>');
  assert.equal(await red.w.q('img').count(), 0);
  assert.ok((await red.w.panel.boundingBox()).x < 40);

  const css = await openPage(site.baseUrl + '/css');
  t.after(() => css.context.close());
  await css.w.launcher.waitFor();
  assert.equal(await color(css.w.launcher), 'rgb(4, 120, 87)', '--spotter-accent wins over data-color');
  await css.w.open();
  assert.equal(await color(css.w.panel, 'border-top-left-radius'), '4px');

  const yellow = await openPage(site.baseUrl + '/yellow');
  t.after(() => yellow.context.close());
  await yellow.w.open();
  assert.equal(await color(yellow.w.launcher, 'color'), 'rgb(17, 24, 39)', 'dark text on a light accent');
  await yellow.w.ask(kDeadlift);
  assert.deepEqual(await lowContrastTexts(yellow.page), []);

  const copy = await openPage(site.baseUrl + '/copy');
  t.after(() => copy.context.close());
  await copy.w.open();
  const answer = await copy.w.ask(kKnee);
  assert.ok((await answer.locator('a.src').first().getAttribute('href')).startsWith(`${server.baseUrl}/source/`));
  assert.equal(copy.frames.sent[0].type, 'hello', 'data-server is where the socket goes');
});

test('errors are shown politely; a rate-limited message can be retried', async (t) => {
  const {context, page, frames, w} = await openDemo();
  t.after(() => context.close());
  await w.open();
  // More messages at once than the server's per-second budget.
  await w.input.evaluate((input, n) => {
    for (let i = 0; i < n; i++) {
      input.value = `my knee hurts when squatting (${i})`;
      input.form.requestSubmit();
    }
  }, kRatePerSecond * 2);
  await until(() => frames.received.some((f) => f.code === 'rate_limited'), 'rate_limited');
  const notice = w.q('.notice').first();
  await notice.waitFor();
  assert.match(await notice.textContent(), /a little fast/);
  assert.doesNotMatch(await notice.textContent(), /rate_limited/);
  await until(async () => !(await w.q('.typing').isVisible()), 'typing indicator cleared');
  const failed = w.q('.msg.user:has(.failed)');
  const failedCount = await failed.count();
  assert.equal(failedCount, frames.received.filter((f) => f.code === 'rate_limited').length);

  await page.waitForTimeout(1000);  // the budget refills
  const answers = await w.answers.count();
  await failed.first().locator('.retry').click();
  await w.answers.nth(answers).waitFor();
  assert.equal(await failed.count(), failedCount - 1);

  // Too long for the server: refused before sending, and the text stays in
  // the box (typed or pasted in full, never cut silently) to be shortened.
  const asks = frames.sent.filter((f) => f.type === 'ask').length;
  await w.input.fill('x'.repeat(4001));
  assert.equal((await w.input.inputValue()).length, 4001);
  await w.input.press('Enter');
  await until(async () => /too long/.test(await w.q('.notice').last().textContent()), 'too-long notice');
  assert.equal(frames.sent.filter((f) => f.type === 'ask').length, asks);
  assert.equal((await w.input.inputValue()).length, 4001);
  await w.input.fill('');
});

test('coach hand-off: waiting, a person joins and replies, the user is relayed, the bot returns',
  async (t) => {
    const token = await addCoach('Sam', db);
    const coach = await JsonSocket.open(`${server.baseUrl.replace('http', 'ws')}/coach`);
    t.after(() => coach.close());
    coach.send({type: 'auth', token});
    assert.equal((await coach.next('authed')).coach, 'Sam');

    const {context, page, frames, w} = await openDemo();
    t.after(() => context.close());
    await w.open();
    await w.ask(kDeadlift);

    await w.q('.head .hbtn').click();
    const escalate = await until(() => frames.sent.find((f) => f.type === 'escalate'), 'escalate sent');
    const escalated = await until(() => frames.received.find((f) => f.type === 'escalated'), 'escalated');
    assert.equal(escalated.reply_to, escalate.id);
    const handoff = w.q('.handoff');
    await handoff.waitFor();
    assert.match(await handoff.textContent(), /Waiting for a coach/);
    if (escalated.message) assert.ok((await handoff.textContent()).includes(escalated.message));
    assert.equal(await w.q('.head .hbtn').getAttribute('aria-disabled'), 'true');

    const opened = await coach.next((m) => m.type === 'ticket_opened' && m.ticket === escalated.ticket);
    coach.send({type: 'claim', ticket: opened.ticket});
    await coach.next('claimed');
    await w.q('.msg.event', {hasText: 'Sam joined'}).waitFor();
    await w.q('.event', {hasText: /^Sam joined$/}).waitFor();
    assert.match(await w.q('.status').textContent(), /Chatting with Sam/);

    const hello = "Hi, I'm Sam. Could you film a heavy set from the side?";
    coach.send({type: 'say', ticket: opened.ticket, text: hello});
    const fromCoach = w.q('.msg.coach').last();
    await fromCoach.waitFor();
    assert.equal(await fromCoach.locator('.bubble').textContent(), hello);
    assert.equal(await fromCoach.locator('.who b').textContent(), 'Sam');
    assert.match(await fromCoach.locator('.tag').textContent(), /real person/);
    const background = (l) => l.evaluate((e) => getComputedStyle(e).backgroundColor);
    const coachBackground = await background(fromCoach.locator('.bubble'));
    assert.notEqual(coachBackground, await background(w.q('.msg.user .bubble').first()));
    assert.notEqual(coachBackground, await background(w.answers.first()));

    const answers = await w.answers.count();
    const reply = 'Sure, I will film it tonight';
    await w.input.fill(reply);
    await w.input.press('Enter');
    assert.equal((await coach.next('user_message')).text, reply);
    await until(() => frames.received.some((f) => f.type === 'relayed'), 'relayed');
    await until(async () => /Delivered to Sam/.test(await w.users.last().textContent()), 'delivered label');
    assert.equal(await w.q('.typing').isVisible(), false);
    assert.equal(await w.answers.count(), answers, 'no bot answer while the coach has the chat');
    assert.deepEqual(await lowContrastTexts(page), []);

    await page.reload();
    await w.q('.msg.coach').last().waitFor();
    assert.equal(await w.q('.msg.coach .bubble').last().textContent(), hello);
    assert.match(await w.q('.handoff').textContent(), /chatting with Sam/);

    coach.send({type: 'close', ticket: opened.ticket, note: 'filming'});
    await coach.next('closed');
    await w.q('.event', {hasText: 'Sam left; the bot answers again'}).waitFor();
    await w.q('.handoff').waitFor({state: 'hidden'});
    await w.ask(kKnee);

    // The "Talk to a coach" button on an answer escalates too.
    await w.answers.first().locator('.referral button').click();
    const second = await coach.next((m) => m.type === 'ticket_opened' && m.ticket !== opened.ticket);
    assert.ok(second.ticket);
    await w.q('.handoff').waitFor();
    assert.equal(frames.sent.filter((f) => f.type === 'escalate').length, 2);
  });
