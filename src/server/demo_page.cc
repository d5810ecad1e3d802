#include "server/demo_page.h"

namespace spotter {

std::string_view DemoPage() {
  // Everything the page shows from the server is inserted as text, never as
  // HTML.
  static constexpr std::string_view kPage = R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>spotter demo</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
  #log { border: 1px solid #ccc; border-radius: 8px; padding: 1rem; min-height: 12rem; }
  .you { font-weight: 600; margin-top: 1rem; }
  .urgent { background: #fde2e1; border-left: 4px solid #b3261e; padding: .5rem; }
  .caution { background: #fff4d6; border-left: 4px solid #8a6100; padding: .5rem; }
  .hedge { color: #555; font-size: .9rem; }
  form { display: flex; gap: .5rem; margin-top: 1rem; }
  input { flex: 1; font: inherit; padding: .5rem; }
  button { font: inherit; padding: .5rem 1rem; }
</style>
</head>
<body>
<h1>spotter</h1>
<p>Ask about training, soreness, aches from lifting or your goals.</p>
<div id="log" aria-live="polite"></div>
<form id="ask"><label for="q" hidden>Your question</label>
<input id="q" autocomplete="off" placeholder="my lower back is sore after deadlifts">
<button>Ask</button></form>
<script>
const log = document.getElementById('log');
const add = (cls, text) => { const p = document.createElement('p'); p.className = cls; p.textContent = text; log.appendChild(p); return p; };
const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
let n = 0;
ws.onopen = () => ws.send(JSON.stringify({type: 'hello', session: localStorage.getItem('spotter-demo') || undefined}));
ws.onmessage = (event) => {
  const m = JSON.parse(event.data);
  if (m.type === 'welcome') { localStorage.setItem('spotter-demo', m.session); return; }
  if (m.type === 'error') { add('hedge', 'Error: ' + m.message); return; }
  if (m.type !== 'answer') return;
  if (m.safety.level !== 'none') add(m.safety.level, m.safety.message);
  add('', m.summary);
  const ul = document.createElement('ul');
  for (const a of m.advice) { const li = document.createElement('li'); li.textContent = a.text + (a.source ? ' [' + a.source + ']' : ''); ul.appendChild(li); }
  log.appendChild(ul);
  for (const h of m.hedges) add('hedge', h);
  if (m.referral) add('hedge', m.referral.text);
  if (m.follow_up) add('', m.follow_up.question + (m.follow_up.options.length ? ' (' + m.follow_up.options.join(' / ') + ')' : ''));
};
document.getElementById('ask').onsubmit = (e) => {
  e.preventDefault();
  const q = document.getElementById('q');
  if (!q.value.trim()) return;
  add('you', q.value);
  ws.send(JSON.stringify({type: 'ask', id: 'c' + (++n), text: q.value}));
  q.value = '';
};
</script>
</body>
</html>
)";
  return kPage;
}

}  // namespace spotter
