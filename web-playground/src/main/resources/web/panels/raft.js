/* Raft panel: the session's nodes on a ring, each manager's Raft state (role, term, vote, log with
   its commit index, timers), the messages between nodes animated as dots, and buttons that inject
   faults (stop a daemon, isolate a node, heal, lose the next message, add latency). */
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
  // virtual nanoseconds now, extrapolated from the last state at the page's speed
  function virtualNow() {
    if (!data) return 0;
    const t = ddlab.state.time || {};
    return data.now + (t.paused ? 0 : (Date.now() - receivedAt) * (t.speed || 1) * 1e6);
  }
  function seconds(ns) { return (Math.max(0, ns) / 1e9).toFixed(1).replace('.', ',') + ' s'; }

  async function act(args) {
    const r = await ddlab.api.request('raft', args);
    status = r && r.message ? r.message : '';
    const s = root && root.querySelector('.raft-status');
    if (s) { s.textContent = status; s.className = 'raft-status ' + (r && r.ok ? 'ok' : 'bad'); }
  }

  function ring() {
    const nodes = data.nodes;
    nodes.forEach((n, i) => {
      const a = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, nodes.length);
      pos[n.name] = [CX + R * Math.cos(a) * 1.7, CY + R * Math.sin(a)];
    });
    const g = svg('svg', {viewBox: '0 0 ' + W + ' ' + H, class: 'raft-ring', role: 'img',
      'aria-label': 'Các node và tin nhắn giữa chúng'});
    const mgr = new Map(data.managers.map(m => [m.node, m]));
    for (const n of nodes) {
      const [x, y] = pos[n.name];
      const m = mgr.get(n.name);
      const role = n.daemon === 'stopped' ? 'down' : (m ? m.role : 'worker');
      const grp = svg('g', {class: 'raft-node ' + role, 'data-node': n.name, 'data-role': role});
      if (data.isolated.includes(n.name)) grp.append(svg('circle', {cx: x, cy: y, r: 34, class: 'isolated'}));
      grp.append(svg('circle', {cx: x, cy: y, r: m ? 26 : 18, class: 'body'}));
      grp.append(svg('text', {x, y: y - (m ? 4 : 0) + 4, 'text-anchor': 'middle', class: 'name'}, n.name));
      if (m) grp.append(svg('text', {x, y: y + 14, 'text-anchor': 'middle', class: 'term'}, 'term ' + m.term));
      if (m && role !== 'down') grp.append(svg('text', {x, y: y + 44, 'text-anchor': 'middle', class: 'timer', 'data-timer': n.name}, ''));
      g.append(grp);
    }
    g.append(layer);
    return g;
  }

  function animate(m) {
    const a = pos[m.from], b = pos[m.to];
    if (!a || !b) return;
    const k = kind(m.summary);
    const dot = svg('g', {class: 'raft-msg ' + k + (m.state === 'dropped' ? ' dropped' : ''), 'data-kind': k});
    dot.append(svg('circle', {r: 6}));
    dot.append(svg('title', {}, m.from + ' → ' + m.to + ': ' + m.summary));
    layer.append(dot);
    const speed = (ddlab.state.time && ddlab.state.time.speed) || 1;
    const dur = Math.min(2500, Math.max(700, (m.due - m.sent) / 1e6 / speed));
    const stopAt = m.state === 'dropped' ? 0.5 : 1;
    const t0 = performance.now();
    function step(t) {
      const f = Math.min(stopAt, (t - t0) / dur);
      dot.setAttribute('transform', 'translate(' + (a[0] + (b[0] - a[0]) * f) + ',' + (a[1] + (b[1] - a[1]) * f) + ')');
      if (f < stopAt) requestAnimationFrame(step);
      else setTimeout(() => dot.remove(), m.state === 'dropped' ? 600 : 0);
    }
    requestAnimationFrame(step);
  }

  function card(m) {
    const node = data.nodes.find(n => n.name === m.node) || {daemon: 'unknown'};
    const stopped = node.daemon === 'stopped';
    const isolated = data.isolated.includes(m.node);
    const log = el('div', {class: 'raft-log', 'aria-label': 'Log của ' + m.node},
      m.logSize > m.log.length ? el('span', {class: 'hint'}, '… ') : null,
      m.log.map(e => el('span', {class: 'entry ' + (e.committed ? 'committed' : 'uncommitted'),
        title: '#' + e.index + ' term ' + e.term + ': ' + e.summary + (e.committed ? ' (đã commit)' : ' (chưa commit)')},
      el('b', {}, String(e.index)), el('small', {}, 't' + e.term))));
    return el('section', {class: 'raft-card ' + m.role, 'data-manager': m.node},
      el('h3', {}, m.node + ' — ', el('span', {class: 'role'}, ROLE[m.role] || m.role),
        isolated ? el('span', {class: 'badge bad'}, 'bị cô lập') : null),
      el('div', {class: 'stats'},
        el('span', {}, 'term: ', el('b', {}, String(m.term))),
        el('span', {}, 'bầu cho: ', el('b', {}, m.votedFor || '—')),
        m.role === 'candidate' ? el('span', {}, 'phiếu nhận: ', el('b', {}, m.votesReceived.join(', ') || '—')) : null,
        el('span', {}, 'leader: ', el('b', {}, m.leader || '—')),
        el('span', {}, 'commit index: ', el('b', {}, String(m.commitIndex))),
        el('span', {}, 'đã áp dụng: ', el('b', {}, String(m.lastApplied))),
        el('span', {class: 'timer', 'data-timer-card': m.node}, '')),
      log,
      data.faults ? el('div', {class: 'raft-actions'},
        stopped
          ? el('button', {type: 'button', 'data-action': 'start', onclick: () => act({action: 'start', node: m.node})}, 'Khởi động Docker')
          : el('button', {type: 'button', 'data-action': 'stop', onclick: () => act({action: 'stop', node: m.node})}, 'Dừng Docker'),
        isolated ? null : el('button', {type: 'button', 'data-action': 'isolate', onclick: () => act({action: 'isolate', node: m.node})}, 'Cô lập khỏi mạng')) : null);
  }

  function controls() {
    if (!data.faults) return null;
    const names = data.nodes.map(n => n.name);
    const fromV = picked.from || names[0], toV = picked.to || names[1] || names[0];
    const msV = picked.ms !== null ? picked.ms : data.latencyMs;
    const from = el('select', {'aria-label': 'Từ node', onchange: e => { picked.from = e.target.value; }},
      names.map(n => el('option', {value: n, selected: n === fromV}, n)));
    const to = el('select', {'aria-label': 'Đến node', onchange: e => { picked.to = e.target.value; }},
      names.map(n => el('option', {value: n, selected: n === toV}, n)));
    const lat = el('select', {'aria-label': 'Độ trễ', onchange: e => { picked.ms = Number(e.target.value); }},
      [[0, '0 ms'], [0.25, '0,25 ms (mạng LAN)'], [1, '1 ms'], [50, '50 ms'], [200, '200 ms'], [500, '500 ms'], [1000, '1 s']]
        .map(([v, t]) => el('option', {value: v, selected: msV === v}, t)));
    return el('div', {class: 'raft-controls'},
      el('button', {type: 'button', 'data-action': 'heal', disabled: !data.isolated.length, onclick: () => act({action: 'heal'})}, 'Nối lại mạng'),
      el('span', {}, 'Bỏ tin kế tiếp từ ', from, ' đến ', to, ' ',
        el('button', {type: 'button', 'data-action': 'drop', onclick: () => act({action: 'drop', node: from.value, to: to.value})}, 'Bỏ')),
      el('span', {}, 'Độ trễ mạng: ', lat, ' ',
        el('button', {type: 'button', 'data-action': 'latency', onclick: () => act({action: 'latency', ms: Number(lat.value)})}, 'Đặt')),
      el('p', {class: 'raft-status', role: 'status'}, status));
  }

  function render() {
    if (!root || !data) return;
    if (!data.simulated) {
      root.replaceChildren(el('p', {class: 'empty'}, 'Chỉ phiên mô phỏng mới cho xem Raft từ bên trong.'));
      return;
    }
    const intro = el('p', {class: 'hint'},
      'Mỗi manager của Swarm chạy Raft: một leader gửi nhịp tim (heartbeat) mỗi giây; follower nào 10 giây không nghe thấy leader sẽ hỏi ý các manager khác (PreVote) rồi xin phiếu (RequestVote) ở term mới. ',
      'Ô log viền liền là entry đã commit, viền đứt là chưa commit. Thử dừng Docker trên leader hoặc cô lập nó để xem bầu lại.');
    if (!data.managers.length) {
      root.replaceChildren(intro, el('p', {class: 'empty'},
        'Chưa có swarm. Thử: docker swarm init --advertise-addr 10.0.0.1 trên mgr1, rồi docker swarm join-token manager và join từ mgr2, mgr3.'));
      return;
    }
    const recent = data.messages.slice(-8).reverse().map(m => el('tr', {},
      el('td', {class: 'mono'}, m.from + ' → ' + m.to), el('td', {class: 'mono'}, m.summary),
      el('td', {}, (STATE[m.state] || m.state) + (m.dropReason ? ' (' + (REASON[m.dropReason] || m.dropReason) + ')' : ''))));
    root.replaceChildren(intro, ring(), controls(),
      ...data.managers.map(card),
      el('h3', {}, 'Tin nhắn gần đây'),
      el('table', {class: 'grid raft-messages'}, el('tr', {}, el('th', {}, 'Từ → đến'), el('th', {}, 'Nội dung'), el('th', {}, 'Trạng thái')), recent));
    tick();
  }

  // timers count down between states at the page's speed
  function tick() {
    if (!root || !data) return;
    const now = virtualNow();
    for (const m of data.managers) {
      let text = '';
      if (m.role === 'leader' && m.nextHeartbeat > 0) text = 'nhịp tim sau ' + seconds(m.nextHeartbeat - now);
      else if (m.role !== 'down' && m.electionDeadline > 0) text = 'bầu cử sau ' + seconds(m.electionDeadline - now);
      const a = root.querySelector('[data-timer="' + m.node + '"]');
      if (a) a.textContent = text;
      const b = root.querySelector('[data-timer-card="' + m.node + '"]');
      if (b) b.textContent = text;
    }
  }
  setInterval(tick, 250);

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
    mount(el2) { root = el2; root.append(el('p', {class: 'empty'}, 'Đang tải Raft…')); },
    snapshot(d) { seen = -1; load(d); },
    delta(d) { load(d); },
    answer() {},
  });
})();
