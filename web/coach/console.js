// The coach console: signs in on the /coach WebSocket, shows the queue and
// the coach's own conversations, the transcript as the lifter saw it, and
// lets the coach claim, reply and close. Reconnects on its own after a drop.
// Every text from a user, the bot or a coach goes in with textContent.

// Message types of the coach channel (shared/spec/contract.md).
const MSG = Object.freeze({
  AUTH: 'auth',
  AUTHED: 'authed',
  TICKET_OPENED: 'ticket_opened',
  TICKET_CLAIMED: 'ticket_claimed',
  CLAIM: 'claim',
  CLAIMED: 'claimed',
  SAY: 'say',
  SAID: 'said',
  USER_MESSAGE: 'user_message',
  CLOSE: 'close',
  CLOSED: 'closed',
  ERROR: 'error',
});
const TOKEN_KEY = 'spotter.coach.token';
const POLICY_CLOSE = 1008;  // the server's "unauthorized" close code
const BASE_TITLE = 'spotter coach console';

const $ = (id) => document.getElementById(id);

const state = {
  token: sessionStorage.getItem(TOKEN_KEY) || '',
  coach: '',
  socket: null,
  tickets: new Map(),  // id -> ticket summary, plus transcript once claimed
  selected: '',
  retries: 0,
  retryTimer: 0,
  pendingSays: new Map(),  // message id -> text, until the server says "said"
  sequence: 0,
  unseen: 0,
  audio: null,
};

// ---- helpers ----

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function timeOf(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
}

function waitedSince(iso) {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
  if (!Number.isFinite(minutes)) return '';
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

// A badge for caution and urgent only: "none" on every ticket would be noise.
function safetyBadge(level) {
  if (level !== 'urgent' && level !== 'caution') return document.createTextNode('');
  const badge = element('span', `badge ${level}`, level);
  badge.title = `Safety level: ${level}`;
  return badge;
}

function setStatus(text, kind) {
  const status = $('status');
  status.textContent = text;
  status.className = `status ${kind || ''}`;
}

// A short tone and a count in the title, so a new ticket is noticed in
// another tab. The tone is made here (Web Audio), not fetched.
function notify() {
  if (document.hidden || !document.hasFocus()) {
    state.unseen += 1;
    document.title = `(${state.unseen}) ${BASE_TITLE}`;
  }
  try {
    const audio = state.audio;
    if (!audio) return;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.35);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.35);
  } catch {
    // no sound available: the title badge still tells
  }
}

function clearUnseen() {
  state.unseen = 0;
  document.title = BASE_TITLE;
}

// ---- the connection ----

function socketUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/coach`;
}

function connect() {
  clearTimeout(state.retryTimer);
  setStatus(state.retries ? 'Reconnecting…' : 'Connecting…', 'offline');
  const socket = new WebSocket(socketUrl());
  state.socket = socket;
  socket.addEventListener('open', () => {
    socket.send(JSON.stringify({type: MSG.AUTH, token: state.token}));
  });
  socket.addEventListener('message', (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    handle(message);
  });
  socket.addEventListener('close', (event) => {
    if (state.socket !== socket) return;
    state.socket = null;
    if (event.code === POLICY_CLOSE || !state.token) {
      signOut(state.coach ? 'You were signed out.' : $('login-error').textContent);
      return;
    }
    // Back off: 1 s, 2 s, 4 s… up to 15 s, with jitter so that many consoles
    // do not come back at the same instant after a restart.
    const delay = Math.min(15000, 1000 * 2 ** state.retries) * (0.75 + Math.random() / 2);
    state.retries += 1;
    setStatus('Offline, reconnecting…', 'offline');
    state.retryTimer = setTimeout(connect, delay);
  });
}

function send(message) {
  if (!state.socket || state.socket.readyState !== WebSocket.OPEN) {
    showTicketError('Not connected; try again in a moment.');
    return false;
  }
  state.socket.send(JSON.stringify(message));
  return true;
}

// ---- messages from the server ----

function handle(message) {
  switch (message.type) {
    case MSG.AUTHED: return onAuthed(message);
    case MSG.TICKET_OPENED: return onTicketOpened(message);
    case MSG.TICKET_CLAIMED: return onTicketClaimedElsewhere(message);
    case MSG.CLAIMED: return onClaimed(message);
    case MSG.USER_MESSAGE: return onUserMessage(message);
    case MSG.SAID: return onSaid(message);
    case MSG.CLOSED: return onClosed(message);
    case MSG.ERROR: return onError(message);
    default: return undefined;
  }
}

function onAuthed(message) {
  state.coach = message.coach;
  state.retries = 0;
  sessionStorage.setItem(TOKEN_KEY, state.token);
  const previous = state.tickets;
  state.tickets = new Map();
  for (const ticket of [...(message.queue || []), ...(message.claimed || [])]) {
    const known = previous.get(ticket.ticket);
    state.tickets.set(ticket.ticket, {...ticket, transcript: known ? known.transcript : null,
                                      unread: known ? known.unread : 0});
  }
  // After a reconnect, fetch the transcripts of held tickets again: the
  // lifter may have written while we were away.
  for (const ticket of message.claimed || []) send({type: MSG.CLAIM, ticket: ticket.ticket});
  if (state.selected && !state.tickets.has(state.selected)) state.selected = '';
  $('login-view').hidden = true;
  $('desk').hidden = false;
  $('sign-out').hidden = false;
  $('who').textContent = state.coach;
  setStatus('Online', 'online');
  render();
}

function onTicketOpened(message) {
  state.tickets.set(message.ticket, {...message, transcript: null, unread: 0});
  notify();
  render();
}

function onTicketClaimedElsewhere(message) {
  const ticket = state.tickets.get(message.ticket);
  if (ticket && message.coach !== state.coach) {
    state.tickets.delete(message.ticket);
    if (state.selected === message.ticket) state.selected = '';
    render();
  }
}

function onClaimed(message) {
  const ticket = state.tickets.get(message.ticket) || {ticket: message.ticket};
  ticket.status = 'claimed';
  ticket.coach = state.coach;
  ticket.transcript = message.transcript || [];
  state.tickets.set(message.ticket, ticket);
  render();
}

function onUserMessage(message) {
  const ticket = state.tickets.get(message.ticket);
  if (!ticket) return;
  if (ticket.transcript) ticket.transcript.push({role: 'user', text: message.text, at: message.at});
  if (state.selected !== message.ticket) ticket.unread = (ticket.unread || 0) + 1;
  notify();
  render();
}

function onSaid(message) {
  const text = state.pendingSays.get(message.reply_to);
  state.pendingSays.delete(message.reply_to);
  const ticket = state.tickets.get(message.ticket);
  if (ticket && ticket.transcript && text !== undefined) {
    ticket.transcript.push({role: 'coach', text, at: message.at, coach: state.coach});
    render();
  }
}

function onClosed(message) {
  state.tickets.delete(message.ticket);
  if (state.selected === message.ticket) state.selected = '';
  render();
}

function onError(message) {
  if (!state.coach) {
    $('login-error').textContent = message.code === 'rate_limited'
      ? 'Too many failed sign-ins; wait a minute and try again.'
      : 'That token was not accepted.';
    state.token = '';
    sessionStorage.removeItem(TOKEN_KEY);
    return;
  }
  state.pendingSays.delete(message.reply_to);
  showTicketError(message.message || message.code);
}

function showTicketError(text) {
  $('ticket-error').textContent = text;
}

// ---- rendering ----

function render() {
  renderLists();
  renderTicket();
}

function renderLists() {
  const all = [...state.tickets.values()].sort((a, b) => String(a.opened_at).localeCompare(String(b.opened_at)));
  const waiting = all.filter((t) => t.status !== 'claimed');
  const mine = all.filter((t) => t.status === 'claimed' && t.coach === state.coach);
  fillList($('queue'), waiting);
  fillList($('mine'), mine);
  $('queue-count').textContent = String(waiting.length);
  $('mine-count').textContent = String(mine.length);
  $('queue-empty').hidden = waiting.length > 0;
  $('mine-empty').hidden = mine.length > 0;
}

function fillList(list, tickets) {
  list.replaceChildren(...tickets.map((ticket) => {
    const item = element('li');
    const button = element('button', 'ticket-item');
    button.type = 'button';
    button.dataset.ticket = ticket.ticket;
    button.setAttribute('aria-current', String(state.selected === ticket.ticket));
    const line1 = element('span', 'line1');
    line1.append(element('span', '', ticket.topic || 'no topic'), safetyBadge(ticket.safety));
    button.append(line1, element('span', 'preview', ticket.preview || ticket.summary || ''));
    const meta = element('span', 'preview', `opened ${waitedSince(ticket.opened_at)}`);
    if (ticket.unread) meta.append(' · ', element('span', 'new', `${ticket.unread} new`));
    button.append(meta);
    button.addEventListener('click', () => select(ticket.ticket));
    item.append(button);
    return item;
  }));
}

function select(id) {
  state.selected = id;
  const ticket = state.tickets.get(id);
  if (ticket) ticket.unread = 0;
  showTicketError('');
  render();
  const reply = $('reply');
  if (!$('reply-form').hidden) reply.focus();
}

function renderTicket() {
  const ticket = state.tickets.get(state.selected);
  $('no-ticket').hidden = Boolean(ticket);
  $('ticket-body').hidden = !ticket;
  if (!ticket) return;
  const mine = ticket.status === 'claimed' && ticket.coach === state.coach;
  $('ticket-title').replaceChildren(element('span', '', `${ticket.topic || 'No topic'} `),
                                    safetyBadge(ticket.safety));
  $('ticket-meta').textContent =
    `Ticket ${ticket.ticket} · opened ${waitedSince(ticket.opened_at)}` +
    (ticket.preview ? ` · “${ticket.preview}”` : '');
  $('claim').hidden = mine;
  $('close-form').hidden = !mine;
  $('reply-form').hidden = !mine;
  $('claim-hint').hidden = mine;
  const transcript = $('transcript');
  transcript.replaceChildren(...(ticket.transcript || []).map(renderEntry));
  transcript.scrollTop = transcript.scrollHeight;
}

function renderEntry(entry) {
  const item = element('li', `entry ${['user', 'bot', 'coach', 'event'].includes(entry.role) ? entry.role : ''}`);
  if (entry.role === 'event') {
    item.textContent = `${entry.text} · ${timeOf(entry.at)}`;
    return item;
  }
  const names = {user: 'Lifter', bot: 'Bot', coach: entry.coach || 'Coach'};
  const who = element('div', 'who-line');
  who.append(element('span', '', names[entry.role] || entry.role), element('time', '', timeOf(entry.at)));
  item.append(who);
  if (entry.role === 'bot' && entry.answer && typeof entry.answer === 'object') {
    item.append(...renderAnswer(entry.answer));
  } else {
    item.append(element('p', '', entry.text));
  }
  return item;
}

// The bot's answer as the lifter saw it: safety first, then the summary,
// advice with sources, hedges, the follow-up, and what it rests on.
function renderAnswer(answer) {
  const parts = [];
  const safety = answer.safety || {};
  if (safety.level === 'urgent' || safety.level === 'caution') {
    const heading = safety.level === 'urgent' ? 'Urgent: seek medical care first.' : 'Caution: a warning sign.';
    // The summary of an urgent answer often opens with the same words.
    const repeated = safety.message && String(answer.summary || '').startsWith(safety.message);
    const banner = element('div', `safety ${safety.level}`, heading);
    if (safety.message && !repeated) banner.append(' ', safety.message);
    if (Array.isArray(safety.flags) && safety.flags.length) {
      banner.append(` (${safety.flags.join(', ')})`);
    }
    parts.push(banner);
  }
  parts.push(element('p', '', answer.summary));
  const sources = new Map((answer.sources || []).map((s) => [s.id, s]));
  if (Array.isArray(answer.advice) && answer.advice.length) {
    const list = element('ul', 'advice');
    for (const step of answer.advice) {
      const item = element('li', '', step.text);
      if (step.source) {
        item.append(' ', sourceLink(step.source, sources.get(step.source)));
      }
      list.append(item);
    }
    parts.push(list);
  }
  for (const hedge of answer.hedges || []) parts.push(element('p', 'hedges', hedge));
  if (answer.referral && answer.referral.text) {
    parts.push(element('p', 'hedges', `Referral (${answer.referral.to}): ${answer.referral.text}`));
  }
  if (answer.follow_up && answer.follow_up.question) {
    const follow = element('div', 'follow-up', `Asked: ${answer.follow_up.question} `);
    for (const option of answer.follow_up.options || []) follow.append(element('span', '', option));
    parts.push(follow);
  }
  const meta = element('div', 'answer-meta');
  meta.append(`Topic ${answer.topic} · confidence ${Number(answer.confidence || 0).toFixed(2)} · safety ${safety.level || 'none'}`);
  parts.push(meta);
  return parts;
}

function sourceLink(id, source) {
  const link = element('a', '', `[${source && source.title ? source.title : id}]`);
  link.href = `/source/${encodeURIComponent(id)}`;
  link.target = '_blank';
  link.rel = 'noopener';
  return link;
}

// ---- actions ----

function signIn(token) {
  state.token = token.trim();
  $('login-error').textContent = '';
  if (!state.audio && window.AudioContext) {
    try {
      state.audio = new AudioContext();  // allowed now: this follows a click
    } catch {
      state.audio = null;
    }
  }
  connect();
}

function signOut(reason) {
  state.token = '';
  state.coach = '';
  sessionStorage.removeItem(TOKEN_KEY);
  clearTimeout(state.retryTimer);
  const socket = state.socket;
  state.socket = null;
  if (socket) socket.close();
  state.tickets = new Map();
  state.selected = '';
  $('desk').hidden = true;
  $('login-view').hidden = false;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  $('login-error').textContent = reason || '';
  setStatus('Signed out', '');
  $('token').value = '';
  $('token').focus();
}

function sendReply() {
  const text = $('reply').value;
  if (!text.trim() || !state.selected) return;
  const id = `s${++state.sequence}`;
  if (send({type: MSG.SAY, id, ticket: state.selected, text})) {
    state.pendingSays.set(id, text);
    $('reply').value = '';
    showTicketError('');
  }
}

function start() {
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    signIn($('token').value);
  });
  $('sign-out').addEventListener('click', () => signOut(''));
  $('claim').addEventListener('click', () => {
    if (state.selected) send({type: MSG.CLAIM, ticket: state.selected});
  });
  $('close-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (state.selected && send({type: MSG.CLOSE, ticket: state.selected, note: $('close-note').value})) {
      $('close-note').value = '';
    }
  });
  $('reply-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sendReply();
  });
  $('reply').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      sendReply();
    }
  });
  window.addEventListener('focus', clearUnseen);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) clearUnseen(); });
  // Keep "opened 3 min ago" honest.
  setInterval(() => { if (state.coach) renderLists(); }, 30000);
  if (state.token) {
    connect();
  } else {
    $('token').focus();
  }
}

start();
