/* VXLAN panel: pick a frame the tunnel carried and walk it from the sending container through
   veth, br0 and vxlan0 (the outer headers go on one by one), across the underlay, and back off at
   the other node; the hex view names the field under the cursor. Elements are made once and
   updated in place: a step never replaces what the pointer is on. */
(function () {
  'use strict';
  const KEEP = 64, STEP_MS = 1100;
  const LAYERS = {
    'outer-eth': 'Ethernet ngoài', 'outer-ip': 'IPv4 ngoài', 'udp': 'UDP', 'vxlan': 'VXLAN',
    'eth': 'Ethernet trong', 'ip': 'IPv4 trong', 'arp': 'ARP', 'icmp': 'ICMP', 'tcp': 'TCP',
    'inner-udp': 'UDP trong', 'data': 'Dữ liệu',
  };
  const OUTER = ['outer-eth', 'outer-ip', 'udp', 'vxlan'];
  let api = null, root = null, simulated = true;
  let frames = [], sel = null, stage = 0, stages = [], timer = null;
  let listEl, statusEl, playBtn, pathEl, captionEl, layersEl, hexEl, fieldEl, tableEl;
  let byteEls = [], rowEls = [], stationEls = {};
  let fromSel, toSel, sendBtn, pingForm, wantPing = null;

  function el(tag, attrs, ...kids) { return api.el(tag, attrs, ...kids); }

  /** The walk of frame f: where it is, what is said, which layers it has there. */
  function walk(f) {
    const inner = 'inner', all = 'all';
    return [
      {at: 'src', have: inner, say: f.src + ' gửi khung Ethernet ra eth0 của nó (MTU 1450)'},
      {at: 'veth-a', have: inner, say: 'Khung đi qua cặp veth vào namespace overlay của ' + f.from},
      {at: 'br0-a', have: inner, say: 'br0 tra bảng MAC: MAC đích nằm sau vxlan0 (biết từ control plane, không flood)'},
      {at: 'vxlan-a', have: ['vxlan'], add: 'vxlan', say: 'vxlan0 thêm header VXLAN: cờ I và VNI ' + f.vni + ' của mạng overlay'},
      {at: 'vxlan-a', have: ['vxlan', 'udp'], add: 'udp', say: 'Rồi UDP: cổng đích 4789, cổng nguồn băm từ luồng bên trong'},
      {at: 'vxlan-a', have: ['vxlan', 'udp', 'outer-ip'], add: 'outer-ip', say: 'Rồi IPv4 ngoài: từ địa chỉ của ' + f.from + ' tới ' + f.to},
      {at: 'eth0-a', have: all, add: 'outer-eth', say: 'Và Ethernet ngoài: MAC của eth0 hai node; gói rời ' + f.from + ' (thêm 50 byte)'},
      {at: 'underlay', have: all, say: 'Trên underlay (LAN giữa các node): tcpdump -i eth0 udp port 4789 thấy gói này'},
      {at: 'eth0-b', have: all, say: f.to + ' nhận gói trên eth0: UDP 4789 là socket của vxlan0'},
      {at: 'vxlan-b', have: inner, gone: true, say: 'vxlan0 của ' + f.to + ' mở gói: VNI ' + f.vni + ' chọn đúng mạng, bỏ 50 byte header ngoài'},
      {at: 'br0-b', have: inner, say: 'br0 của ' + f.to + ' chuyển khung tới veth của ' + f.dst},
      {at: 'dst', have: inner, say: f.dst + ' nhận khung trên eth0 như trong cùng một LAN'},
    ];
  }

  function present(st, layer) {
    if (st.have === 'all') return true;
    if (st.have === 'inner') return !OUTER.includes(layer);
    return !OUTER.includes(layer) || st.have.includes(layer);
  }

  // ---- the capture list ------------------------------------------------------------------------

  function addFrames(list) {
    let mine = null;
    for (const f of list || []) {
      if (wantPing && !mine && f.src === wantPing.from && f.dst === wantPing.to) mine = f;
      frames.push(f);
      const li = el('li', {'data-seq': f.seq, tabindex: 0, onclick: () => select(f.seq),
        onkeydown: ev => { if (ev.key === 'Enter') select(f.seq); }},
        el('span', {class: 'who'}, f.src + ' → ' + f.dst),
        el('span', {class: 'via'}, ' · ' + f.from + ' → ' + f.to + ' · VNI ' + f.vni),
        el('code', {}, (f.summary.split('\n')[1] || f.summary)));
      listEl.append(li);
    }
    while (frames.length > KEEP) {
      const gone = frames.shift();
      const li = listEl.querySelector('li[data-seq="' + gone.seq + '"]');
      if (li && !(sel && sel.seq === gone.seq)) li.remove();
    }
    if (mine) {
      // the echo the panel just sent: walk it from the start
      wantPing = null;
      select(mine.seq);
      play();
    } else if (!sel && frames.length) {
      select(frames[0].seq);
    }
    showStatus();
  }

  // ---- sending one ping between two containers on an overlay ----------------------------------

  function openPing() {
    pingForm.hidden = !pingForm.hidden;
    if (pingForm.hidden) return;
    api.request('vxlan', {op: 'endpoints'}).then(r => {
      const eps = (r && r.endpoints) || [];
      const opt = e => el('option', {value: e.container + ' ' + e.address}, e.container + ' (' + e.address + ', ' + e.node + ')');
      const froms = [...new Set(eps.map(e => e.container))];
      fromSel.replaceChildren(...froms.map(c => el('option', {value: c}, c)));
      toSel.replaceChildren(...eps.map(opt));
      if (eps.length > 1) toSel.selectedIndex = 1;
      sendBtn.disabled = eps.length < 2;
    });
  }

  function sendPing() {
    const from = fromSel.value, to = toSel.value;
    if (!from || !to) return;
    wantPing = {from: from, to: to.split(' ')[0]};
    sendBtn.disabled = true;
    statusEl.textContent = 'Đang gửi ping từ ' + from + ' tới ' + to.split(' ')[1] + '…';
    api.request('vxlan', {op: 'ping', from: from, to: to}).then(r => {
      sendBtn.disabled = false;
      if (r && r.type === 'error') { wantPing = null; statusEl.textContent = r.message; return; }
      if (r && r.line) statusEl.textContent = 'Đã gõ: ' + r.line;
    });
  }

  function select(seq) {
    const f = frames.find(x => x.seq === seq);
    if (!f) return;
    sel = f;
    stopPlay();
    for (const li of listEl.children) li.classList.toggle('selected', li.dataset.seq === String(seq));
    stages = walk(f);
    buildPath(f);
    buildHex(f);
    show(0, false);
  }

  // ---- the path, hex view and field table (built once per selected frame) --------------------

  function buildPath(f) {
    const st = (id, label, sub) => {
      const d = el('div', {class: 'vx-st', 'data-station': id}, el('b', {}, label), el('small', {}, sub || ''));
      stationEls[id] = d;
      return d;
    };
    stationEls = {};
    pathEl.replaceChildren(
      el('div', {class: 'vx-node'}, el('h4', {}, f.from),
        st('src', f.src, 'eth0'), st('veth-a', 'veth'), st('br0-a', 'br0'), st('vxlan-a', 'vxlan0', 'VNI ' + f.vni), st('eth0-a', 'eth0', f.from)),
      el('div', {class: 'vx-node vx-wire'}, el('h4', {}, 'underlay'), st('underlay', 'UDP 4789', 'LAN giữa các node')),
      el('div', {class: 'vx-node'}, el('h4', {}, f.to),
        st('eth0-b', 'eth0', f.to), st('vxlan-b', 'vxlan0', 'VNI ' + f.vni), st('br0-b', 'br0'), st('dst', f.dst, 'eth0')));
  }

  function buildHex(f) {
    const n = f.hex.length / 2;
    const owner = new Array(n).fill(-1);
    f.fields.forEach((x, i) => { for (let k = x[2]; k < x[2] + x[3] && k < n; k++) owner[k] = i; });
    byteEls = [];
    const rows = [];
    for (let r = 0; r < n; r += 16) {
      const row = el('div', {class: 'vx-row'}, el('span', {class: 'off'}, r.toString(16).padStart(4, '0')));
      for (let k = r; k < Math.min(n, r + 16); k++) {
        const fi = owner[k];
        const layer = fi >= 0 ? f.fields[fi][0] : 'data';
        const b = el('span', {class: 'b l-' + layer, 'data-i': k, 'data-field': fi >= 0 ? f.fields[fi][1] : '',
          'data-layer': layer, 'data-hex': f.hex.substr(k * 2, 2)}, f.hex.substr(k * 2, 2));
        b.addEventListener('mouseenter', () => point(fi));
        byteEls.push(b);
        row.append(b);
      }
      rows.push(row);
    }
    hexEl.replaceChildren(...rows);
    hexEl.onmouseleave = () => point(-1);
    rowEls = f.fields.map((x, i) => {
      const tr = el('tr', {class: 'l-' + x[0], 'data-layer': x[0]},
        el('td', {}, LAYERS[x[0]] || x[0]), el('td', {}, x[1]), el('td', {class: 'v'}, x[4]),
        el('td', {class: 'num'}, byteRange(x)));
      tr.addEventListener('mouseenter', () => point(i));
      return tr;
    });
    tableEl.replaceChildren(...rowEls);
    tableEl.onmouseleave = () => point(-1);
  }

  /** Field x's bytes as people read them: "14" or "14–15". */
  function byteRange(x) { return x[2] + (x[3] > 1 ? '–' + (x[2] + x[3] - 1) : ''); }

  /** Highlights field i (its bytes and its row) and names it; -1 clears. */
  function point(i) {
    const f = sel;
    byteEls.forEach(b => b.classList.remove('hl'));
    rowEls.forEach(r => r.classList.remove('hl'));
    if (!f || i < 0 || !present(stages[stage], f.fields[i][0])) {
      fieldEl.textContent = 'Rê chuột lên một byte để xem trường của nó.';
      return;
    }
    const x = f.fields[i];
    for (let k = x[2]; k < x[2] + x[3] && k < byteEls.length; k++) byteEls[k].classList.add('hl');
    rowEls[i].classList.add('hl');
    fieldEl.textContent = (LAYERS[x[0]] || x[0]) + ' · ' + x[1] + ' = ' + x[4] +
      ' (byte ' + byteRange(x) + ')';
  }

  // ---- one stage of the walk: classes only ----------------------------------------------------

  function show(i, animate) {
    if (!sel) return;
    stage = Math.max(0, Math.min(stages.length - 1, i));
    const st = stages[stage];
    root.dataset.stage = String(stage);
    root.dataset.at = st.at;
    for (const [id, d] of Object.entries(stationEls)) {
      d.classList.toggle('current', id === st.at);
    }
    captionEl.textContent = (stage + 1) + '/' + stages.length + ' · ' + st.say;
    for (const e of [...byteEls, ...rowEls]) {
      const on = present(st, e.dataset.layer);
      e.classList.toggle('absent', !on);
      e.classList.toggle('slide', animate && on && e.dataset.layer === st.add);
    }
    // a header not put on yet has no bytes yet: its place stays blank until the device writes it
    for (const b of byteEls) {
      const text = b.classList.contains('absent') ? '··' : b.dataset.hex;
      if (b.textContent !== text) b.textContent = text;
    }
    const chips = Object.keys(LAYERS).filter(l => sel.fields.some(x => x[0] === l) && present(st, l));
    layersEl.replaceChildren(...chips.map(l => el('span', {class: 'chip l-' + l + (animate && l === st.add ? ' slide' : ''), 'data-layer': l}, LAYERS[l])));
    const bytes = byteEls.filter(b => !b.classList.contains('absent')).length;
    layersEl.append(el('span', {class: 'len'}, bytes + ' byte'));
    point(-1);
    showStatus();
  }

  function stopPlay() {
    if (timer) clearInterval(timer);
    timer = null;
    if (playBtn) playBtn.textContent = '▶ Phát';
  }

  function play() {
    if (timer) { stopPlay(); return; }
    if (!sel) return;
    if (stage >= stages.length - 1) show(0, false);
    playBtn.textContent = '⏸ Tạm dừng';
    timer = setInterval(() => {
      if (stage >= stages.length - 1) { stopPlay(); return; }
      show(stage + 1, true);
    }, STEP_MS);
  }

  function showStatus() {
    if (!statusEl) return;
    statusEl.textContent = frames.length
      ? frames.length + ' gói VXLAN đã bắt' + (sel ? ' · đang xem gói #' + sel.seq : '')
      : (simulated
        ? 'Chưa có gói nào qua đường hầm. Thử ping giữa hai container ở hai node trên cùng mạng overlay.'
        : 'Chỉ phiên mô phỏng mới cho xem từng gói tin.');
  }

  function mount(el0, panelApi) {
    api = panelApi || window.ddlab.api;
    root = el0;
    root.classList.add('vx');
    playBtn = el('button', {type: 'button', id: 'vx-play', onclick: play}, '▶ Phát');
    const prev = el('button', {type: 'button', id: 'vx-prev', onclick: () => { stopPlay(); show(stage - 1, false); }}, '◀ Lùi');
    const next = el('button', {type: 'button', id: 'vx-step', onclick: () => { stopPlay(); show(stage + 1, true); }}, 'Bước ▶');
    const again = el('button', {type: 'button', id: 'vx-replay', onclick: () => { stopPlay(); show(0, false); play(); }}, '↺ Phát lại');
    statusEl = el('span', {class: 'vx-status'});
    const pingBtn = el('button', {type: 'button', id: 'vx-ping', onclick: openPing}, 'Gửi ping…');
    fromSel = el('select', {id: 'vx-from', 'aria-label': 'Container gửi'});
    toSel = el('select', {id: 'vx-to', 'aria-label': 'Container nhận'});
    sendBtn = el('button', {type: 'button', id: 'vx-send', onclick: sendPing}, 'Gửi');
    pingForm = el('div', {class: 'vx-pingform', hidden: true},
      el('label', {}, 'Từ ', fromSel), el('label', {}, ' tới ', toSel), sendBtn);
    listEl = el('ul', {class: 'vx-capture'});
    pathEl = el('div', {class: 'vx-path'});
    captionEl = el('p', {class: 'vx-caption'});
    layersEl = el('div', {class: 'vx-layers'});
    hexEl = el('div', {class: 'vx-hex', 'aria-label': 'Các byte của gói tin'});
    fieldEl = el('p', {class: 'vx-field'}, 'Rê chuột lên một byte để xem trường của nó.');
    tableEl = el('tbody', {});
    root.replaceChildren(
      el('div', {class: 'dp-controls'}, prev, next, playBtn, again, pingBtn, statusEl),
      pingForm,
      el('div', {class: 'vx-list'}, listEl),
      pathEl, captionEl, layersEl, hexEl, fieldEl,
      el('table', {class: 'grid vx-fields'},
        el('thead', {}, el('tr', {}, el('th', {}, 'lớp'), el('th', {}, 'trường'), el('th', {}, 'giá trị'), el('th', {}, 'byte'))),
        tableEl));
    showStatus();
  }

  window.ddlab.registerPanel('vxlan', {
    mount,
    snapshot(data) {
      simulated = data.simulated !== false;
      frames = [];
      sel = null;
      listEl.replaceChildren();
      addFrames(data.frames);
    },
    delta(data) { addFrames(data.frames); },
  });
})();
