/* Namespaces panel: a table of containers × namespace kinds; shared inodes and the host's are marked. */
(function () {
  'use strict';
  const el = (...a) => ddlab.api.el(...a);
  const view = new window.ddlabGraph.GraphView();
  const KINDS = ['pid', 'net', 'mnt', 'uts', 'ipc', 'user', 'cgroup'];
  let root = null;

  function fmtMem(b) { return b ? window.ddlabGraph.fmtBytes(b) : 'không giới hạn'; }
  function fmtCpu(n) { return n ? (n / 1e9) + ' CPU' : 'không giới hạn'; }

  function render() {
    if (!root) return;
    if (view.graph.unavailable) { root.replaceChildren(el('p', {class: 'empty'}, view.graph.unavailable)); return; }
    const ctrs = view.ofKind('container');
    const nsOf = c => {
      const out = {};
      for (const e of view.edgesFrom(c.id)) { const n = view.nodes.get(e.to); if (n) out[n.type] = n; }
      return out;
    };
    const users = {};
    for (const e of view.edges.values()) users[e.to] = (users[e.to] || 0) + 1;
    const intro = el('p', {class: 'hint'},
      'Mỗi ô là inode của namespace, như ', el('code', {}, 'ls -l /proc/PID/ns'),
      ' cho thấy. Ô màu cam: dùng chung với container khác; màu đỏ: dùng chung với máy chủ (host).');
    if (!ctrs.length) {
      root.replaceChildren(intro, el('p', {class: 'empty'}, 'Chưa có container nào. Thử: docker run -d --name web nginx, rồi docker run -d --name side --network container:web busybox sleep 3600'));
      return;
    }
    // one row per namespace kind, one column for the host and for each container
    const host = view.graph.hostNamespaces || {};
    const head = el('tr', {}, el('th', {}, 'Namespace'), el('th', {}, 'host'),
      ctrs.map(c => el('th', {'data-container': c.label}, c.label, el('div', {class: 'hint'}, c.node))));
    const nsByCtr = ctrs.map(nsOf);
    const rows = KINDS.map(k => el('tr', {'data-kind': k},
      el('th', {}, k),
      el('td', {class: 'mono'}, (host[k] || '').replace(/^\w+:/, '')),
      nsByCtr.map(ns => {
        const n = ns[k];
        if (!n) return el('td', {class: 'hint'}, '—');
        const cls = n.host ? 'host' : (users[n.id] > 1 ? 'shared' : '');
        return el('td', {class: 'mono ' + cls, title: n.host ? 'dùng chung với host' : (users[n.id] > 1 ? 'dùng chung giữa các container' : 'riêng của container')},
          n.label.replace(/^\w+:/, ''));
      })));
    const details = ctrs.map(c => el('section', {class: 'ns-detail'},
      el('h3', {}, c.label + (c.sharesNetworkWith ? ' — dùng mạng của ' + c.sharesNetworkWith : '')),
      el('div', {class: 'stats'},
        el('span', {}, 'cgroup: ', el('code', {}, c.cgroup || '—')),
        el('span', {}, 'bộ nhớ: ', el('b', {}, fmtMem(c.memory))),
        el('span', {}, 'CPU: ', el('b', {}, fmtCpu(c.nanoCpus))),
        el('span', {}, 'số tiến trình tối đa: ', el('b', {}, c.pidsLimit ? String(c.pidsLimit) : 'không giới hạn'))),
      (c.processes || []).length ? el('table', {class: 'grid'},
        el('tr', {}, el('th', {}, 'PID trong container'), el('th', {}, 'PID trên host'), el('th', {}, 'USER'), el('th', {}, 'Lệnh')),
        c.processes.map(p => el('tr', {}, el('td', {class: 'mono'}, String(p.pid)), el('td', {class: 'mono'}, String(p.hostPid)),
          el('td', {}, p.user || ''), el('td', {class: 'mono'}, p.command)))) : el('p', {class: 'hint'}, 'Container không chạy: không có tiến trình, namespace đã được giải phóng.')));
    root.replaceChildren(intro, el('table', {class: 'grid ns-table'}, head, rows), ...details);
  }

  ddlab.registerPanel('namespaces', {
    mount(el2) { root = el2; root.append(el('p', {class: 'empty'}, 'Đang tải namespace…')); },
    snapshot(data) { view.load(data); render(); },
    delta(data) { view.apply(data.ops); render(); },
  });
})();
