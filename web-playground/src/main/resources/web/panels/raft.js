/* Raft panel: the session's nodes on a ring, each manager's Raft state (role, term, vote, log with
   its commit index, timers), the messages between nodes animated as dots, and buttons that inject
   faults (stop a daemon, isolate a node, heal, lose the next message, add latency, force a manager's
   election timeout); under them, per service the tasks running on each node. */
(function () {
  'use strict';
  const el = (...a) => ddlab.api.el(...a);
  const svg = (...a) => window.ddlabGraph.svg(...a);
  const ROLE = {
    leader: 'leader (lãnh đạo)', follower: 'follower (theo sau)', candidate: 'candidate (ứng viên)',
    learner: 'learner (đang học)', down: 'đã dừng',
  };
  const STATE = {'in-flight': 'đang bay', delivered: 'đã đến', dropped: 'bị mất'};
  const REASON = {
    partition: 'bị cô lập', 'link down': 'mất kết nối', loss: 'mất ngẫu nhiên',
    'dropped by hand': 'bị bỏ theo yêu cầu', 'port closed': 'cổng đóng', 'no route': 'không có đường',
  };
  const W = 560, H = 300, R = 110, CX = W / 2, CY = H / 2 + 4;
  let root = null, data = null, receivedAt = 0, seen = -1, status = '';
  // kept across redraws: the dots in flight and what the learner picked in the selects
  const layer = svg('g', {class: 'raft-msgs'});
  const picked = {from: null, to: null, ms: null};
  const pos = {};

  function kind(summary) {
    if (summary.startsWith('PreVote')) return 'prevote';
    if (summary.startsWith('RequestVote') || summary.startsWith('Vote')) return 'vote';
    if (summary.includes('heartbeat') || summary.startsWith('Heartbeat')) return 'heartbeat';
    if (summary.startsWith('AppendEntries')) return 'append';
    return 'other';
  }
  // virtual nanoseconds now, extrapolated at the page's speed from the latest of the last state
  // and the last time message (a change of speed or a pause comes as the latter)
  function virtualNow() {
    if (!data) return 0;
    const t = ddlab.state.time || {}, st = ddlab.state;
    const fromTime = st.wallAt && st.wallAt > receivedAt;
    const base = fromTime ? st.virtualAt * 1e6 : data.now, since = fromTime ? st.wallAt : receivedAt;
    return base + (t.paused ? 0 : (Date.now() - since) * (t.speed || 1) * 1e6);
  }
  function speedNow() { return (ddlab.state.time && ddlab.state.time.speed) || 1; }
  // a flight that lasts at least 0.7 s of wall time at this speed is drawn where it is in virtual
  // time (at ×1/1000 a 1 ms flight takes a wall second; paused, it stands still)
  function slow(m) { return m.state === 'in-flight' && (m.due - m.sent) / 1e6 / speedNow() >= 700; }
  // below ×1/10 a timer moves by milliseconds (at ×1/1000 one per wall second): show them
  function seconds(ns) {
    const slow = ((ddlab.state.time || {}).speed || 1) < 0.1;
    return (Math.max(0, ns) / 1e9).toFixed(slow ? 3 : 1).replace('.', ',') + ' s';
  }

  async function act(args) {
    const r = await ddlab.api.request('raft', args);
    status = r && r.message ? r.message : '';
    const s = root && root.querySelector('.raft-status');
    if (s) { s.textContent = status; s.className = 'raft-status ' + (r && r.ok ? 'ok' : 'bad'); }
  }

  // The panel is built once and then updated in place on every state: a card, its buttons, the
  // selects and the ring's nodes stay the same DOM elements across refreshes (only text, classes
  // and attributes change), so a click never lands on a button that was just replaced.
  let view = null;

  function text(e, t) { if (e.textContent !== t) e.textContent = t; }
  function attr(e, k, v) {
    if (v === null || v === undefined || v === false) { if (e.hasAttribute(k)) e.removeAttribute(k); }
    else if (e.getAttribute(k) !== String(v)) e.setAttribute(k, v);
  }
  function show(e, visible) { attr(e, 'hidden', visible ? null : ''); }

  function ringNode(name) {
    const n = {g: svg('g', {'data-node': name}), halo: svg('circle', {r: 34, class: 'isolated'}),
      body: svg('circle', {class: 'body'}), name: svg('text', {'text-anchor': 'middle', class: 'name'}, name),
      term: svg('text', {'text-anchor': 'middle', class: 'term'}, ''),
      timer: svg('text', {'text-anchor': 'middle', class: 'timer', 'data-timer': name}, '')};
    n.g.append(n.halo, n.body, n.name, n.term, n.timer);
    return n;
  }

  function updateRing() {
    const names = data.nodes.map(n => n.name);
    if (view.ringNames !== names.join(' ')) {
      view.ringNames = names.join(' ');
      view.ringNodes = new Map(names.map(n => [n, ringNode(n)]));
      view.ring.replaceChildren(...[...view.ringNodes.values()].map(n => n.g), layer);
      names.forEach((n, i) => {
        const a = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, names.length);
        pos[n] = [CX + R * Math.cos(a) * 1.7, CY + R * Math.sin(a)];
      });
    }
    const mgr = new Map(data.managers.map(m => [m.node, m]));
    for (const n of data.nodes) {
      const v = view.ringNodes.get(n.name), m = mgr.get(n.name), [x, y] = pos[n.name];
      const role = n.daemon === 'stopped' ? 'down' : (m ? m.role : 'worker');
      attr(v.g, 'class', 'raft-node ' + role);
      attr(v.g, 'data-role', role);
      attr(v.halo, 'cx', x); attr(v.halo, 'cy', y);
      attr(v.halo, 'display', data.isolated.includes(n.name) ? null : 'none');
      attr(v.body, 'cx', x); attr(v.body, 'cy', y); attr(v.body, 'r', m ? 26 : 18);
      attr(v.name, 'x', x); attr(v.name, 'y', y - (m ? 4 : 0) + 4);
      attr(v.term, 'x', x); attr(v.term, 'y', y + 14);
      attr(v.term, 'display', m ? null : 'none');
      text(v.term, m ? 'term ' + m.term : '');
      attr(v.timer, 'x', x); attr(v.timer, 'y', y + 44);
      attr(v.timer, 'display', m && role !== 'down' ? null : 'none');
    }
  }

  function animate(m) {
    const a = pos[m.from], b = pos[m.to];
    if (!a || !b || slow(m)) return;
    const k = kind(m.summary);
    const dot = svg('g', {class: 'raft-msg ' + k + (m.state === 'dropped' ? ' dropped' : ''), 'data-kind': k});
    dot.append(svg('circle', {r: 6}));
    dot.append(svg('title', {}, m.from + ' → ' + m.to + ': ' + m.summary));
    layer.append(dot);
    const stopAt = m.state === 'dropped' ? 0.5 : 1;
    // a quick flight is drawn over at least 0.7 s of wall time so it can be seen at all
    const dur = Math.min(2500, Math.max(700, (m.due - m.sent) / 1e6 / speedNow()));
    const t0 = performance.now();
    function step(t) {
      if (!dot.isConnected) return;
      const f = Math.min(stopAt, (t - t0) / dur);
      dot.setAttribute('transform', 'translate(' + (a[0] + (b[0] - a[0]) * f) + ',' + (a[1] + (b[1] - a[1]) * f) + ')');
      if (f < stopAt) requestAnimationFrame(step);
      else setTimeout(() => dot.remove(), m.state === 'dropped' ? 600 : 0);
    }
    requestAnimationFrame(step);
  }

  // one button per card starts or stops the node's daemon: its action follows the node's state
  function card(node) {
    const b = () => el('b', {}, '');
    const c = {role: el('span', {class: 'role'}, ''), badge: el('span', {class: 'badge bad'}, 'bị cô lập'),
      term: b(), vote: b(), votes: b(), leader: b(), commit: b(), applied: b(),
      timer: el('span', {class: 'timer', 'data-timer-card': node}, ''),
      log: el('div', {class: 'raft-log', 'aria-label': 'Log của ' + node}), logKey: null};
    c.votesBox = el('span', {}, 'phiếu nhận: ', c.votes);
    c.power = el('button', {type: 'button', onclick: () => act({action: c.power.dataset.action, node})}, '');
    c.isolate = el('button', {type: 'button', 'data-action': 'isolate', onclick: () => act({action: 'isolate', node})},
      'Cô lập khỏi mạng');
    c.timeout = el('button', {type: 'button', 'data-action': 'timeout', onclick: () => act({action: 'timeout', node}),
      title: 'Như hết thời gian chờ bầu cử: leader trao quyền, node này bầu cử ngay ở term mới'}, 'Ép hết giờ (bầu cử ngay)');
    c.actions = el('div', {class: 'raft-actions'}, c.power, c.isolate, c.timeout);
    c.section = el('section', {'data-manager': node},
      el('h3', {}, node + ' — ', c.role, c.badge),
      el('div', {class: 'stats'},
        el('span', {}, 'term: ', c.term), el('span', {}, 'bầu cho: ', c.vote), c.votesBox,
        el('span', {}, 'leader: ', c.leader), el('span', {}, 'commit index: ', c.commit),
        el('span', {}, 'đã áp dụng: ', c.applied), c.timer),
      c.log, c.actions);
    return c;
  }

  function updateCard(c, m) {
    const node = data.nodes.find(n => n.name === m.node) || {daemon: 'unknown'};
    const stopped = node.daemon === 'stopped', isolated = data.isolated.includes(m.node);
    attr(c.section, 'class', 'raft-card ' + m.role);
    text(c.role, ROLE[m.role] || m.role);
    show(c.badge, isolated);
    text(c.term, String(m.term));
    text(c.vote, m.votedFor || '—');
    show(c.votesBox, m.role === 'candidate');
    text(c.votes, (m.votesReceived || []).join(', ') || '—');
    text(c.leader, m.leader || '—');
    text(c.commit, String(m.commitIndex));
    text(c.applied, String(m.lastApplied));
    const logKey = m.logSize + '|' + m.log.map(e => e.index + ':' + e.term + ':' + e.committed + ':' + e.summary).join(',');
    if (c.logKey !== logKey) {
      c.logKey = logKey;
      c.log.replaceChildren(m.logSize > m.log.length ? el('span', {class: 'hint'}, '… ') : '',
        ...m.log.map(e => el('span', {class: 'entry ' + (e.committed ? 'committed' : 'uncommitted'),
          title: '#' + e.index + ' term ' + e.term + ': ' + e.summary + (e.committed ? ' (đã commit)' : ' (chưa commit)')},
        el('b', {}, String(e.index)), el('small', {}, 't' + e.term))));
    }
    show(c.actions, data.faults);
    attr(c.power, 'data-action', stopped ? 'start' : 'stop');
    text(c.power, stopped ? 'Khởi động Docker' : 'Dừng Docker');
    show(c.isolate, !isolated);
    show(c.timeout, !stopped && m.role !== 'down');
  }

  // per service, how many of its tasks run on each node: they move when a node drains or stops
  function updateServices() {
    const names = data.nodes.map(n => n.name), services = data.services || [];
    const key = names.join(' ') + '|' + JSON.stringify(services);
    if (view.servicesKey === key) return;
    view.servicesKey = key;
    if (!services.length) {
      view.services.replaceChildren(el('p', {class: 'empty'},
        'Chưa có service nào. Thử: docker service create --name web --replicas 4 alpine sleep 1d, rồi docker node update --availability drain mgr2.'));
      return;
    }
    view.services.replaceChildren(el('table', {class: 'grid raft-services'},
      el('thead', {}, el('tr', {}, el('th', {}, 'Service (số bản sao)'), ...names.map(n => el('th', {}, n)))),
      el('tbody', {}, ...services.map(sv => el('tr', {'data-service': sv.name},
        el('th', {class: 'mono'}, sv.name + ' (' + (sv.mode === 'global' ? 'global' : sv.replicas) + ')'),
        ...names.map(n => {
          const k = sv.running[n] || 0;
          return el('td', {'data-node': n, class: k ? 'running' : 'none', title: k + ' task đang chạy trên ' + n},
            k ? '●'.repeat(Math.min(k, 8)) + ' ' + k : '—');
        }))))));
  }

  function controls() {
    const sel = (label, onchange) => el('select', {'aria-label': label, onchange});
    const v = {};
    v.from = sel('Từ node', e => { picked.from = e.target.value; });
    v.to = sel('Đến node', e => { picked.to = e.target.value; });
    v.lat = sel('Độ trễ', e => { picked.ms = Number(e.target.value); });
    v.lat.append(...[[0, '0 ms'], [0.25, '0,25 ms (mạng LAN)'], [1, '1 ms'], [50, '50 ms'], [200, '200 ms'],
      [500, '500 ms'], [1000, '1 s']].map(([val, t]) => el('option', {value: val}, t)));
    v.heal = el('button', {type: 'button', 'data-action': 'heal', onclick: () => act({action: 'heal'})}, 'Nối lại mạng');
    v.rewind = el('button', {type: 'button', 'data-action': 'rewind', onclick: () => ddlab.api.showTimeline()},
      'Tua lại…');
    v.status = el('p', {class: 'raft-status', role: 'status'}, status);
    v.box = el('div', {class: 'raft-controls'}, v.heal, v.rewind,
      el('span', {}, 'Bỏ tin kế tiếp từ ', v.from, ' đến ', v.to, ' ',
        el('button', {type: 'button', 'data-action': 'drop', onclick: () => act({action: 'drop', node: v.from.value, to: v.to.value})}, 'Bỏ')),
      el('span', {}, 'Độ trễ mạng: ', v.lat, ' ',
        el('button', {type: 'button', 'data-action': 'latency', onclick: () => act({action: 'latency', ms: Number(v.lat.value)})}, 'Đặt')),
      v.status);
    return v;
  }

  function updateControls() {
    const v = view.controls, names = data.nodes.map(n => n.name);
    show(v.box, data.faults);
    if (v.names !== names.join(' ')) {
      v.names = names.join(' ');
      const fromV = picked.from || names[0], toV = picked.to || names[1] || names[0];
      v.from.replaceChildren(...names.map(n => el('option', {value: n, selected: n === fromV}, n)));
      v.to.replaceChildren(...names.map(n => el('option', {value: n, selected: n === toV}, n)));
    }
    if (picked.ms === null) v.lat.value = String(data.latencyMs);
    v.heal.disabled = !data.isolated.length;
  }

  function skeleton(mode) {
    if (view && view.mode === mode) return;
    view = {mode};
    if (mode === 'real') {
      root.replaceChildren(el('p', {class: 'empty'}, 'Chỉ phiên mô phỏng mới cho xem Raft từ bên trong.'));
      return;
    }
    const intro = el('p', {class: 'hint'},
      'Mỗi manager của Swarm chạy Raft: một leader gửi nhịp tim (heartbeat) mỗi giây; follower nào 10 giây không nghe thấy leader sẽ hỏi ý các manager khác (PreVote) rồi xin phiếu (RequestVote) ở term mới. ',
      'Ô log viền liền là entry đã commit, viền đứt là chưa commit. Thử dừng Docker trên leader hoặc cô lập nó để xem bầu lại.');
    if (mode === 'empty') {
      root.replaceChildren(intro, el('p', {class: 'empty'},
        'Chưa có swarm. Thử: docker swarm init --advertise-addr 10.0.0.1 trên mgr1, rồi docker swarm join-token manager và join từ mgr2, mgr3.'));
      return;
    }
    view.ring = svg('svg', {viewBox: '0 0 ' + W + ' ' + H, class: 'raft-ring', role: 'img',
      'aria-label': 'Các node và tin nhắn giữa chúng'});
    view.controls = controls();
    view.cards = new Map();
    view.cardBox = el('div', {class: 'raft-cards'});
    view.messages = el('tbody', {});
    view.services = el('div', {class: 'raft-services-box'});
    root.replaceChildren(intro, view.ring, view.controls.box, view.cardBox,
      el('h3', {}, 'Service: task đang chạy trên từng node'), view.services, el('h3', {}, 'Tin nhắn gần đây'),
      el('table', {class: 'grid raft-messages'},
        el('thead', {}, el('tr', {}, el('th', {}, 'Từ → đến'), el('th', {}, 'Nội dung'), el('th', {}, 'Trạng thái'))),
        view.messages));
  }

  function render() {
    if (!root || !data) return;
    skeleton(!data.simulated ? 'real' : data.managers.length ? 'swarm' : 'empty');
    if (view.mode !== 'swarm') return;
    updateRing();
    updateControls();
    updateServices();
    const wanted = data.managers.map(m => m.node);
    for (const [node, c] of view.cards) {
      if (!wanted.includes(node)) { c.section.remove(); view.cards.delete(node); }
    }
    data.managers.forEach((m, i) => {
      let c = view.cards.get(m.node);
      if (!c) { c = card(m.node); view.cards.set(m.node, c); }
      updateCard(c, m);
      if (view.cardBox.children[i] !== c.section) view.cardBox.insertBefore(c.section, view.cardBox.children[i] || null);
    });
    view.messages.replaceChildren(...data.messages.slice(-8).reverse().map(m => el('tr', {},
      el('td', {class: 'mono'}, m.from + ' → ' + m.to), el('td', {class: 'mono'}, m.summary),
      el('td', {}, (STATE[m.state] || m.state) + (m.dropReason ? ' (' + (REASON[m.dropReason] || m.dropReason) + ')' : '')))));
    tick();
  }

  // slow flights: one dot per message in flight, placed by virtual time on every beat
  const slowDots = new Map();
  function flights(now) {
    const live = new Set();
    for (const m of data.messages) {
      const a = pos[m.from], b = pos[m.to];
      if (!a || !b || !slow(m) || now >= m.due) continue;
      live.add(m.id);
      let dot = slowDots.get(m.id);
      if (!dot || !dot.isConnected) {
        const k = kind(m.summary);
        dot = svg('g', {class: 'raft-msg slow ' + k, 'data-kind': k, 'data-id': m.id});
        dot.append(svg('circle', {r: 6}), svg('title', {}, m.from + ' → ' + m.to + ': ' + m.summary + ' (đang bay)'));
        layer.append(dot);
        slowDots.set(m.id, dot);
      }
      const f = Math.max(0, Math.min(1, (now - m.sent) / Math.max(1, m.due - m.sent)));
      dot.setAttribute('transform', 'translate(' + (a[0] + (b[0] - a[0]) * f) + ',' + (a[1] + (b[1] - a[1]) * f) + ')');
    }
    for (const [id, dot] of slowDots) if (!live.has(id)) { dot.remove(); slowDots.delete(id); }
  }

  // timers count down between states at the page's speed
  function tick() {
    if (!root || !data) return;
    const now = virtualNow();
    if (view && view.mode === 'swarm') flights(now);
    for (const m of data.managers) {
      let t = '';
      if (m.role === 'leader' && m.nextHeartbeat > 0) t = 'nhịp tim sau ' + seconds(m.nextHeartbeat - now);
      else if (m.role !== 'down' && m.electionDeadline > 0) t = 'bầu cử sau ' + seconds(m.electionDeadline - now);
      for (const e of root.querySelectorAll('[data-timer="' + m.node + '"], [data-timer-card="' + m.node + '"]')) text(e, t);
    }
  }
  setInterval(tick, 100);

  function load(d) {
    const first = seen < 0;
    data = d; receivedAt = Date.now();
    render();
    for (const m of d.messages) {
      if (m.id > seen) {
        if (!first) animate(m);
        seen = m.id;
      }
    }
  }

  ddlab.registerPanel('raft', {
    mount(el2) { root = el2; view = null; root.append(el('p', {class: 'empty'}, 'Đang tải Raft…')); },
    // a snapshot follows a (re)open or a rewind: the dots of another moment go
    snapshot(d) {
      seen = -1; layer.replaceChildren();
      // the last action's answer belongs to another moment after a rewind
      status = '';
      const st = root && root.querySelector('.raft-status');
      if (st) st.textContent = '';
      load(d);
    },
    delta(d) { load(d); },
    answer() {},
  });
})();
