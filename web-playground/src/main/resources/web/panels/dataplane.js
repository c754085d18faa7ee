/* Data plane panel: host (eth0, NAT), bridges, sandboxes joined by veth pairs; frames move hop by
   hop along the links, with pause/step and a capture list in tcpdump's words. */
(function () {
  'use strict';
  const {svg, GraphView} = window.ddlabGraph;
  const view = new GraphView();
  const KEEP = 200, HOP_MS = 700;
  let root = null, simulated = true;
  let frames = [], cur = 0, paused = false, stepping = false, anim = null, dropped = 0, notice = null;
  let geo = {links: {}, underlay: {}};
  let svgEl = null, listEl = null, statusEl = null, playBtn = null;

  const KINDS = [['arp', 'ARP'], ['icmp', 'ICMP'], ['tcp', 'TCP'], ['udp', 'UDP']];
  function kindOf(summary) {
    if (summary.startsWith('ARP')) return 'arp';
    if (summary.includes(' ICMP ')) return 'icmp';
    if (summary.includes(' Flags [')) return 'tcp';
    if (summary.includes(' UDP') || /\.(53|67|68|4789):/.test(summary)) return 'udp';
    return 'other';
  }

  function renderTopology() {
    if (!root) return;
    const W = 560, SW = 160, SH = 58, GAP = 12;
    const out = svg('svg', {role: 'img', 'aria-label': 'Host, bridge, veth và sandbox của mỗi node'});
    geo = {links: {}, underlay: {}};
    let y = 34;
    for (const h of view.ofKind('host')) {
      const node = h.label;
      const bridges = view.ofKind('bridge').filter(b => b.node === node);
      const boxes = view.ofKind('sandbox').filter(s => s.node === node);
      const nat = h.nat || [];
      const hostTop = y, natH = nat.length ? 16 + nat.length * 13 : 0;
      const bridgeTop = hostTop + 44 + natH;
      const hostH = 44 + natH + bridges.length * 30 + 8;
      const perRow = Math.max(1, Math.floor((W - 20) / (SW + GAP)));
      const sbTop = hostTop + hostH + 46;
      const rows = Math.max(1, Math.ceil(boxes.length / perRow));
      const g = svg('g', {class: 'dp-node', 'data-node': node});
      // the node's LAN above, eth0 on the host's edge
      const ethX = 40;
      g.append(svg('line', {class: 'dp-lan', x1: 8, y1: hostTop - 14, x2: W - 8, y2: hostTop - 14}));
      g.append(svg('text', {x: W - 10, y: hostTop - 18, 'font-size': 10, 'text-anchor': 'end', fill: '#5b6878'}, 'mạng LAN của node'));
      g.append(svg('line', {class: 'dp-link', x1: ethX, y1: hostTop - 14, x2: ethX, y2: hostTop}));
      geo.underlay[node] = {x1: ethX, y1: hostTop, x2: ethX, y2: hostTop - 14};
      g.append(svg('rect', {class: 'dp-host', x: 4, y: hostTop, width: W - 8, height: hostH, rx: 10}));
      g.append(svg('text', {x: 14, y: hostTop + 18, 'font-weight': 700, 'font-size': 14}, node));
      g.append(svg('text', {x: 14, y: hostTop + 34, 'font-size': 11, fill: '#5b6878'},
        'namespace của host · eth0 ' + (h.eth0 || '')));
      if (nat.length) {
        const nt = hostTop + 44;
        g.append(svg('text', {x: 14, y: nt + 8, 'font-size': 11, 'font-weight': 600, class: 'dp-nat-title'}, 'NAT (iptables -t nat)'));
        nat.forEach((r, i) => g.append(svg('text', {x: 20, y: nt + 22 + i * 13, 'font-size': 10, class: 'dp-nat', 'font-family': 'ui-monospace, monospace'}, clip(r, 92))));
      }
      const bridgeY = {};
      bridges.forEach((b, i) => {
        const by = bridgeTop + i * 30;
        bridgeY[b.id] = by;
        g.append(svg('rect', {class: 'dp-bridge', x: 14, y: by, width: W - 28, height: 20, rx: 5, 'data-bridge': b.label}));
        g.append(svg('text', {x: W - 22, y: by + 14, 'font-size': 11, 'text-anchor': 'end'},
          'bridge ' + b.label + (b.address ? ' · ' + b.address : '')));
      });
      boxes.forEach((s, i) => {
        const col = i % perRow, row = Math.floor(i / perRow);
        const sx = 12 + col * (SW + GAP), sy = sbTop + row * (SH + 30);
        const cx = sx + SW / 2;
        view.edgesFrom(s.id).forEach((e, k) => {
          const lx = cx - 30 + k * 24;
          let ty, cls = 'dp-link';
          if (e.kind === 'macvlan') { ty = hostTop; cls = 'dp-link dp-macvlan'; }
          else ty = bridgeY[e.to] !== undefined ? bridgeY[e.to] + 20 : hostTop + hostH;
          g.append(svg('line', {class: cls, x1: lx, y1: sy, x2: lx, y2: ty, 'data-link': e.id}));
          if (e.kind === 'veth') {
            g.append(svg('text', {x: lx + 4, y: ty + 12, 'font-size': 9, fill: '#5b6878'}, (e.hostEnd || '').split(':')[1] || ''));
            geo.links[e.id] = {x1: lx, y1: sy, x2: lx, y2: ty, inner: e.inner};
          } else {
            geo.links['macvlan:' + e.inner] = {x1: lx, y1: sy, x2: lx, y2: ty, inner: e.inner};
          }
        });
        const box = svg('g', {class: 'dp-sandbox', 'data-sandbox': s.label});
        box.append(svg('rect', {class: 'dp-sb', x: sx, y: sy, width: SW, height: SH, rx: 7}));
        box.append(svg('text', {x: sx + 8, y: sy + 16, 'font-weight': 600, 'font-size': 12}, clip(s.label, 20)));
        (s.interfaces || []).slice(0, 2).forEach((t, k) =>
          box.append(svg('text', {x: sx + 8, y: sy + 31 + k * 13, 'font-size': 9.5, fill: '#334155', 'font-family': 'ui-monospace, monospace'}, clip(t, 30))));
        g.append(box);
      });
      if (!boxes.length) g.append(svg('text', {x: 14, y: sbTop + 16, 'font-size': 12, fill: '#5b6878'},
        'Chưa có sandbox nào. Thử: docker run -d --name c1 alpine sleep 1d'));
      out.append(g);
      y = sbTop + rows * (SH + 30) + 34;
    }
    out.append(svg('g', {class: 'dp-anim'}));
    out.setAttribute('viewBox', '0 0 ' + W + ' ' + Math.max(y, 80));
    svgEl = out;
    const holder = root.querySelector('.dp-drawing');
    holder.replaceChildren(out);
  }

  /** Where a frame travels: [x1, y1] → [x2, y2], or null when it is not drawn. */
  function path(f) {
    const host = f.node + ':';
    if (f.link === 'underlay') {
      const u = geo.underlay[f.node];
      if (!u) return null;
      return f.from.startsWith(host) ? [u.x1, u.y1, u.x2, u.y2] : [u.x2, u.y2, u.x1, u.y1];
    }
    const l = geo.links[f.link] || geo.links['macvlan:' + f.from] || geo.links['macvlan:' + f.to];
    if (!l) return null;
    const fromInner = f.from === l.inner;
    return fromInner ? [l.x1, l.y1, l.x2, l.y2] : [l.x2, l.y2, l.x1, l.y1];
  }

  function tick() {
    if (anim || !root) return;
    if (cur >= frames.length) { stepping = false; showStatus(); return; }
    if (paused && !stepping) { showStatus(); return; }
    stepping = false;
    const f = frames[cur];
    const p = path(f);
    const layer = svgEl && svgEl.querySelector('.dp-anim');
    if (!p || !layer) { cur++; setTimeout(tick, 0); return; }
    const kind = kindOf(f.summary);
    const dot = svg('g', {class: 'dp-frame k-' + kind, 'data-seq': f.seq});
    dot.append(svg('circle', {r: 7}));
    dot.append(svg('text', {x: 10, y: 4, 'font-size': 10}, kind.toUpperCase()));
    layer.replaceChildren(dot);
    const t0 = performance.now();
    anim = {seq: f.seq};
    markList();
    const step = now => {
      const k = Math.min(1, (now - t0) / HOP_MS);
      dot.setAttribute('transform', 'translate(' + (p[0] + (p[2] - p[0]) * k) + ',' + (p[1] + (p[3] - p[1]) * k) + ')');
      if (k < 1) { requestAnimationFrame(step); return; }
      anim = null;
      cur++;
      markList();
      setTimeout(tick, 60);
    };
    requestAnimationFrame(step);
  }

  function showStatus() {
    if (!statusEl) return;
    // a download's notice stays until something new happens (frames, a button), not only until the
    // current frame's animation ends
    statusEl.textContent = notice ? notice : frames.length
      ? 'Khung ' + Math.min(cur + (anim ? 1 : 0), frames.length) + '/' + frames.length + (paused ? ' · đang tạm dừng' : '') + (dropped ? ' · bỏ qua ' + dropped + ' khung' : '')
      : (simulated ? 'Chưa có gói tin. Thử: docker exec c1 ping -c 1 c2' : 'Chỉ phiên mô phỏng mới cho xem từng gói tin.');
    if (playBtn) playBtn.textContent = paused ? '▶ Chạy tiếp' : '⏸ Tạm dừng';
  }

  function renderList() {
    if (!listEl) return;
    const t0 = frames.length ? frames[0].sent : 0;
    const rows = frames.map((f, i) => ddlab.api.el('tr', {'data-seq': f.seq, 'data-kind': kindOf(f.summary), class: rowClass(i)},
      ddlab.api.el('td', {}, String(f.seq)),
      ddlab.api.el('td', {class: 'num'}, ((f.sent - t0) / 1e6).toFixed(3)),
      ddlab.api.el('td', {}, f.from + ' → ' + f.to),
      ddlab.api.el('td', {class: 'sum'}, f.summary)));
    listEl.replaceChildren(...rows);
    showStatus();
  }
  function rowClass(i) { return i < cur ? 'seen' : i === cur && anim ? 'current' : 'ahead'; }
  function markList() {
    if (!listEl) return;
    [...listEl.children].forEach((tr, i) => { tr.className = rowClass(i); });
    const c = listEl.querySelector('tr.current');
    if (c && c.scrollIntoView) c.scrollIntoView({block: 'nearest'});
    showStatus();
  }

  function addFrames(list) {
    if (!list || !list.length) return;
    notice = null;
    frames.push(...list);
    if (frames.length > KEEP) {
      const cut = frames.length - KEEP;
      frames.splice(0, cut);
      cur = Math.max(0, cur - cut);
    }
    renderList();
    tick();
  }

  function mount(el) {
    root = el;
    playBtn = ddlab.api.el('button', {type: 'button', id: 'dp-play', onclick: () => { notice = null; paused = !paused; showStatus(); tick(); }}, '⏸ Tạm dừng');
    const stepBtn = ddlab.api.el('button', {type: 'button', id: 'dp-step', onclick: () => { notice = null; paused = true; if (!anim) { stepping = true; tick(); } }}, '▸ Từng bước');
    const clearBtn = ddlab.api.el('button', {type: 'button', id: 'dp-clear', onclick: () => { notice = null; frames = []; cur = 0; dropped = 0; renderList(); }}, 'Xoá danh sách');
    const pcapBtn = ddlab.api.el('button', {type: 'button', id: 'dp-pcap', title: 'Các khung gần đây của node đang mở, mở được bằng Wireshark hoặc tcpdump -r', onclick: downloadPcap}, 'Tải pcap');
    statusEl = ddlab.api.el('span', {class: 'dp-status'});
    const legend = ddlab.api.el('div', {class: 'legend'}, KINDS.map(([k, label]) =>
      ddlab.api.el('span', {}, ddlab.api.el('i', {class: 'k-' + k}), label)));
    listEl = ddlab.api.el('tbody', {});
    const table = ddlab.api.el('table', {class: 'grid dp-capture'},
      ddlab.api.el('thead', {}, ddlab.api.el('tr', {},
        ddlab.api.el('th', {}, '#'), ddlab.api.el('th', {}, 'ms'), ddlab.api.el('th', {}, 'từ → đến'), ddlab.api.el('th', {}, 'gói tin (như tcpdump -n)'))),
      listEl);
    root.replaceChildren(
      ddlab.api.el('div', {class: 'dp-controls'}, playBtn, stepBtn, clearBtn, pcapBtn, statusEl),
      legend,
      ddlab.api.el('div', {class: 'dp-drawing'}, ddlab.api.el('p', {class: 'empty'}, 'Đang tải…')),
      ddlab.api.el('div', {class: 'dp-list'}, table));
    showStatus();
  }

  /** The active node's recent frames as pcap, saved through a link to a Blob. */
  async function downloadPcap() {
    const node = ddlab.api.activeNode();
    const a = await ddlab.api.request('dataplane', {pcap: node});
    if (!a) return;
    const bin = atob(a.pcap);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const url = URL.createObjectURL(new Blob([bytes], {type: 'application/vnd.tcpdump.pcap'}));
    const link = ddlab.api.el('a', {href: url, download: a.file, class: 'dp-pcap-link', 'data-frames': a.frames});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
    notice = 'Đã tải ' + a.file + ': ' + a.frames + ' khung của ' + a.node;
    showStatus();
  }

  function clip(s, n) { return s.length > n ? s.slice(0, n - 1) + '…' : s; }

  ddlab.registerPanel('dataplane', {
    mount,
    snapshot(data) {
      view.load(data);
      simulated = data.simulated !== false;
      anim = null;
      renderTopology();
      // frames from before the panel opened are listed, not replayed
      frames = (data.frames || []).slice(-KEEP);
      cur = frames.length;
      renderList();
    },
    delta(data) {
      view.apply(data.ops || []);
      if (data.ops && data.ops.length) renderTopology();
      if (data.dropped) dropped += data.dropped;
      addFrames(data.frames);
    },
  });
})();
