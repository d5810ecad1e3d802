/*
 * spotter chat widget: the one file a coaching site embeds with
 *
 *   <script src="https://their-spotter/widget.js" data-title="Ask a coach" async></script>
 *
 * It adds a floating launcher that opens a chat panel, and speaks the user's
 * side of the WebSocket protocol (shared/spec/contract.md) to
 * ws(s)://<the host this file came from>/ws. Plain JavaScript, no build step,
 * no requests beyond that socket; docs/widget.md is the user-facing guide.
 *
 * Isolation. Everything lives in an open Shadow DOM under one <spotter-chat>
 * element appended to <html> (not <body>, so body transforms, zoom and
 * "body > *" rules cannot reach it). Page selectors cannot match inside a
 * shadow root, and ":host { all: initial !important }" stops inherited
 * styles at the door; important declarations on :host beat the page's own
 * important rules, so "* { all: unset !important }" cannot hide it either.
 * Sizes are in px, never rem, so the page's root font size changes nothing.
 * Only custom properties cross the boundary; that is the theming channel.
 *
 * Text safety. Every string from the server, the user or a coach goes into
 * the page as a text node or an attribute value, never as markup.
 *
 * Connection. The socket opens when the panel is first opened (or at load if
 * the panel was open before a reload, or a coach hand-off is in progress),
 * sends "hello" with the session token kept in localStorage, and renders the
 * welcome's history. A dropped socket is retried with exponential backoff
 * (capped, with jitter). While offline, messages are queued in an outbox and
 * sent once after the next welcome; a message is never sent twice.
 *
 * Catching up after a reconnect. The welcome carries the recent transcript,
 * which mostly repeats what is already on screen. The widget remembers the
 * last entry the server confirmed (an answer's summary, a relayed message, a
 * coach's message): the "anchor". Only entries after the anchor are added,
 * and a user entry that matches a message whose reply was lost in the drop
 * confirms that bubble instead of drawing it again.
 */
(function () {
  'use strict';

  // The protocol's message types (shared/spec/contract.md, user side).
  const MSG = Object.freeze({
    // client -> server
    HELLO: 'hello',
    ASK: 'ask',
    ESCALATE: 'escalate',
    // server -> client
    WELCOME: 'welcome',
    ANSWER: 'answer',
    RELAYED: 'relayed',
    ESCALATED: 'escalated',
    COACH_JOINED: 'coach_joined',
    COACH_MESSAGE: 'coach_message',
    COACH_LEFT: 'coach_left',
    ERROR: 'error',
  });

  const kHostTag = 'spotter-chat';
  const kMaxTextChars = 4000;       // the server's max_text_chars; longer gets too_large
  const kBackoffFirstMs = 500;      // first retry after a drop (before jitter)
  const kBackoffCapMs = 30000;      // retries never wait longer than this
  const kManualRetryGapMs = 1000;   // a user action retries at once, at most this often
  const kDefaultAccent = '#4f46e5';
  const kDefaultTitle = 'Ask spotter';
  const kDefaultGreeting =
    "Hi! I'm spotter, a bot that answers strength-training questions: technique, " +
    "soreness, aches and goals. I'll show you where each tip comes from, and a human " +
    'coach is one tap away.';

  // Polite wording for the contract's error codes; the server's own message
  // is the fallback for anything else.
  const kErrorText = {
    rate_limited: "You're sending messages a little fast. Please wait a moment and try again.",
    too_large: `That message is too long. Please keep it under ${kMaxTextChars} characters.`,
    bad_request: "Sorry, spotter couldn't read that message. Please try rephrasing it.",
    unknown_ticket: 'That coach conversation has already ended.',
    unauthorized: "Sorry, that isn't allowed here.",
    internal: 'Something went wrong on our side. Please try again in a moment.',
  };
  const kRetryable = new Set(['rate_limited', 'internal']);

  if (document.querySelector(kHostTag)) return;  // the tag was included twice

  // ---- Where the server is -------------------------------------------------

  function findOwnScript() {
    const current = document.currentScript;
    if (current && current.src) return current;
    const scripts = document.querySelectorAll('script[src]');
    for (let i = scripts.length - 1; i >= 0; i--) {
      if (/\/widget\.js(?:[?#]|$)/.test(scripts[i].src)) return scripts[i];
    }
    return null;
  }

  const script = findOwnScript();
  const config = (script && script.dataset) || {};
  // data-server overrides the origin (a widget.js served from a CDN, or a
  // file:// copy in development).
  let origin = '';
  try {
    origin = new URL(config.server || (script && script.src) || location.href, location.href).origin;
  } catch (_) { /* an unparsable data-server falls through to the page */ }
  if (!origin || origin === 'null') origin = location.origin;
  const httpOrigin = origin.replace(/^ws/, 'http');
  const socketUrl = httpOrigin.replace(/^http/, 'ws') + '/ws';
  const title = (config.title || '').trim() || kDefaultTitle;
  const greeting = (config.greeting || '').trim() || kDefaultGreeting;

  function sourceUrl(id) {
    return httpOrigin + '/source/' + encodeURIComponent(id);
  }

  // ---- Storage (may be unavailable: sandboxed frames, strict privacy) -----

  function storage(kind) {
    const key = (name) => 'spotter:' + name + '@' + httpOrigin;
    return {
      get(name) {
        try { return window[kind].getItem(key(name)); } catch (_) { return null; }
      },
      set(name, value) {
        try {
          if (value == null) window[kind].removeItem(key(name));
          else window[kind].setItem(key(name), value);
        } catch (_) { /* not persisted; the widget still works for this page */ }
      },
    };
  }
  const saved = storage('localStorage');     // session token, hand-off flag
  const perTab = storage('sessionStorage');  // whether the panel was open

  // ---- Building DOM without markup ----------------------------------------

  // h('a', {class: 'x', href: u}, child, 'text', ...): strings become text
  // nodes, "on*" props become listeners, null/false props are skipped.
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const name in props || {}) {
      const value = props[name];
      if (value == null || value === false) continue;
      if (name === 'class') el.className = value;
      else if (name === 'text') el.textContent = value;
      else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) if (child != null && child !== false) el.append(child);
    return el;
  }

  const kIconPaths = {
    chat: 'M21 11.5a8.4 8.4 0 0 1-.9 3.8 8.5 8.5 0 0 1-7.6 4.7 8.4 8.4 0 0 1-3.8-.9L3 21l1.9-5.7a8.4 8.4 0 0 1-.9-3.8 8.5 8.5 0 0 1 4.7-7.6 8.4 8.4 0 0 1 3.8-.9h.5a8.5 8.5 0 0 1 8 8z',
    close: 'M18 6 6 18M6 6l12 12',
    down: 'm6 9 6 6 6-6',
    send: 'M12 19V5M5 12l7-7 7 7',
    person: 'M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z',
    warn: 'M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0zM12 9v4M12 17h.01',
    medical: 'M12 8v8M8 12h8M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z',
    doc: 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6M16 13H8M16 17H8',
    dumbbell: 'M6.5 6.5v11M17.5 6.5v11M3 9.5v5M21 9.5v5M6.5 12h11',
  };

  function icon(name, size) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    const attrs = {
      viewBox: '0 0 24 24', width: size || 20, height: size || 20, fill: 'none',
      stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round',
      'stroke-linejoin': 'round', 'aria-hidden': 'true', focusable: 'false',
    };
    for (const attr in attrs) svg.setAttribute(attr, attrs[attr]);
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', kIconPaths[name]);
    svg.append(path);
    return svg;
  }

  // Screen-reader-only text, e.g. who said a message.
  function srOnly(text) {
    return h('span', {class: 'sr', text});
  }

  // ---- Styles --------------------------------------------------------------

  const kCss = `
:host{all:initial!important;display:block!important;position:fixed!important;top:auto!important;left:auto!important;right:auto!important;bottom:auto!important;width:0!important;height:0!important;margin:0!important;padding:0!important;border:0!important;overflow:visible!important;visibility:visible!important;opacity:1!important;transform:none!important;filter:none!important;clip-path:none!important;pointer-events:auto!important;z-index:var(--spotter-z,2147483000)!important;direction:ltr!important}
.sp{--accent:var(--spotter-accent,var(--sp-attr-accent));--on-accent:var(--spotter-on-accent,var(--sp-auto-on));--ink:var(--spotter-ink,var(--sp-auto-ink));--tint:#eef0fe;--tint:color-mix(in srgb,var(--ink) 10%,#fff);--off:var(--spotter-offset,20px);--radius:var(--spotter-radius,18px);font:14.5px/1.45 var(--spotter-font,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);color:#1f2330;text-align:left;-webkit-font-smoothing:antialiased;-webkit-text-size-adjust:100%}
.sp *,.sp *::before,.sp *::after{box-sizing:border-box}
[hidden]{display:none!important}
button,textarea{font:inherit;color:inherit;margin:0}
button{cursor:pointer;border:0;background:none;padding:0}
:focus-visible{outline:2px solid var(--ink);outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.launcher{position:fixed;bottom:var(--off);right:var(--off);height:56px;min-width:56px;padding:0 20px 0 16px;border-radius:28px;background:var(--accent);color:var(--on-accent);display:flex;align-items:center;justify-content:center;gap:10px;font-size:15px;font-weight:600;box-shadow:0 8px 24px rgba(17,24,39,.22),0 2px 6px rgba(17,24,39,.14);transition:transform .15s ease}
.launcher:hover{transform:translateY(-2px)}
.launcher:focus-visible{outline:3px solid var(--ink);outline-offset:3px}
.sp[data-pos=left] .launcher{right:auto;left:var(--off)}
.launcher[aria-expanded=true]{padding:0;width:56px}
.launcher[aria-expanded=true] .l-open,.launcher[aria-expanded=false] .l-close{display:none}
.l-open{display:flex;align-items:center;gap:10px}
.badge{position:absolute;top:-5px;right:-3px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#c81e1e;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center;border:2px solid #fff}
.panel{position:fixed;bottom:calc(var(--off) + 68px);right:var(--off);width:400px;height:min(640px,calc(100vh - 120px));display:flex;flex-direction:column;background:#fff;border-radius:var(--radius);overflow:hidden;box-shadow:0 20px 56px rgba(17,24,39,.26),0 4px 14px rgba(17,24,39,.12);animation:sp-in .18s ease-out;transform-origin:bottom right}
.sp[data-pos=left] .panel{right:auto;left:var(--off);transform-origin:bottom left}
@keyframes sp-in{from{opacity:0;transform:translateY(10px) scale(.98)}}
.head{display:flex;align-items:center;gap:8px;padding:13px 8px 13px 14px;background:var(--accent);color:var(--on-accent);flex:none}
.avatar{flex:none;width:34px;height:34px;border-radius:50%;background:rgba(255,255,255,.18);display:flex;align-items:center;justify-content:center}
.titles{flex:1;min-width:0}
.titles h2{margin:0;font-size:16px;line-height:1.3;font-weight:700;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.status{margin:1px 0 0;font-size:12.5px;display:flex;align-items:center;gap:6px;white-space:nowrap;overflow:hidden;min-width:0}.status-text{overflow:hidden;text-overflow:ellipsis;min-width:0}
.dot{flex:none;width:8px;height:8px;border-radius:50%;background:#4ade80;box-shadow:0 0 0 2px rgba(255,255,255,.35)}
.sp[data-conn=offline] .dot{background:#fbbf24}
.sp[data-handoff=with_coach] .dot{background:#34d399}
.hbtn{flex:none;display:flex;align-items:center;gap:5px;height:32px;padding:0 10px;border-radius:16px;background:rgba(255,255,255,.16);font-size:12.5px;font-weight:600;white-space:nowrap}
.hs{display:none}
.ibtn{flex:none;width:34px;height:34px;border-radius:50%;display:flex;align-items:center;justify-content:center}
.hbtn:hover,.ibtn:hover{background:rgba(255,255,255,.26)}
.head :focus-visible{outline-color:currentColor}
.hbtn[aria-disabled=true]{opacity:.7;cursor:default}
.bar{flex:none;padding:9px 16px;font-size:13px;line-height:1.4;display:flex;gap:10px;align-items:flex-start}
.bar svg{flex:none;margin-top:1px}
.bar b{display:block;font-weight:700}
.offline{background:#fef3c7;color:#6b3b00;border-bottom:1px solid #f8dd8b}
.handoff{background:#ecfdf3;color:#05502f;border-bottom:1px solid #c3ebd4}
.handoff[data-state=waiting]{background:#f2f3ff;color:#2e2a85;border-bottom-color:#dcdcfb}
.scroll{position:relative;flex:1;overflow-y:auto;background:#f6f7fb;padding:16px 14px 10px;overscroll-behavior:contain}
.log{display:flex;flex-direction:column;gap:14px}
.msg{display:flex;flex-direction:column;max-width:86%}
.msg.user{align-self:flex-end;align-items:flex-end}
.msg.bot{align-self:stretch;max-width:100%}
.msg.coach{align-self:flex-start}
.bubble{padding:9px 14px;border-radius:18px;white-space:pre-wrap;overflow-wrap:anywhere}
.user .bubble{background:var(--accent);color:var(--on-accent);border-bottom-right-radius:6px}
.card{background:#fff;border:1px solid #e5e7f0;border-radius:18px;border-top-left-radius:6px;padding:12px 14px;overflow:hidden;box-shadow:0 1px 2px rgba(16,24,40,.05)}
.greet .card{font-size:14.5px}
.meta{margin:4px 6px 0;font-size:11.5px;color:#5f6573;display:flex;gap:6px;align-items:center}
.meta .state{font-weight:600}
.meta .failed{color:#b42318}
.retry{color:var(--ink);font-weight:700;text-decoration:underline;font-size:11.5px}
.who{display:flex;align-items:center;gap:8px;margin:0 0 5px 2px;font-size:12.5px;color:#3d4350}
.who b{color:#05502f}
.initial{width:24px;height:24px;border-radius:50%;background:#047857;color:#fff;font-size:12px;font-weight:700;display:flex;align-items:center;justify-content:center}
.tag{font-size:11px;font-weight:700;letter-spacing:.02em;color:#05502f;background:#d7f5e5;border-radius:999px;padding:1px 8px}
.coach .bubble{background:#e9f8f0;color:#0b3d2a;border:1px solid #bfe6d0;border-top-left-radius:6px}
.event{align-self:center;max-width:94%;text-align:center;font-size:12.5px;color:#4b5160;background:#eaecf3;border-radius:14px;padding:5px 14px}
.notice{align-self:center;max-width:94%;font-size:13px;color:#8a1c12;background:#fff4f2;border:1px solid #f4cfc8;border-radius:12px;padding:8px 12px}
.safety{margin:-12px -14px 12px;padding:12px 14px;display:flex;gap:10px;font-size:13.5px}
.safety svg{flex:none;margin-top:2px}
.safety p{margin:2px 0 0}
.safety b{display:block;font-size:14.5px}
.safety.caution{background:#fff6e5;color:#5c3400;border-bottom:1px solid #f3d7a0}
.safety.urgent{background:#b42318;color:#fff}
.flags{display:flex;flex-wrap:wrap;gap:6px;margin-top:7px}
.flag{font-size:11.5px;font-weight:600;padding:2px 9px;border-radius:999px;background:rgba(120,70,0,.1)}
.urgent .flag{background:rgba(255,255,255,.2)}
.summary{margin:0;font-size:15px;line-height:1.5}
.label{margin:14px 0 7px;font-size:11.5px;font-weight:700;letter-spacing:.07em;text-transform:uppercase;color:#5f6573}
.advice{margin:0;padding:0;list-style:none;counter-reset:step;display:flex;flex-direction:column;gap:10px}
.advice li{position:relative;padding-left:30px;counter-increment:step}
.advice li::before{content:counter(step);position:absolute;left:0;top:1px;width:21px;height:21px;border-radius:50%;background:var(--tint);color:var(--ink);font-size:12px;font-weight:700;line-height:21px;text-align:center}
.src{display:inline-flex;align-items:center;gap:5px;max-width:100%;margin-top:4px;padding:2px 9px 2px 7px;border-radius:999px;background:#f2f3f8;color:var(--ink);font-size:12px;font-weight:600;text-decoration:none}
.src span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.src:hover{background:var(--tint);text-decoration:underline}
.hedges{margin:14px 0 0;padding:9px 12px;list-style:none;border-left:3px solid #d5d8e3;background:#f8f9fc;border-radius:0 10px 10px 0;color:#525866;font-size:13px;line-height:1.45}
.hedges li+li{margin-top:5px}
.referral{margin-top:14px;padding:11px 12px;border-radius:12px;background:var(--tint);font-size:13.5px;display:flex;flex-direction:column;align-items:flex-start;gap:9px}
.referral p{margin:0}
.referral.medical{background:#fff4f2;color:#6b1a12}
.btn{display:inline-flex;align-items:center;gap:7px;padding:7px 14px;border-radius:999px;background:var(--accent);color:var(--on-accent);font-size:13.5px;font-weight:600}
.btn[aria-disabled=true]{opacity:.6;cursor:default}
.follow{margin-top:14px;padding-top:12px;border-top:1px solid #eceef4}
.follow p{margin:0 0 9px;font-weight:600}
.chips{display:flex;flex-wrap:wrap;gap:8px}
.chip{padding:6px 13px;border-radius:999px;border:1.5px solid var(--ink);color:var(--ink);background:#fff;font-size:13.5px;font-weight:600}
.chip:hover:not(:disabled){background:var(--tint)}
.chip:disabled{cursor:default;border-color:#c9ccd6;color:#6b7080}
.chip[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:var(--on-accent)}
.sources{margin-top:14px;font-size:13px}
.sources summary{cursor:pointer;color:#4b5160;font-weight:600;width:max-content}
.sources ul{margin:8px 0 0;padding:0;list-style:none;display:flex;flex-direction:column;gap:8px}
.sources a{color:var(--ink);font-weight:600}
.ex{display:block;color:#5f6573;font-size:12.5px;margin-top:1px}
.typing{display:flex;gap:5px;align-items:center;width:max-content;margin-top:14px;padding:13px 15px;background:#fff;border:1px solid #e5e7f0;border-radius:18px;border-top-left-radius:6px}
.typing i{width:7px;height:7px;border-radius:50%;background:#9096a5;animation:sp-dot 1.2s infinite ease-in-out}
.typing i:nth-child(3){animation-delay:.15s}.typing i:nth-child(4){animation-delay:.3s}
@keyframes sp-dot{0%,60%,100%{transform:none;opacity:.5}30%{transform:translateY(-4px);opacity:1}}
.composer{flex:none;display:flex;align-items:flex-end;gap:8px;padding:10px 12px 6px;background:#fff;border-top:1px solid #e8eaf1}
.composer textarea{flex:1;display:block;resize:none;min-height:42px;max-height:132px;padding:10px 15px;border:1.5px solid #d3d7e2;border-radius:21px;background:#fff;color:#1f2330;font-size:15px;line-height:1.4;outline:none}
.composer textarea::placeholder{color:#6b7080}
.composer textarea:focus{border-color:var(--ink);box-shadow:0 0 0 3px var(--tint)}
.send{flex:none;width:42px;height:42px;border-radius:50%;background:var(--accent);color:var(--on-accent);display:flex;align-items:center;justify-content:center}
.foot{flex:none;margin:0;padding:2px 12px 9px;background:#fff;font-size:11.5px;color:#5f6573;text-align:center}
@media (max-width:480px){
.panel{top:0;left:0;right:0;bottom:0;width:auto;height:auto;border-radius:0;animation:none}
.sp[data-pos=left] .panel{left:0;right:0}
.sp.open .launcher{display:none}
.composer textarea{font-size:16px}
.hbtn .hl{display:none}.hbtn .hs{display:inline}
}
@media (prefers-reduced-motion:reduce){.panel,.typing i{animation:none}.launcher{transition:none}}
`;

  // ---- The shell -------------------------------------------------------------

  const host = document.createElement(kHostTag);
  const shadow = host.attachShadow({mode: 'open'});
  // A constructed stylesheet is not subject to the page's CSP style-src;
  // the <style> element is the fallback for older browsers.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(kCss);
    shadow.adoptedStyleSheets = [sheet];
  } catch (_) {
    shadow.append(h('style', {text: kCss}));
  }

  const ui = {};
  ui.badge = h('span', {class: 'badge', 'aria-hidden': 'true', hidden: true});
  ui.launcher = h('button', {
    class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'sp-panel',
    'aria-haspopup': 'dialog', onclick: () => setOpen(!state.isOpen, true),
  },
  h('span', {class: 'l-open'}, icon('chat', 22), h('span', {class: 'l-text', text: title})),
  h('span', {class: 'l-close'}, icon('down', 24)),
  ui.badge);

  ui.status = h('span', {class: 'status-text'});
  ui.coachButton = h('button', {
    class: 'hbtn', type: 'button', 'aria-label': 'Talk to a coach', onclick: () => escalate(),
  }, icon('person', 16), h('span', {class: 'hl', text: 'Talk to a coach'}),
  h('span', {class: 'hs', text: 'Coach'}));
  ui.close = h('button', {
    class: 'ibtn', type: 'button', 'aria-label': 'Close chat', onclick: () => setOpen(false, true),
  }, icon('close', 20));
  ui.offline = h('div', {class: 'bar offline', role: 'status', hidden: true},
    icon('warn', 16),
    h('div', null, h('b', {text: "You're offline. Reconnecting…"}),
      "Messages you send now will go out as soon as you're back."));
  ui.handoffTitle = h('b');
  ui.handoffText = h('span');
  ui.handoff = h('div', {class: 'bar handoff', role: 'status', hidden: true},
    icon('person', 16), h('div', null, ui.handoffTitle, ui.handoffText));
  ui.log = h('div', {class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation'});
  ui.typing = h('div', {class: 'typing', hidden: true},
    srOnly('spotter is typing'), h('i'), h('i'), h('i'));
  ui.scroll = h('div', {class: 'scroll'}, ui.log, ui.typing);
  ui.input = h('textarea', {
    rows: 1, 'aria-label': 'Your message', enterkeyhint: 'send',
    placeholder: 'Type your question…',
  });
  ui.send = h('button', {class: 'send', type: 'submit', 'aria-label': 'Send message'}, icon('send', 20));
  ui.form = h('form', {class: 'composer', onsubmit: onSubmit}, ui.input, ui.send);
  ui.panel = h('section', {
    class: 'panel', id: 'sp-panel', role: 'dialog', 'aria-labelledby': 'sp-title', hidden: true,
  },
  h('header', {class: 'head'},
    h('div', {class: 'avatar'}, icon('dumbbell', 22)),
    h('div', {class: 'titles'}, h('h2', {id: 'sp-title', text: title}),
      h('p', {class: 'status'}, h('span', {class: 'dot'}), ui.status)),
    ui.coachButton, ui.close),
  ui.offline, ui.handoff, ui.scroll, ui.form,
  ui.foot = h('p', {class: 'foot', text: 'spotter is a bot, not a doctor or a coach.'}));
  ui.root = h('div', {class: 'sp', 'data-pos': config.position === 'left' ? 'left' : 'right'},
    ui.panel, ui.launcher);
  // Private properties are always set here, so a page's own --sp-* custom
  // properties (which do inherit into a shadow tree) cannot leak in.
  const isColor = config.color && window.CSS && CSS.supports('color', config.color);
  ui.root.style.setProperty('--sp-attr-accent', isColor ? config.color : kDefaultAccent);
  ui.root.style.setProperty('--sp-auto-on', '#fff');
  ui.root.style.setProperty('--sp-auto-ink', 'var(--accent)');
  shadow.append(ui.root);

  ui.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      onSubmit(event);
    }
  });
  ui.input.addEventListener('input', fitInput);
  ui.root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && state.isOpen) {
      event.stopPropagation();
      setOpen(false, true);
    }
  });

  // ---- State -----------------------------------------------------------------

  const state = {
    isOpen: false,
    socket: null,
    isWelcomed: false,      // the current socket got its welcome
    isSynced: false,        // some welcome's history is on screen
    wantsSocket: false,     // keep a connection (and retry it)
    attempts: 0,            // failed connects since the last welcome
    retryTimer: 0,
    lastAttemptAt: 0,
    session: saved.get('session'),
    outbox: [],             // {kind, frame, node, text} not yet sent
    pending: new Map(),     // id -> item sent, reply not yet seen
    lost: [],               // asks in flight when the socket dropped
    anchor: null,           // {role, text} of the last server-confirmed entry
    eventsSinceAnchor: 0,
    escalation: null,       // {ticket, status: 'waiting'|'with_coach', coach}
    isEscalating: false,
    chips: null,            // the follow-up buttons that are still live
    unread: 0,
    nextId: 0,
  };

  function newId() {
    state.nextId += 1;
    return 'w' + Date.now().toString(36) + '-' + state.nextId;
  }

  // ---- Colors that follow the accent ----------------------------------------

  // Picks white or near-black text for the accent, and an "ink" version of
  // the accent dark enough for links on white (WCAG AA, 4.5:1).
  function tuneColors() {
    const probe = h('span');
    probe.style.color = 'var(--accent)';
    ui.root.append(probe);
    const rgb = (getComputedStyle(probe).color.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
    probe.remove();
    if (rgb.length < 3) return;
    const luminance = (c) => {
      const [r, g, b] = c.map((v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const onWhite = (c) => 1.05 / (luminance(c) + 0.05);
    const onBlack = (c) => (luminance(c) + 0.05) / 0.05;
    const isWhiteText = onWhite(rgb) >= 4.5 || onWhite(rgb) >= onBlack(rgb);
    ui.root.style.setProperty('--sp-auto-on', isWhiteText ? '#fff' : '#111827');
    let ink = rgb;
    for (let k = 0.9; onWhite(ink) < 4.5 && k > 0; k -= 0.1) ink = rgb.map((v) => Math.round(v * k));
    ui.root.style.setProperty('--sp-auto-ink', `rgb(${ink.join(',')})`);
  }

  // ---- Rendering messages ----------------------------------------------------

  function formatTime(at) {
    const date = at ? new Date(at) : new Date();
    if (isNaN(date)) return null;
    const sameDay = date.toDateString() === new Date().toDateString();
    const options = sameDay ? {hour: 'numeric', minute: '2-digit'}
      : {month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit'};
    return h('time', {datetime: date.toISOString(), text: date.toLocaleString([], options)});
  }

  // "spotter · 3:01 PM" under a bot card; the time and a delivery state under
  // the user's messages.
  function meta(at, who, status) {
    return h('div', {class: 'meta'}, who ? h('span', {text: who + ' ·'}) : null, formatTime(at), status);
  }

  // The value if it is an array, else none: a malformed frame renders less,
  // never throws halfway through a message.
  function list(value) {
    return Array.isArray(value) ? value : [];
  }

  // Adds server-driven content: before any still-queued bubbles, so that
  // what the server says lands in the order it happened.
  function place(node) {
    const queued = state.outbox.find((item) => item.node);
    const box = ui.scroll;
    const wasAtEnd = box.scrollHeight - box.scrollTop - box.clientHeight < 160;
    ui.log.insertBefore(node, queued ? queued.node : null);
    if (wasAtEnd && state.isSynced) reveal(node);
    return node;
  }

  function append(node) {
    ui.log.append(node);
    reveal(node);
    return node;
  }

  // Scrolls to the end, or for a message taller than the view, to its top:
  // a long answer is read from its first line (the safety banner).
  function reveal(node) {
    const box = ui.scroll;
    requestAnimationFrame(() => {
      if (node.offsetHeight < box.clientHeight - 40) {
        box.scrollTop = box.scrollHeight;
        return;
      }
      // Keep the question in view too when it is short.
      const before = node.previousElementSibling;
      const isShortQuestion = before && before.dataset.role === 'user' &&
        node.offsetTop - before.offsetTop < box.clientHeight / 3;
      box.scrollTop = (isShortQuestion ? before : node).offsetTop - 12;
    });
  }

  function scrollToEnd() {
    requestAnimationFrame(() => { ui.scroll.scrollTop = ui.scroll.scrollHeight; });
  }

  function userNode(text, at) {
    const status = h('span', {class: 'state'});
    const node = h('div', {class: 'msg user', 'data-role': 'user'},
      srOnly('You said: '), h('div', {class: 'bubble', text}), meta(at, null, status));
    node.statusEl = status;
    return node;
  }

  function setStatus(node, text, className, action) {
    if (!node) return;
    node.statusEl.className = 'state ' + (className || '');
    node.statusEl.textContent = text || '';
    if (action) node.statusEl.append(' ', action);
  }

  function coachNode(name, text, at) {
    return h('div', {class: 'msg coach', 'data-role': 'coach'},
      h('div', {class: 'who'},
        h('span', {class: 'initial', 'aria-hidden': 'true', text: (name || '?').trim().charAt(0).toUpperCase()}),
        h('b', {text: name}), h('span', {class: 'tag', text: 'Coach · a real person'}),
        srOnly(' said: ')),
      h('div', {class: 'bubble', text}), meta(at));
  }

  function eventNode(text) {
    return h('div', {class: 'msg event', 'data-role': 'event', text});
  }

  function noticeNode(text, action) {
    return h('div', {class: 'msg notice', 'data-role': 'notice'}, text, action ? ' ' : null, action);
  }

  function botTextNode(text, at) {
    return h('div', {class: 'msg bot', 'data-role': 'bot'},
      srOnly('spotter said: '), h('div', {class: 'card'}, h('p', {class: 'summary', text})),
      meta(at, 'spotter'));
  }

  // The answer object, in the order a worried reader needs it: the safety
  // banner first (for "urgent", "seek medical care" before anything else),
  // then summary, steps with their sources, caveats, referral, follow-up and
  // the full source list.
  function answerNode(answer, at) {
    const safety = answer.safety || {};
    const level = safety.level || 'none';
    const referral = answer.referral || null;
    const card = h('div', {class: 'card answer', 'data-topic': answer.topic || '', 'data-safety': level});
    if (level === 'urgent' || level === 'caution') {
      const isUrgent = level === 'urgent';
      const text = h('div', null,
        h('b', {text: isUrgent ? 'Seek medical care now' : 'Take care with this one'}),
        safety.message ? h('p', {text: safety.message}) : null,
        referral && referral.to === 'medical' && referral.text ? h('p', {text: referral.text}) : null);
      if (list(safety.flags).length) {
        text.append(h('div', {class: 'flags', 'aria-label': 'Warning signs'},
          ...safety.flags.map((flag) => h('span', {class: 'flag', text: flag}))));
      }
      card.append(h('div', {class: 'safety ' + level, 'data-part': 'safety'},
        icon(isUrgent ? 'medical' : 'warn', 20), text));
    }
    // An urgent summary opens with the banner's message: not printed twice.
    let summary = answer.summary || '';
    if (level !== 'none' && safety.message && summary.startsWith(safety.message)) {
      summary = summary.slice(safety.message.length).trim();
    }
    if (summary) card.append(h('p', {class: 'summary', 'data-part': 'summary', text: summary}));

    const sources = list(answer.sources).filter((s) => s && typeof s.id === 'string');
    const titles = new Map(sources.map((s) => [s.id, s.title || s.id]));
    const advice = list(answer.advice).filter((step) => step && step.text);
    if (advice.length) {
      card.append(h('p', {class: 'label', text: level === 'urgent' ? 'Meanwhile' : 'What you can try'}),
        h('ol', {class: 'advice', 'data-part': 'advice'}, ...advice.map((step) => h('li', null,
          h('div', {text: step.text}),
          step.source ? sourceLink(step.source, titles.get(step.source) || step.source) : null))));
    }
    const hedges = list(answer.hedges);
    if (hedges.length) {
      card.append(h('ul', {class: 'hedges', 'data-part': 'hedges', 'aria-label': 'Keep in mind'},
        ...hedges.map((text) => h('li', {text}))));
    }
    if (referral && referral.to === 'coach') {
      card.append(h('div', {class: 'referral', 'data-part': 'referral'},
        referral.text ? h('p', {text: referral.text}) : null, coachButton('btn')));
    } else if (referral && referral.text && level !== 'urgent' && level !== 'caution') {
      card.append(h('div', {class: 'referral medical', 'data-part': 'referral'},
        h('p', {text: referral.text})));
    }
    const followUp = answer.follow_up;
    if (followUp && followUp.question) {
      const part = h('div', {class: 'follow', 'data-part': 'follow-up'}, h('p', {text: followUp.question}));
      const options = list(followUp.options);
      if (options.length) {
        const chips = h('div', {class: 'chips', role: 'group', 'aria-label': followUp.question},
          ...options.map((option) => h('button', {
            class: 'chip', type: 'button', 'aria-pressed': 'false',
            onclick: (event) => {
              event.currentTarget.setAttribute('aria-pressed', 'true');
              ask(option);
            },
          }, option)));
        part.append(chips);
        disableChips();
        state.chips = chips;
      }
      card.append(part);
    }
    if (sources.length) {
      card.append(h('details', {class: 'sources', 'data-part': 'sources'},
        h('summary', {text: `Sources (${sources.length})`}),
        h('ul', null, ...sources.map((s) => h('li', null,
          h('a', {href: sourceUrl(s.id), target: '_blank', rel: 'noopener', text: s.title || s.id}),
          s.excerpt ? h('span', {class: 'ex', text: s.excerpt}) : null)))));
    }
    return h('div', {class: 'msg bot', 'data-role': 'bot'},
      srOnly('spotter answered: '), card, meta(at, 'spotter'));
  }

  function sourceLink(id, label) {
    return h('a', {
      class: 'src', href: sourceUrl(id), target: '_blank', rel: 'noopener',
      'aria-label': `Source: ${label} (opens in a new tab)`,
    }, icon('doc', 13), h('span', {text: label}));
  }

  // The follow-up buttons of older answers are history, not choices.
  function disableChips() {
    if (!state.chips) return;
    for (const chip of state.chips.children) chip.disabled = true;
    state.chips = null;
  }

  const coachButtons = [];
  function coachButton(className) {
    const button = h('button', {class: className, type: 'button', onclick: () => escalate()},
      icon('person', 15), 'Talk to a coach');
    coachButtons.push(button);
    refreshHandoff();
    return button;
  }

  // One transcript entry from a welcome's history.
  function entryNode(entry) {
    switch (entry.role) {
      case 'user':
        disableChips();
        return userNode(entry.text, entry.at);
      case 'bot':
        return entry.answer && typeof entry.answer === 'object'
          ? answerNode(entry.answer, entry.at) : botTextNode(entry.text, entry.at);
      case 'coach':
        return coachNode(entry.coach || 'Coach', entry.text, entry.at);
      default:
        return eventNode(entry.text);
    }
  }

  function confirmAnchor(role, text) {
    state.anchor = {role, text};
    state.eventsSinceAnchor = 0;
  }

  function renderEntry(entry) {
    if (!entry || typeof entry.text !== 'string') return;
    place(entryNode(entry));
    if (entry.role === 'user' || entry.role === 'bot' || entry.role === 'coach') {
      confirmAnchor(entry.role, entry.text);
    } else {
      state.eventsSinceAnchor += 1;
    }
  }

  // ---- Header, hand-off bar, typing, badge ------------------------------------

  function refreshHandoff() {
    const escalation = state.escalation;
    const isBusy = !!escalation || state.isEscalating;
    for (const button of [ui.coachButton, ...coachButtons]) {
      button.setAttribute('aria-disabled', String(isBusy));
    }
    ui.root.dataset.handoff = escalation ? escalation.status : 'none';
    ui.root.dataset.conn = isOnline() ? 'online' : 'offline';
    let status = 'Bot · online';
    if (!isOnline() && state.attempts > 0) status = 'Offline · reconnecting…';
    else if (!isOnline() && state.wantsSocket) status = 'Connecting…';
    else if (escalation && escalation.status === 'with_coach') status = `Chatting with ${escalation.coach || 'a coach'}`;
    else if (escalation) status = 'Coach requested';
    ui.status.textContent = status;
    ui.handoff.hidden = !escalation;
    ui.foot.textContent = escalation && escalation.status === 'with_coach'
      ? 'You are chatting with a person from the coaching team.'
      : 'spotter is a bot, not a doctor or a coach.';
    if (escalation) {
      ui.handoff.dataset.state = escalation.status;
      if (escalation.status === 'with_coach') {
        ui.handoffTitle.textContent = `You're chatting with ${escalation.coach || 'a coach'}`;
        ui.handoffText.textContent = 'A real person is reading your messages now.';
      } else {
        ui.handoffTitle.textContent = 'Waiting for a coach';
        ui.handoffText.textContent = escalation.message || 'A coach will join this chat soon.';
      }
    }
  }

  function refreshTyping() {
    let isAsking = false;
    for (const item of state.pending.values()) isAsking = isAsking || item.kind === 'ask';
    const wasHidden = ui.typing.hidden;
    ui.typing.hidden = !isAsking;
    if (wasHidden && isAsking) scrollToEnd();
  }

  function refreshLauncher() {
    const count = state.unread;
    ui.badge.hidden = state.isOpen || count === 0;
    ui.badge.textContent = count > 9 ? '9+' : String(count);
    ui.launcher.setAttribute('aria-label', state.isOpen ? 'Close chat'
      : `Open chat: ${title}` + (count ? ` (${count} new)` : ''));
  }

  function noteUnread() {
    if (state.isOpen) return;
    state.unread += 1;
    refreshLauncher();
  }

  function fitInput() {
    ui.input.style.height = '';
    if (!ui.input.value) return;  // Chromium counts a wrapped placeholder in scrollHeight
    ui.input.style.height = 'auto';
    ui.input.style.height = Math.min(ui.input.scrollHeight + 3, 132) + 'px';
  }

  // ---- Opening and closing ----------------------------------------------------

  // `isUser`: moves focus (into the input on open, back to the launcher on
  // close); a panel restored after a reload leaves focus where the page has it.
  function setOpen(open, isUser) {
    state.isOpen = open;
    ui.panel.hidden = !open;
    ui.root.classList.toggle('open', open);
    ui.launcher.setAttribute('aria-expanded', String(open));
    perTab.set('open', open ? '1' : null);
    if (open) {
      state.unread = 0;
      tuneColors();
      ensureSocket(true);
      scrollToEnd();
      if (isUser) ui.input.focus();
    } else if (isUser) {
      ui.launcher.focus();
    }
    refreshLauncher();
  }

  // ---- Sending -------------------------------------------------------------

  function onSubmit(event) {
    event.preventDefault();
    const text = ui.input.value;
    if (!text.trim()) return;
    // Too long: say so and keep the text, so the lifter can shorten it.
    if (Array.from(text.trim()).length > kMaxTextChars) {
      append(noticeNode(kErrorText.too_large));
      return;
    }
    ui.input.value = '';
    fitInput();
    ask(text);
  }

  function ask(rawText) {
    const text = rawText.trim();
    if (!text) return;
    if (Array.from(text).length > kMaxTextChars) {
      append(noticeNode(kErrorText.too_large));
      return;
    }
    disableChips();
    const node = append(userNode(text));
    enqueue({kind: 'ask', frame: {type: MSG.ASK, id: newId(), text}, node, text});
  }

  function escalate() {
    if (state.escalation || state.isEscalating) return;
    state.isEscalating = true;
    refreshHandoff();
    enqueue({kind: 'escalate', frame: {type: MSG.ESCALATE, id: newId()}});
  }

  function isOnline() {
    return !!state.socket && state.isWelcomed && state.socket.readyState === WebSocket.OPEN;
  }

  function enqueue(item) {
    if (isOnline()) {
      transmit(item);
      return;
    }
    state.outbox.push(item);
    setStatus(item.node, state.wantsSocket && state.attempts > 0 ? 'Queued · sends when back online' : 'Sending…');
    ensureSocket(true);
  }

  // Sends once: an item leaves the outbox before it is sent and is never put
  // back, so a drop after this point loses it rather than duplicating it.
  function transmit(item) {
    // A retry gets a new id, so a late reply to the old one cannot clash.
    if (item.sentOnce) item.frame.id = newId();
    item.sentOnce = true;
    state.pending.set(item.frame.id, item);
    setStatus(item.node, '');
    state.socket.send(JSON.stringify(item.frame));
    refreshTyping();
  }

  function retryButton(item) {
    return h('button', {
      class: 'retry', type: 'button', text: 'Retry',
      onclick: () => {
        state.lost = state.lost.filter((other) => other !== item);
        setStatus(item.node, 'Sending…');
        enqueue(item);
      },
    });
  }

  // ---- The connection ---------------------------------------------------------

  // `now`: a user action, which may skip the backoff wait (at most once a
  // second).
  function ensureSocket(now) {
    state.wantsSocket = true;
    if (state.socket) return;
    if (state.retryTimer && now && Date.now() - state.lastAttemptAt > kManualRetryGapMs) {
      clearTimeout(state.retryTimer);
      state.retryTimer = 0;
    }
    if (!state.retryTimer) connect();
  }

  function connect() {
    state.retryTimer = 0;
    state.lastAttemptAt = Date.now();
    let socket;
    try {
      socket = new WebSocket(socketUrl);
    } catch (_) {
      onDisconnected();
      return;
    }
    state.socket = socket;
    refreshHandoff();
    socket.onopen = () => {
      const hello = {type: MSG.HELLO};
      if (state.session) hello.session = state.session;
      socket.send(JSON.stringify(hello));
    };
    socket.onmessage = (event) => {
      if (socket !== state.socket) return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (_) {
        return;  // not ours to show; the server only sends JSON
      }
      if (message && typeof message.type === 'string') handle(message);
    };
    socket.onclose = () => {
      if (socket !== state.socket) return;
      state.socket = null;
      onDisconnected();
    };
  }

  // Exponential backoff with "equal jitter": half the window fixed, half
  // random, so a restarted server is not hit by every tab at once.
  function onDisconnected() {
    state.isWelcomed = false;
    for (const item of state.pending.values()) {
      if (item.kind === 'ask') state.lost.push(item);
      else if (item.kind === 'escalate') state.isEscalating = false;
    }
    state.pending.clear();
    refreshTyping();
    const windowMs = Math.min(kBackoffCapMs, kBackoffFirstMs * Math.pow(2, state.attempts));
    state.attempts += 1;
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(connect, windowMs / 2 + Math.random() * windowMs / 2);
    ui.offline.hidden = false;
    for (const item of state.outbox) setStatus(item.node, 'Queued · sends when back online');
    refreshHandoff();
  }

  window.addEventListener('online', () => {
    if (state.wantsSocket && !state.socket) ensureSocket(true);
  });

  // ---- Receiving ---------------------------------------------------------------

  function takePending(id) {
    const item = state.pending.get(id);
    state.pending.delete(id);
    refreshTyping();
    return item;
  }

  function handle(m) {
    switch (m.type) {
      case MSG.WELCOME: return onWelcome(m);
      case MSG.ANSWER: {
        takePending(m.reply_to);
        disableChips();
        place(answerNode(m));
        if (typeof m.summary === 'string') confirmAnchor('bot', m.summary);
        return noteUnread();
      }
      case MSG.RELAYED: {
        const item = takePending(m.reply_to);
        if (item) {
          const coach = state.escalation && state.escalation.coach;
          setStatus(item.node, coach ? `Delivered to ${coach}` : 'Delivered to the coach');
          confirmAnchor('user', item.text);
        }
        return;
      }
      case MSG.ESCALATED: {
        takePending(m.reply_to);
        state.isEscalating = false;
        const message = typeof m.message === 'string' ? m.message : '';
        if (m.status === 'closed') {  // a coach answered and closed it already
          place(eventNode(message || 'A coach has already answered this request.'));
          state.eventsSinceAnchor += 1;
          return refreshHandoff();
        }
        state.escalation = m.status === 'with_coach'
          ? {ticket: m.ticket, status: 'with_coach', coach: m.coach || null, message}
          : {ticket: m.ticket, status: 'waiting', coach: null, message};
        saved.set('handoff', '1');
        // The bar under the header says what to expect; the log just marks it.
        place(eventNode('You asked for a coach'));
        scrollToEnd();  // the user asked for this; show where it stands
        state.eventsSinceAnchor += 1;
        return refreshHandoff();
      }
      case MSG.COACH_JOINED: {
        const coach = m.coach || 'A coach';
        state.escalation = {ticket: m.ticket, status: 'with_coach', coach};
        saved.set('handoff', '1');
        place(eventNode(`${coach} joined`));
        state.eventsSinceAnchor += 1;
        refreshHandoff();
        return noteUnread();
      }
      case MSG.COACH_MESSAGE: {
        const coach = m.coach || (state.escalation && state.escalation.coach) || 'Coach';
        place(coachNode(coach, String(m.text || ''), m.at));
        confirmAnchor('coach', String(m.text || ''));
        return noteUnread();
      }
      case MSG.COACH_LEFT: {
        const coach = m.coach || (state.escalation && state.escalation.coach) || 'The coach';
        state.escalation = null;
        saved.set('handoff', null);
        place(eventNode(`${coach} left; the bot answers again`));
        state.eventsSinceAnchor += 1;
        return refreshHandoff();
      }
      case MSG.ERROR: return onError(m);
      default: return undefined;  // newer servers may add types
    }
  }

  function onError(m) {
    const item = m.reply_to ? takePending(m.reply_to) : null;
    const text = kErrorText[m.code] || m.message || 'Something went wrong. Please try again.';
    if (item && item.kind === 'escalate') {
      state.isEscalating = false;
      refreshHandoff();
    }
    if (item && item.kind === 'ask') {
      const canRetry = kRetryable.has(m.code);
      setStatus(item.node, 'Not sent', 'failed', canRetry ? retryButton(item) : null);
    }
    place(noticeNode(text));
  }

  function onWelcome(m) {
    const isResumed = !!state.session && m.session === state.session;
    if (typeof m.session === 'string' && m.session) {
      state.session = m.session;
      saved.set('session', m.session);
    }
    const history = list(m.history);
    if (!state.isSynced) {
      for (const entry of history) renderEntry(entry);
      state.isSynced = true;
      scrollToEnd();
    } else if (isResumed) {
      catchUp(history);
    } else {
      place(eventNode('Your earlier conversation could not be found, so a new one has started.'));
      state.anchor = null;
    }
    if ('escalation' in m) {
      const e = m.escalation;
      state.escalation = e && e.ticket
        ? {ticket: e.ticket, status: e.status === 'with_coach' ? 'with_coach' : 'waiting', coach: e.coach || null}
        : null;
      saved.set('handoff', state.escalation ? '1' : null);
    }
    // Asks that were in flight when the socket dropped and that the history
    // does not show as received.
    for (const item of state.lost) {
      setStatus(item.node, 'Not delivered', 'failed', retryButton(item));
    }
    state.lost = [];
    state.isWelcomed = true;
    state.attempts = 0;
    ui.offline.hidden = true;
    refreshHandoff();
    const outbox = state.outbox;
    state.outbox = [];
    for (const item of outbox) transmit(item);
  }

  // Adds the entries after the anchor (see the header comment).
  function catchUp(history) {
    let start = -1;
    if (state.anchor) {
      for (let i = history.length - 1; i >= 0 && start < 0; i--) {
        if (history[i].role === state.anchor.role && history[i].text === state.anchor.text) start = i;
      }
      if (start < 0) return;  // the anchor scrolled out of the history: do not guess
    }
    let eventsToSkip = state.eventsSinceAnchor;
    for (const entry of history.slice(start + 1)) {
      if (entry.role === 'event' && eventsToSkip > 0) {
        eventsToSkip -= 1;
        continue;
      }
      if (entry.role === 'user') {
        const i = state.lost.findIndex((item) => item.text === entry.text);
        if (i >= 0) {
          setStatus(state.lost[i].node, '');
          state.lost.splice(i, 1);
          disableChips();
          confirmAnchor('user', entry.text);
          continue;
        }
      }
      renderEntry(entry);
    }
  }

  // ---- Start ---------------------------------------------------------------

  ui.log.append(h('div', {class: 'msg bot greet', 'data-role': 'greeting'},
    h('div', {class: 'card'}, greeting)));
  refreshHandoff();
  refreshLauncher();
  document.documentElement.append(host);
  tuneColors();
  if (perTab.get('open')) setOpen(true, false);
  else if (saved.get('handoff') && state.session) ensureSocket(false);
})();
