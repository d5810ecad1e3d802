// Browser tests for the coach console (web/coach/) against a real spotter
// server and Debian's chromium: a coach signs in, claims a ticket that a
// lifter's WebSocket client opened, replies, and the lifter receives it.
// Run from tests/browser: `node --test coach.test.mjs`;
// SPOTTER_SCREENSHOTS=1 also writes docs/coach-console.png.

import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {
  JsonSocket, addCoach, launchBrowser, makeTempDir, newContext, removeDir, repoRoot,
  startSpotter,
} from './lib/server.mjs';

const kDeadlift = 'my lower back is sore after heavy deadlifts';
const kHostileText = '<img src=x onerror="window.__owned=1"> <b>bold?</b>';
const isWritingScreenshots = process.env.SPOTTER_SCREENSHOTS === '1';
const webDir = process.env.SPOTTER_WEB ? path.resolve(process.env.SPOTTER_WEB) : null;

let dir;
let db;
let server;
let browser;
let token;

before(async () => {
  dir = await makeTempDir('spotter-coach-');
  db = path.join(dir, 'spotter.db');
  token = await addCoach('Sam', db);
  server = await startSpotter({db, web: webDir});
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await removeDir(dir);
});

// A lifter on /ws who asks the deadlift question and escalates.
async function escalatingLifter(note) {
  const lifter = await JsonSocket.open(server.socketUrl);
  lifter.send({type: 'hello'});
  await lifter.next('welcome');
  lifter.send({type: 'ask', id: 'a1', text: kDeadlift});
  await lifter.next('answer');
  lifter.send({type: 'escalate', id: 'e1', note});
  const escalated = await lifter.next('escalated');
  return {lifter, ticket: escalated.ticket};
}

async function signIn(page, withToken) {
  await page.goto(`${server.baseUrl}/coach`);
  await page.getByLabel('Coach token').fill(withToken);
  await page.getByRole('button', {name: 'Sign in'}).click();
}

test('a coach signs in, claims a ticket, replies, and the lifter gets the reply', async () => {
  const context = await newContext(browser, {viewport: {width: 1280, height: 820}});
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  await signIn(page, token);
  await page.locator('#status', {hasText: 'Online'}).waitFor();
  assert.equal(await page.locator('#who').textContent(), 'Sam');

  // A ticket opened now is pushed to the open console; a coach looking at
  // another window sees a count in the title.
  await page.evaluate(() => { document.hasFocus = () => false; });
  const {lifter, ticket} = await escalatingLifter('it keeps coming back after every session');
  const item = page.locator(`#queue button[data-ticket="${ticket}"]`);
  await item.waitFor();
  assert.equal(await page.title(), '(1) spotter coach console');
  await page.evaluate(() => { delete document.hasFocus; window.dispatchEvent(new Event('focus')); });
  assert.equal(await page.title(), 'spotter coach console');
  assert.match(await item.textContent(), /back\.soreness\.deadlift/);
  assert.match(await item.textContent(), /it keeps coming back/);

  await item.click();
  await page.getByRole('button', {name: 'Claim'}).click();
  const joined = await lifter.next('coach_joined');
  assert.equal(joined.coach, 'Sam');
  await page.locator(`#mine button[data-ticket="${ticket}"]`).waitFor();

  // The transcript shows the bot's answer as the lifter saw it.
  const transcript = page.locator('#transcript');
  await transcript.getByText(kDeadlift).waitFor();
  const bot = transcript.locator('li.entry.bot').first();
  assert.match(await bot.textContent(), /back\.soreness\.deadlift/);
  assert.ok(await bot.locator('a[href^="/source/"]').count() > 0, 'advice links to its sources');
  assert.ok(await bot.locator('.hedges').count() > 0, 'hedges are shown');

  // Reply from the console: Enter sends.
  await page.getByLabel('Reply to the lifter').fill('Hi, Sam here. How heavy were the deadlifts?');
  await page.getByLabel('Reply to the lifter').press('Enter');
  const reply = await lifter.next('coach_message');
  assert.equal(reply.text, 'Hi, Sam here. How heavy were the deadlifts?');
  assert.equal(reply.coach, 'Sam');
  await transcript.getByText('Hi, Sam here.').waitFor();

  // The lifter's words arrive live.
  lifter.send({type: 'ask', id: 'a2', text: 'About 140 kg, five sets of three. It aches the next day.'});
  await lifter.next('relayed');
  await transcript.getByText('About 140 kg').waitFor();
  if (isWritingScreenshots) {
    await page.screenshot({path: path.join(repoRoot, 'docs/coach-console.png')});
  }

  // As text, never as markup.
  lifter.send({type: 'ask', id: 'a2', text: kHostileText});
  await lifter.next('relayed');
  await transcript.getByText(kHostileText).waitFor();
  assert.equal(await transcript.locator('img, b').count(), 0);
  assert.equal(await page.evaluate(() => window.__owned), undefined);

  // Closing hands the lifter back to the bot.
  await page.getByPlaceholder('Closing note (optional)').fill('advised two easy days');
  await page.getByRole('button', {name: 'Close ticket'}).click();
  assert.equal((await lifter.next('coach_left')).ticket, ticket);
  await page.locator(`#mine button[data-ticket="${ticket}"]`).waitFor({state: 'detached'});
  lifter.send({type: 'ask', id: 'a3', text: kDeadlift});
  assert.equal((await lifter.next('answer')).reply_to, 'a3');
  await lifter.close();

  assert.deepEqual(problems, []);
  await context.close();
});

test('a wrong token is refused with a message and no console', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, 'f'.repeat(64));
  await page.locator('#login-error', {hasText: 'not accepted'}).waitFor();
  assert.equal(await page.locator('#desk').isHidden(), true);
  await context.close();
});

test('the console reconnects after the server restarts and keeps its ticket', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, token);
  await page.locator('#status', {hasText: 'Online'}).waitFor();
  const {lifter, ticket} = await escalatingLifter('');
  await page.locator(`#queue button[data-ticket="${ticket}"]`).click();
  await page.getByRole('button', {name: 'Claim'}).click();
  await page.locator(`#mine button[data-ticket="${ticket}"]`).waitFor();
  await lifter.close();

  const port = server.port;
  await server.stop();
  await page.locator('#status', {hasText: /Offline|Reconnecting/}).waitFor();
  server = await startSpotter({db, web: webDir, port});
  await page.locator('#status', {hasText: 'Online'}).waitFor({timeout: 20000});
  await page.locator(`#mine button[data-ticket="${ticket}"]`).waitFor();
  await page.getByRole('button', {name: 'Close ticket'}).click();
  await page.locator(`#mine button[data-ticket="${ticket}"]`).waitFor({state: 'detached'});
  await context.close();
});
