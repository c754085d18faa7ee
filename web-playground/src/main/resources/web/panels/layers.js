/* Image layers panel, in the spirit of dive: image picker, layer stack (size + instruction),
   efficiency and wasted bytes, a container's writable layer on top, per-layer file tree with marks. */
(function () {
  'use strict';
  const el = (...a) => ddlab.api.el(...a);
  const {fmtBytes} = window.ddlabGraph;
  const view = new window.ddlabGraph.GraphView();
  const MARKS = {A: 'thêm', M: 'sửa', D: 'xoá', U: 'giữ nguyên'};
  let root = null, chosenLayer = null, onlyChanges = false, lastTree = null;

  function pick(nodeName, imageId) {
    chosenLayer = null; lastTree = null;
    ddlab.api.request('layers', {op: 'select', node: nodeName, image: imageId}).then(snap => { view.load(snap); render(); });
  }
  function openLayer(id) {
    chosenLayer = id;
    ddlab.api.request('layers', {op: 'tree', layer: id}).then(t => { lastTree = t; render(); });
    render();
  }

  /* The latest build of each node: its stages side by side (a graph: COPY --from names the stage it
     reads), each step appearing at its virtual start, replayed in about three seconds; CACHED
     steps are marked, a step's duration is its bar. A new build (another id) replays again. */
  let replayed = {};
  function buildView() {
    const builds = view.ofKind('build');
    if (!builds.length) return null;
    const out = [];
    for (const b of builds) {
      const steps = view.ofKind('step').filter(s => s.node === b.node)
        .sort((x, y) => (x.start - y.start) || (Number(x.id.split(':')[2]) - Number(y.id.split(':')[2])));
      if (!steps.length) continue;
      const t0 = Math.min(...steps.map(s => s.start >= 0 ? s.start : Infinity));
      const t1 = Math.max(...steps.map(s => s.end >= 0 ? s.end : s.start));
      const span = Math.max(1, t1 - t0);
      const fresh = replayed[b.node] !== b.buildId;
      replayed[b.node] = b.buildId;
      const feeds = id => view.edgesFrom(id).length > 0;
      const fedBy = id => view.edgesTo(id).map(e => view.nodes.get(e.from)).filter(Boolean);
      /* A multi-platform build has one graph of stages per platform (COPY --from reads its own). */
      const platforms = [];
      for (const s of steps) if (!platforms.includes(s.platform || '')) platforms.push(s.platform || '');
      const graph = pf => {
        const mine = steps.filter(s => (s.platform || '') === pf);
        const stages = [];
        for (const s of mine) if (!stages.includes(s.stage)) stages.push(s.stage);
        return el('div', {class: 'stages'}, stages.map(st => el('div', {class: 'stage', 'data-stage': st},
          el('div', {class: 'stage-name'}, stages.length > 1 ? 'stage ' + st : 'các bước'),
          mine.filter(s => s.stage === st).map(s => {
            const delay = fresh ? (3 * (Math.max(0, s.start - t0) / span)).toFixed(2) + 's' : '0s';
            const width = Math.max(4, Math.round(100 * Math.max(0, s.end - s.start) / span)) + '%';
            const from = fedBy(s.id);
            return el('div', {class: 'step' + (s.cached ? ' cached' : '') + (fresh ? ' replay' : '') + (feeds(s.id) ? ' feeds' : ''),
              style: 'animation-delay:' + delay, 'data-step': s.index, title: s.layer || ''},
              el('span', {class: 'mark'}, s.cached ? 'CACHED' : s.status === 'FAILED' ? 'LỖI' : s.index + ''),
              el('span', {class: 'cmd'}, s.instruction),
              from.length ? el('span', {class: 'from'}, '← từ stage ' + from.map(f => f.stage).join(', ')) : null,
              el('span', {class: 'bar', style: 'width:' + width}));
          }))));
      };
      out.push(el('div', {class: 'build', 'data-build': b.buildId},
        el('h3', {}, 'Bản dựng gần nhất trên ' + b.node + (b.tags ? ': ' + b.tags : '') + ' — ' +
          (b.status === 'DONE' ? 'xong' : b.status === 'FAILED' ? 'lỗi' : b.status.toLowerCase())),
        platforms.length === 1 && !platforms[0] ? graph('') :
          platforms.map(pf => el('div', {class: 'platform', 'data-platform': pf},
            el('h4', {}, 'Nền tảng ' + pf), graph(pf))),
        el('p', {class: 'hint'}, 'Các stage chạy song song theo thời gian ảo; bước CACHED lấy layer từ cache;' +
          ' mũi tên "← từ stage" là COPY --from.')));
    }
    return out;
  }

  function render() {
    if (!root) return;
    const images = view.ofKind('image');
    const selected = view.graph.selected;
    const select = el('select', {'aria-label': 'Chọn image', class: 'image-pick',
      onchange: e => { const [n, id] = e.target.value.split('|'); if (id) pick(n, id); }},
      el('option', {value: ''}, images.length ? '— chọn một image —' : 'chưa có image nào'),
      images.map(i => el('option', {value: i.node + '|' + i.imageId, selected: i.imageId === selected && i.node === view.graph.node},
        i.node + ': ' + i.ref + ' (' + fmtBytes(i.size) + ')')));
    const parts = [el('div', {class: 'lesson-nav'}, el('label', {}, 'Image: '), select)];
    const built = buildView();
    if (built) parts.push(...built);
    if (!selected) {
      parts.push(el('p', {class: 'empty'}, images.length
        ? 'Chọn một image để xem các lớp của nó, giống công cụ dive.'
        : 'Tải một image trước, ví dụ: docker pull nginx'));
      root.replaceChildren(...parts); return;
    }
    if (view.graph.unavailable) {
      parts.push(el('p', {class: 'empty'}, view.graph.unavailable));
      root.replaceChildren(...parts); return;
    }
    if (view.graph.missing) {
      parts.push(el('p', {class: 'empty'}, 'Image này không còn trên node.'));
      root.replaceChildren(...parts); return;
    }
    const g = view.graph;
    parts.push(el('div', {class: 'stats'},
      el('span', {}, 'Hiệu quả: ', el('b', {'data-stat': 'efficiency'}, (g.efficiency * 100).toFixed(1) + ' %')),
      el('span', {}, 'Lãng phí: ', el('b', {'data-stat': 'wasted'}, fmtBytes(g.wastedBytes))),
      el('span', {}, 'Lãng phí ngoài lớp gốc: ', el('b', {}, (g.userWastedPercent * 100).toFixed(1) + ' %')),
      el('span', {}, 'Kích thước: ', el('b', {}, fmtBytes(g.imageSize)))));
    const layers = view.ofKind('layer').sort((a, b) => b.index - a.index);
    const rws = view.ofKind('writable');
    const list = el('div', {class: 'layer-list', role: 'list'},
      rws.map(w => el('div', {class: 'layer rw' + (chosenLayer === w.id ? ' selected' : ''), role: 'listitem', tabindex: 0,
        'data-layer': w.id, onclick: () => openLayer(w.id), onkeydown: e => { if (e.key === 'Enter') openLayer(w.id); }},
        el('span', {class: 'idx'}, 'rw'), el('span', {class: 'size'}, fmtBytes(w.size || 0)),
        el('span', {class: 'cmd'}, 'lớp ghi của container ' + w.label + ' (' + (w.changes || 0) + ' thay đổi)'))),
      layers.map(l => el('div', {class: 'layer' + (chosenLayer === l.id ? ' selected' : ''), role: 'listitem', tabindex: 0,
        'data-layer': l.id, title: l.diffId, onclick: () => openLayer(l.id), onkeydown: e => { if (e.key === 'Enter') openLayer(l.id); }},
        el('span', {class: 'idx'}, String(l.index)), el('span', {class: 'size'}, fmtBytes(l.size)),
        el('span', {class: 'cmd'}, l.createdBy || '(không rõ lệnh)'))));
    parts.push(el('h3', {}, 'Các lớp (trên cùng là lớp mới nhất)'), list);
    if (chosenLayer) {
      parts.push(el('h3', {}, 'Cây tệp ' + (chosenLayer.startsWith('w:') ? 'của lớp ghi' : 'sau lớp ' + chosenLayer.slice(2))),
        el('label', {class: 'hint'}, el('input', {type: 'checkbox', checked: onlyChanges,
          onchange: e => { onlyChanges = e.target.checked; render(); }}), ' chỉ hiện thay đổi'),
        el('div', {class: 'legend'}, Object.entries(MARKS).map(([m, t]) => el('span', {class: 'mark-' + m}, m + ' = ' + t))));
      if (!lastTree) parts.push(el('p', {class: 'empty'}, 'Đang tải…'));
      else {
        const rows = lastTree.rows.filter(r => !onlyChanges || r.mark !== 'U');
        parts.push(el('div', {class: 'tree'}, rows.length ? rows.map(r => el('div', {class: 'row mark-' + r.mark},
          r.mark + ' ' + '  '.repeat(r.depth || 0) + (r.name || r.path) + (r.dir ? '/' : ''),
          r.size ? el('span', {class: 'sz'}, '  ' + fmtBytes(r.size)) : null)) : el('span', {class: 'hint'}, 'Không có thay đổi.')));
        if (lastTree.total > lastTree.rows.length) parts.push(el('p', {class: 'hint'}, 'Chỉ hiện ' + lastTree.rows.length + '/' + lastTree.total + ' đường dẫn.'));
      }
    }
    root.replaceChildren(...parts);
  }

  ddlab.registerPanel('layers', {
    mount(e) { root = e; root.append(el('p', {class: 'empty'}, 'Đang tải…')); },
    snapshot(data) { view.load(data); render(); },
    delta(data) { view.apply(data.ops); if (chosenLayer && chosenLayer.startsWith('w:')) openLayer(chosenLayer); else render(); },
  });
})();
