/* ddlab playground client: one WebSocket per tab carries terminal bytes, node lists, panel
   snapshots and deltas (protocol in docs/design/web-playground.md). Panels are plug-ins: each
   panel script calls ddlab.registerPanel(id, {mount, snapshot, delta, answer}). */
(function () {
  'use strict';
  const $ = (sel, el) => (el || document).querySelector(sel);
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
    }
    for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k.nodeType ? k : String(k));
    return e;
  };

  const state = {
    ws: null, sessionId: null, nodes: [], active: null, terms: {}, panels: [], openPanel: null,
    panelImpls: {}, panelLoaded: {}, requestId: 0, pending: {}, remaining: 0, warningSeconds: 600,
    closed: false, retry: 0, time: {paused: false, speed: 1},
  };

  // ---- panels as plug-ins ----
  const panelApi = {
    request(panel, args) {
      const id = ++state.requestId;
      send({type: 'panel.request', panel, id, args});
      return new Promise(resolve => { state.pending[id] = resolve; });
    },
    typeCommand(command) { runInTerminal(command); },
    showTimeline() { showTimeline(true); },
    openPanel(id) { openPanel(id); },
    codeActions,
    activeNode: () => state.active,
    sessionId: () => state.sessionId,
    el,
  };
  // ---- code blocks in lessons and labs: lines wrap; "Chép" copies, "▶ chạy" types them ----
  function copyText(text, button) {
    const done = ok => {
      button.textContent = ok ? 'Đã chép' : 'Không chép được';
      setTimeout(() => { button.textContent = 'Chép'; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(() => done(true), () => done(false));
      return;
    }
    const ta = el('textarea', {style: 'position:fixed;left:-9999px', 'aria-hidden': 'true'});
    ta.value = text;
    document.body.append(ta);
    ta.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    ta.remove();
    done(ok);
  }
  function codeActions(pre, runnable) {
    const cmds = (pre.querySelector('code') || pre).textContent.split('\n')
      .map(l => l.replace(/^\s*\$\s+/, '').trimEnd())
      .filter(l => l.trim() && !l.trim().startsWith('#'));
    if (!cmds.length) return;
    pre.classList.add('cmd');
    const bar = el('span', {class: 'code-actions'},
      el('button', {type: 'button', class: 'copy', title: 'Chép các lệnh này',
        onclick: ev => copyText(cmds.join('\n'), ev.currentTarget)}, 'Chép'));
    if (runnable) {
      bar.append(el('button', {type: 'button', class: 'run', title: 'Gõ các lệnh này vào terminal đang mở',
        onclick: () => runInTerminal(cmds.join('\r'))}, '▶ chạy'));
    }
    pre.append(bar);
  }

  window.ddlab = {
    registerPanel(id, impl) { state.panelImpls[id] = impl; },
    api: panelApi,
    state,
  };

  // ---- socket ----
  function connect() {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(proto + '://' + location.host + '/ws');
    state.ws = ws;
    ws.onopen = () => { state.retry = 0; hideBanner(); };
    ws.onmessage = ev => handle(JSON.parse(ev.data));
    ws.onclose = () => {
      if (state.closed) return;
      const wait = Math.min(10000, 500 * Math.pow(2, state.retry++));
      banner('Mất kết nối với máy chủ, đang nối lại… (nội dung terminal vẫn được giữ)');
      setTimeout(connect, wait);
    };
  }
  function send(msg) {
    if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(msg));
  }

  function handle(m) {
    switch (m.type) {
      case 'hello': return hello(m);
      case 'output': {
        const t = state.terms[m.node];
        if (!t) return;
        if (m.replay) t.term.reset();
        t.term.write(m.data);
        return;
      }
      case 'nodes': return setNodes(m.nodes);
      case 'time': return setTime(m);
      case 'timeline': return setTimeline(m);
      case 'rewind': return timelineNote(m.message, m.ok ? '' : 'bad');
      case 'expiring':
        state.remaining = m.remainingSeconds;
        banner('Phiên sắp hết hạn: còn khoảng ' + Math.ceil(m.remainingSeconds / 60)
          + ' phút. Hãy lưu lại những gì cần (lệnh, Dockerfile) trước khi phiên kết thúc.');
        return;
      case 'closed':
        state.closed = true;
        banner(m.reason + ' ', true);
        $('#banner').append(el('a', {href: '/', class: 'button primary'}, 'Mở phiên mới'));
        return;
      case 'panel.snapshot': {
        const impl = state.panelImpls[m.panel];
        if (impl && impl.snapshot) impl.snapshot(m.data);
        return;
      }
      case 'panel.delta': {
        const impl = state.panelImpls[m.panel];
        if (impl && impl.delta) impl.delta(m.data);
        return;
      }
      case 'panel.answer': {
        const resolve = state.pending[m.id];
        delete state.pending[m.id];
        if (resolve) resolve(m.data);
        return;
      }
      case 'error': console.warn('ddlab:', m.message); return;
    }
  }

  function hello(m) {
    state.sessionId = m.session.id;
    state.remaining = m.session.remainingSeconds;
    state.warningSeconds = m.session.warningSeconds;
    state.limits = m.limits;
    showTtl();
    state.real = m.session.engine === 'real';
    $('#engine-kind').textContent = state.real ? 'Docker thật' : 'mô phỏng';
    if (state.real) {
      // a real engine's time is the wall clock, its node the learner's client machine
      $('.time-control').hidden = true;
      $('#session-hint').textContent = 'Node này là máy khách của bạn (tệp của nó nằm trong bộ nhớ'
        + ' máy chủ); Docker Engine là Engine thật của lớp học. Kết thúc phiên thì container,'
        + ' mạng và volume của phiên được dọn.';
    }
    setNodes(m.nodes);
    setTime(m.time);
    if (m.timeline) setTimeline(m.timeline);
    if (!state.panels.length) {
      state.panels = m.panels.concat(
        [{id: 'lesson', title: 'Bài học', script: '/panels/lesson.js', local: true},
         {id: 'files', title: 'Tệp', script: '/panels/files.js', local: true}]);
      renderTabs();
      openPanel(new URLSearchParams(location.hash.slice(1)).get('panel') || state.panels[0].id);
    } else if (state.openPanel && !isLocal(state.openPanel)) {
      send({type: 'panel.open', panel: state.openPanel});
    }
  }

  // ---- nodes and terminals ----
  function setNodes(nodes) {
    state.nodes = nodes;
    for (const n of nodes) if (!state.terms[n.name]) makeTerminal(n.name);
    for (const name of Object.keys(state.terms)) {
      if (!nodes.find(n => n.name === name)) {
        state.terms[name].term.dispose();
        state.terms[name].box.remove();
        delete state.terms[name];
      }
    }
    if (!state.active || !state.terms[state.active]) activate(nodes.length ? nodes[0].name : null);
    renderNodes();
    const add = $('#add-node');
    if (state.limits) add.disabled = state.real || nodes.length >= state.limits.maxNodes;
    add.title = state.real ? 'Chế độ Docker thật chỉ có một node' : '';
  }

  function renderNodes() {
    const list = $('#node-list');
    list.replaceChildren(...state.nodes.map(n => {
      const ports = n.ports.map(p => el('a', {
        class: 'chip', target: '_blank', rel: 'noopener',
        href: '/s/' + state.sessionId + '/n/' + encodeURIComponent(n.name) + '/p/' + p.port + '/',
        title: 'Mở cổng ' + p.port + ' (container ' + p.container + ', cổng ' + p.containerPort + ')',
        'data-port': p.port,
      }, String(p.port)));
      return el('li', {
        class: 'node' + (n.name === state.active ? ' active' : ''), 'data-node': n.name, tabindex: 0,
        onclick: () => activate(n.name),
        onkeydown: e => { if (e.key === 'Enter') activate(n.name); },
      },
      el('div', {class: 'name'}, n.name,
        state.nodes.length > 1 ? el('button', {
          class: 'remove', type: 'button', title: 'Xoá node ' + n.name, 'aria-label': 'Xoá node ' + n.name,
          onclick: e => { e.stopPropagation(); removeNode(n.name); },
        }, '×') : null),
      el('div', {class: 'ip'}, n.address),
      ports.length ? el('div', {class: 'ports'}, ports) : null);
    }));
  }

  function makeTerminal(node) {
    const box = el('div', {class: 'terminal', 'data-node': node, hidden: true});
    $('#terminals').append(box);
    const term = new Terminal({
      cursorBlink: true, scrollback: 5000, fontSize: 13, convertEol: false,
      fontFamily: '"DejaVu Sans Mono", "Noto Sans Mono", ui-monospace, monospace',
      theme: {background: '#11151c', foreground: '#e3e9f0', cursor: '#9fc3ff', selection: 'rgba(159,195,255,.35)'},
    });
    const fit = new FitAddon.FitAddon();
    term.loadAddon(fit);
    term.open(box);
    if (term.textarea) term.textarea.setAttribute('aria-label', 'Ô gõ lệnh của terminal ' + node);
    term.attachCustomKeyEventHandler(e => {
      if (e.type !== 'keydown') return true;
      const key = e.key.toLowerCase();
      if (e.ctrlKey && e.shiftKey && key === 'c') { copy(term); return false; }
      if (e.ctrlKey && !e.shiftKey && key === 'c' && term.hasSelection()) { copy(term); return false; }
      if (e.ctrlKey && key === 'v') return false;   // let the browser paste into xterm
      return true;
    });
    term.onData(data => send({type: 'input', node, data}));
    term.onResize(({cols, rows}) => send({type: 'resize', node, cols, rows}));
    state.terms[node] = {term, fit, box};
  }

  function copy(term) {
    const text = term.getSelection();
    if (!text) return;
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text);
    else {
      const ta = el('textarea', {}); ta.value = text; document.body.append(ta); ta.select();
      document.execCommand('copy'); ta.remove();
    }
    term.clearSelection();
  }

  function activate(node) {
    state.active = node;
    for (const [name, t] of Object.entries(state.terms)) t.box.hidden = name !== node;
    $('#terminal-title').textContent = node ? 'Terminal · ' + node : 'Terminal';
    for (const li of document.querySelectorAll('#node-list .node')) li.classList.toggle('active', li.dataset.node === node);
    const t = state.terms[node];
    if (t) { fitTerm(t); t.term.focus(); }
  }
  function fitTerm(t) {
    try { t.fit.fit(); } catch (e) { /* hidden */ }
    send({type: 'resize', node: Object.keys(state.terms).find(k => state.terms[k] === t), cols: t.term.cols, rows: t.term.rows});
  }
  window.addEventListener('resize', () => { const t = state.terms[state.active]; if (t) fitTerm(t); });

  function runInTerminal(command) {
    const t = state.terms[state.active];
    if (!t) return;
    send({type: 'input', node: state.active, data: command + '\r'});
    t.term.focus();
  }

  async function addNode() {
    const r = await fetch('/api/nodes', {method: 'POST'});
    const body = await r.json().catch(() => ({}));
    if (!r.ok) return banner(body.message || 'Không thêm được node.', true);
    activate(body.node);
  }
  async function removeNode(node) {
    if (!confirm('Xoá node ' + node + '? Container trên node này sẽ mất.')) return;
    const r = await fetch('/api/nodes/' + encodeURIComponent(node), {method: 'DELETE'});
    if (!r.ok) { const b = await r.json().catch(() => ({})); banner(b.message || 'Không xoá được node.', true); }
  }
  $('#add-node').addEventListener('click', addNode);

  // ---- time ----
  function setTime(t) {
    state.time = t;
    $('#time-toggle').textContent = t.paused ? 'Chạy' : 'Dừng';
    $('#time-toggle').title = t.paused ? 'Chạy tiếp thời gian mô phỏng' : 'Tạm dừng thời gian mô phỏng';
    $('#time-step').disabled = !t.paused;
    $('#time-speed').value = String(t.speed);
    if (t.now) { state.virtualAt = Date.parse(t.now); state.wallAt = Date.now(); }
    showVirtualTime();
  }
  // between server messages the page extrapolates virtual time at the chosen speed
  function showVirtualTime() {
    if (!state.virtualAt) return;
    // below ×1 the milliseconds move visibly (at ×1/1000 one per wall second)
    $('#virtual-time').textContent = clock(virtualNowMs(), state.time.speed < 1);
  }
  function virtualNowMs() {
    return state.time.paused ? state.virtualAt : state.virtualAt + (Date.now() - state.wallAt) * state.time.speed;
  }
  function clock(epochMs, millis) { return new Date(epochMs).toISOString().slice(11, millis ? 23 : 19); }

  // ---- rewind: the time bar's slider over the session's virtual time ----
  function setTimeline(t) {
    const before = state.timeline;
    state.timeline = t;
    const off = !t.rewindable;
    for (const id of ['#timeline-slider', '#timeline-go', '#timeline-inputs', '#timeline-before']) $(id).disabled = off;
    if (off) { timelineNote(t.reason, 'bad'); return; }
    $('#timeline-before').disabled = $('#timeline-inputs').disabled = !t.inputs.length;
    state.timelineStart = Date.parse(t.start);
    const sel = $('#timeline-inputs'), keep = sel.value;
    sel.replaceChildren(...t.inputs.map(i => el('option', {value: i.index},
      '#' + i.index + ' ' + clock(state.timelineStart + i.atMs, true) + ' ' + (i.node ? i.node + ': ' : '')
      + i.label.slice(0, 60) + (i.future ? ' (sau thời điểm đang xem)' : ''))));
    if (keep && t.inputs.some(i => String(i.index) === keep)) sel.value = keep;
    else if (t.inputs.length) sel.value = String(t.inputs[t.inputs.length - 1].index);
    drawTimeline();
    if (before && before.dropped > 0 && !t.dropped) {
      timelineNote('Đã rẽ sang nhánh mới: ' + before.dropped + ' thao tác sau thời điểm tua về đã bị bỏ.', 'fork');
    } else if (t.dropped > 0) {
      timelineNote('Đang xem lại một thời điểm cũ, thời gian đang dừng. ' + t.dropped + ' thao tác sau thời điểm này'
        + ' vẫn được giữ (tua tới được); bấm Chạy, +1 giây hoặc gõ lệnh sẽ rẽ sang nhánh mới và bỏ chúng.', 'fork');
    }
  }
  function timelineEndMs() {
    const t = state.timeline;
    if (!t || !t.rewindable) return 1;
    return Math.max(t.endMs, virtualNowMs() - state.timelineStart, 1);
  }
  function drawTimeline() {
    const t = state.timeline;
    if (!t || !t.rewindable || $('#timeline').hidden) return;
    const end = timelineEndMs(), slider = $('#timeline-slider');
    if (!state.dragging) {
      slider.max = String(end);
      if (!state.sliderTouched) slider.value = String(Math.min(end, virtualNowMs() - state.timelineStart));
    }
    const pct = ms => (100 * Math.max(0, Math.min(end, ms)) / end).toFixed(3) + '%';
    $('#timeline-marks').replaceChildren(
      ...t.inputs.map(i => el('span', {class: i.future ? 'future' : '', style: 'left:' + pct(i.atMs),
        title: '#' + i.index + ' ' + (i.node ? i.node + ': ' : '') + i.label})),
      ...t.marks.map(m => el('span', {class: 'leader', style: 'left:' + pct(m.atMs), title: m.label})));
    showSliderAt();
  }
  function showSliderAt() {
    if (state.timelineStart) $('#timeline-at').textContent = clock(state.timelineStart + Number($('#timeline-slider').value), true);
  }
  function timelineNote(text, kind) {
    const n = $('#timeline-note');
    n.textContent = text || '';
    n.className = 'timeline-note' + (kind ? ' ' + kind : '');
  }
  function showTimeline(open) {
    $('#timeline').hidden = !open;
    $('#time-rewind').setAttribute('aria-expanded', String(open));
    state.sliderTouched = false;
    if (open) drawTimeline();
    // the strip takes height from the terminal: fit it again to its new box
    requestAnimationFrame(() => { const t = state.terms[state.active]; if (t) fitTerm(t); });
  }
  setInterval(drawTimeline, 1000);
  $('#time-rewind').addEventListener('click', () => showTimeline($('#timeline').hidden));
  $('#timeline-close').addEventListener('click', () => showTimeline(false));
  $('#timeline-slider').addEventListener('input', () => { state.sliderTouched = true; state.dragging = true; showSliderAt(); });
  $('#timeline-slider').addEventListener('change', () => { state.dragging = false; });
  $('#timeline-go').addEventListener('click', () => {
    state.sliderTouched = false;
    send({type: 'time', action: 'rewind', atMs: Number($('#timeline-slider').value)});
  });
  $('#timeline-before').addEventListener('click', () => {
    state.sliderTouched = false;
    send({type: 'time', action: 'rewind', before: Number($('#timeline-inputs').value)});
  });
  setInterval(showVirtualTime, 500);
  $('#time-toggle').addEventListener('click', () => send({type: 'time', action: state.time.paused ? 'play' : 'pause'}));
  $('#time-step').addEventListener('click', () => send({type: 'time', action: 'step', ms: 1000}));
  $('#time-speed').addEventListener('change', e => send({type: 'time', action: 'speed', speed: Number(e.target.value)}));

  // ---- TTL countdown ----
  setInterval(() => {
    if (state.closed || !state.sessionId) return;
    state.remaining = Math.max(0, state.remaining - 1);
    showTtl();
  }, 1000);
  function showTtl() {
    const s = state.remaining, h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    const ttl = $('#ttl');
    ttl.textContent = 'Còn ' + h + ':' + String(m).padStart(2, '0') + ':' + String(sec).padStart(2, '0');
    ttl.classList.toggle('warn', s <= state.warningSeconds);
  }

  // ---- panel tabs ----
  function isLocal(id) { const p = state.panels.find(x => x.id === id); return p && p.local; }
  function renderTabs() {
    $('#panel-tabs').replaceChildren(...state.panels.map(p => el('button', {
      type: 'button', role: 'tab', 'data-panel': p.id, 'aria-selected': String(p.id === state.openPanel),
      onclick: () => openPanel(p.id),
    }, p.title)));
  }
  async function openPanel(id) {
    const p = state.panels.find(x => x.id === id) || state.panels[0];
    if (state.openPanel && state.openPanel !== p.id && !isLocal(state.openPanel)) send({type: 'panel.close', panel: state.openPanel});
    state.openPanel = p.id;
    history.replaceState(null, '', '#panel=' + p.id);
    renderTabs();
    await loadScript(p);
    const body = $('#panel-body');
    body.replaceChildren();
    body.dataset.panel = p.id;
    const impl = state.panelImpls[p.id];
    if (impl && impl.mount) impl.mount(body, panelApi);
    if (!p.local) send({type: 'panel.open', panel: p.id});
  }
  function loadScript(p) {
    if (state.panelLoaded[p.id]) return state.panelLoaded[p.id];
    state.panelLoaded[p.id] = new Promise((resolve, reject) => {
      const s = el('script', {src: p.script});
      s.onload = resolve; s.onerror = reject;
      document.head.append(s);
    });
    return state.panelLoaded[p.id];
  }

  function banner(text, bad) {
    const b = $('#banner');
    b.textContent = text; b.hidden = false; b.classList.toggle('bad', !!bad);
  }
  function hideBanner() { if (!state.closed) $('#banner').hidden = true; }

  connect();
})();
