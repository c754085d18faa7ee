/* Topology panel: nodes → networks → containers (state colours), endpoints with IPs, published ports. */
(function () {
  'use strict';
  const {svg} = window.ddlabGraph || {};
  const view = new window.ddlabGraph.GraphView();
  let root = null;
  const STATES = [['running', 'đang chạy'], ['created', 'mới tạo'], ['paused', 'tạm dừng'], ['exited', 'đã dừng'], ['restarting', 'khởi động lại']];

  function render() {
    if (!root) return;
    const hosts = view.ofKind('host');
    const legend = ddlab.api.el('div', {class: 'legend'}, STATES.map(([s, label]) =>
      ddlab.api.el('span', {}, ddlab.api.el('i', {class: 'st-' + s, style: legendStyle(s)}), label)));
    const W = 560, CW = 150, CH = 56, GAP = 14;
    const out = svg('svg', {role: 'img', 'aria-label': 'Sơ đồ các node, mạng và container'});
    let y = 4;
    for (const h of hosts) {
      const node = h.label;
      const nets = view.ofKind('network').filter(n => n.node === node);
      const ctrs = view.ofKind('container').filter(c => c.node === node);
      const ports = view.ofKind('port').filter(p => p.node === node);
      const perRow = Math.max(1, Math.floor((W - 20) / (CW + GAP)));
      const rows = Math.max(1, Math.ceil(ctrs.length / perRow));
      const netTop = y + 34, ctrTop = netTop + nets.length * 30 + 30;
      const rowH = CH + 46;
      const height = (ctrTop - y) + rows * rowH + 6;
      const g = svg('g', {class: 'host', 'data-node': node});
      g.append(svg('rect', {class: 'topo-host', x: 2, y, width: W - 4, height, rx: 10}));
      g.append(svg('text', {x: 14, y: y + 22, 'font-weight': 700, 'font-size': 14}, node));
      g.append(svg('text', {x: 14 + node.length * 9 + 12, y: y + 22, 'font-size': 12, fill: '#5b6878'}, h.address || ''));
      if (h.error) g.append(svg('text', {x: 200, y: y + 22, 'font-size': 12, fill: '#c53030'}, h.error));
      const netY = {};
      nets.forEach((n, i) => {
        const ny = netTop + i * 30;
        netY[n.id] = ny;
        g.append(svg('rect', {class: 'topo-net', x: 12, y: ny, width: W - 24, height: 22, rx: 5, 'data-network': n.label}));
        g.append(svg('text', {x: 20, y: ny + 15, 'font-size': 12},
          n.label + '  ·  ' + (n.driver || '') + (n.subnet ? '  ·  ' + n.subnet : '')));
      });
      ctrs.forEach((c, i) => {
        const col = i % perRow, row = Math.floor(i / perRow);
        const cx = 12 + col * (CW + GAP), cy = ctrTop + row * rowH;
        const eps = view.edgesFrom(c.id).filter(e => e.kind === 'endpoint');
        eps.forEach((e, k) => {
          const ny = netY[e.to];
          if (ny === undefined) return;
          const lx = cx + 20 + k * 16;
          g.append(svg('line', {class: 'topo-link', x1: lx, y1: cy, x2: lx, y2: ny + 22}));
          if (e.ip) g.append(svg('text', {x: lx + 4, y: cy - 6, 'font-size': 10, fill: '#0b5cab'}, e.ip));
        });
        const st = (c.state || 'created').toLowerCase();
        const box = svg('g', {class: 'ctr', 'data-container': c.label, 'data-state': st});
        box.append(svg('rect', {class: 'topo-ctr st-' + st, x: cx, y: cy, width: CW, height: CH, rx: 7}));
        box.append(svg('text', {x: cx + 8, y: cy + 18, 'font-weight': 600, 'font-size': 13}, clip(c.label, 18)));
        box.append(svg('text', {x: cx + 8, y: cy + 34, 'font-size': 11, fill: '#5b6878'}, clip(c.image || '', 22)));
        box.append(svg('text', {x: cx + 8, y: cy + 49, 'font-size': 10, fill: '#5b6878'}, STATE_LABEL[st] || st));
        box.append(svg('title', {}, c.label + ' — ' + (c.image || '') + ' — ' + (c.status || st)));
        g.append(box);
        ports.filter(p => view.edgesFrom(p.id).some(e => e.to === c.id)).forEach((p, k) => {
          const px = cx + k * 76, py = cy + CH + 10;
          g.append(svg('line', {class: 'topo-link', x1: px + 30, y1: cy + CH, x2: px + 30, y2: py, stroke: '#1f9d55'}));
          g.append(svg('rect', {class: 'topo-port', x: px, y: py, width: 72, height: 18, rx: 9}));
          g.append(svg('text', {x: px + 36, y: py + 13, 'font-size': 10, 'text-anchor': 'middle'}, p.port + '→' + (p.label.split('→')[1] || '')));
        });
      });
      if (!ctrs.length) g.append(svg('text', {x: 14, y: ctrTop + 18, 'font-size': 12, fill: '#5b6878'},
        'Chưa có container. Thử: docker run -d --name web -p 8080:80 nginx'));
      out.append(g);
      y += height + 12;
    }
    out.setAttribute('viewBox', '0 0 ' + W + ' ' + Math.max(y, 60));
    root.replaceChildren(legend, out);
  }
  const STATE_LABEL = Object.fromEntries(STATES);
  function legendStyle(s) {
    const c = {running: '#1f9d55', created: '#8896a8', paused: '#c77700', exited: '#718096', restarting: '#c53030'}[s];
    return 'border-color:' + c;
  }
  function clip(s, n) { return s.length > n ? s.slice(0, n - 1) + '…' : s; }

  ddlab.registerPanel('topology', {
    mount(el) { root = el; root.append(ddlab.api.el('p', {class: 'empty'}, 'Đang tải sơ đồ…')); },
    snapshot(data) { view.load(data); render(); },
    delta(data) { view.apply(data.ops); render(); },
  });
})();
