// Shared helpers for the browser tests (the widget, the coach console): start
// and stop a real `spotter serve` on a temp database, create coach accounts,
// talk JSON over WebSocket like a coach or a user would, and launch Debian's
// chromium through playwright-core (never a downloaded browser).
//
// Environment:
//   SPOTTER_BIN  the binary (default ../../build/spotter from tests/browser)
//   CHROMIUM     the browser (default /usr/bin/chromium)
// and, by convention, read by the test files and passed as startSpotter's
// `web`: SPOTTER_WEB, a web/ directory to serve with --web instead of the
// copies compiled into the binary (edit and reload, no rebuild).

import {spawn, execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import http from 'node:http';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {chromium} from 'playwright-core';
import WebSocket from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
export const browserTestsDir = path.resolve(here, '..');
export const repoRoot = path.resolve(browserTestsDir, '../..');

const run = promisify(execFile);

export function spotterBinary() {
  return path.resolve(browserTestsDir, process.env.SPOTTER_BIN || '../../build/spotter');
}

export async function makeTempDir(prefix = 'spotter-browser-') {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function removeDir(dir) {
  if (dir) await rm(dir, {recursive: true, force: true});
}

// Starts `spotter serve` and resolves once it prints its listening line.
// Options: port (0 = any free one), db (required), web (a directory; passed
// as --web; the binary must support it), args (more flags), bin.
// Returns {port, baseUrl, socketUrl, process, output(), stop()}.
export async function startSpotter(options) {
  const bin = options.bin || spotterBinary();
  const args = ['serve', '--host', '127.0.0.1', '--port', String(options.port || 0),
    '--db', options.db, '--rules', path.join(repoRoot, 'rules'),
    '--corpus', path.join(repoRoot, 'corpus'), ...(options.args || [])];
  if (options.web) args.push('--web', options.web);
  const env = {...process.env};
  delete env.SPOTTER_WEB;  // only what `args` says
  delete env.SPOTTER_PORT;
  const child = spawn(bin, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
  let output = '';
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({code, signal})));

  const port = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => fail(new Error('spotter did not start in 10 s')), 10000);
    function fail(error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${args.join(' ')}\n${stdout}${output}`));
    }
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
      const match = /listening on http:\/\/[^:\s]+:(\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => fail(new Error(`spotter exited with ${code} before listening`)));
    child.once('error', fail);
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    port,
    baseUrl,
    socketUrl: `ws://127.0.0.1:${port}/ws`,
    process: child,
    output: () => output,
    // SIGTERM, then SIGKILL if it has not exited within `graceMs`.
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

// `spotter coach add NAME --db PATH`: the new coach's access token.
export async function addCoach(name, db, bin = spotterBinary()) {
  const {stdout} = await run(bin, ['coach', 'add', name, '--db', db]);
  const token = stdout.trim().split('\n').pop().trim();
  if (!token) throw new Error(`spotter coach add printed no token: ${stdout}`);
  return token;
}

// `spotter ask --jsonl` over one session: the answer objects, in order. The
// browser tests compare what the page shows with what the engine says.
export async function askCli(questions, bin = spotterBinary()) {
  const input = questions.map((text) => JSON.stringify({text, session: 's1'})).join('\n') + '\n';
  const child = spawn(bin, ['ask', '--jsonl', '--rules', path.join(repoRoot, 'rules'),
    '--corpus', path.join(repoRoot, 'corpus')], {stdio: ['pipe', 'pipe', 'pipe']});
  let stdout = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stdin.end(input);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`spotter ask --jsonl exited with ${code}`);
  return stdout.trim().split('\n').map((line) => JSON.parse(line));
}

// A JSON-per-frame WebSocket client with a queue to await messages from:
//   const coach = await JsonSocket.open(`${baseUrl.replace('http', 'ws')}/coach`);
//   coach.send({type: 'auth', token});
//   const authed = await coach.next('authed');
export class JsonSocket {
  static open(url, timeoutMs = 5000) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const timer = setTimeout(() => { ws.terminate(); reject(new Error(`no connection to ${url}`)); }, timeoutMs);
      ws.once('open', () => { clearTimeout(timer); resolve(new JsonSocket(ws)); });
      ws.once('error', (error) => { clearTimeout(timer); reject(error); });
    });
  }

  constructor(ws) {
    this.ws = ws;
    this.received = [];  // every message, in order
    this.unread = [];
    this.waiters = [];
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      this.received.push(message);
      const waiter = this.waiters.find((w) => w.matches(message));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      } else {
        this.unread.push(message);
      }
    });
  }

  send(message) {
    this.ws.send(JSON.stringify(message));
  }

  // The next message (already received or still to come) whose type is
  // `match`, or for which `match(message)` is true; skipped ones stay queued.
  next(match, timeoutMs = 5000) {
    const matches = typeof match === 'function' ? match : (m) => m.type === match;
    const index = this.unread.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.unread.splice(index, 1)[0]);
    return new Promise((resolve, reject) => {
      const waiter = {matches, resolve: (m) => { clearTimeout(timer); resolve(m); }};
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no ${typeof match === 'string' ? match : 'matching message'} within ${timeoutMs} ms; ` +
          `got ${JSON.stringify(this.received.map((m) => m.type))}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  close() {
    this.ws.close();
    return this.closed;
  }
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    headless: true,
  });
}

// A fresh browser context (its own storage); reduced motion makes the
// layout settle at once.
export function newContext(browser, options = {}) {
  return browser.newContext({reducedMotion: 'reduce', ...options});
}

// A throwaway HTTP server on 127.0.0.1 for pages that are not spotter's own
// (a coaching site embedding the widget from another origin). `pages` maps a
// path to {body, type}. Returns {baseUrl, close()}.
export async function servePages(pages) {
  const server = http.createServer((request, response) => {
    const page = pages[new URL(request.url, 'http://x').pathname];
    if (!page) {
      response.writeHead(404, {'content-type': 'text/plain'}).end('not found');
      return;
    }
    response.writeHead(200, {'content-type': page.type || 'text/html; charset=utf-8'}).end(page.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
