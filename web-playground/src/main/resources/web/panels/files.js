/* Files panel: a small editor for the active node's host filesystem (a Dockerfile, compose.yaml)
   and uploads, size-limited by the server. It opens an existing file of /home/ubuntu (the
   Dockerfile first) or offers to create one; it never asks the server for a file it knows is not
   there. */
(function () {
  'use strict';
  const el = (...a) => ddlab.api.el(...a);
  const HOME = '/home/ubuntu';
  let root = null, path = HOME + '/Dockerfile', known = null;

  function api(suffix) { return '/api/nodes/' + encodeURIComponent(ddlab.api.activeNode()) + suffix; }
  function status(text, ok) {
    const s = root.querySelector('.status');
    s.textContent = text; s.className = 'status ' + (ok ? 'status-ok' : 'status-bad');
  }
  async function listing() {
    const r = await fetch(api('/files?path=' + encodeURIComponent(HOME)));
    const box = root.querySelector('.listing');
    if (!r.ok) { box.replaceChildren(); known = null; return []; }
    const body = await r.json();
    const files = body.entries.filter(e => !e.dir);
    known = new Set(files.map(e => e.path));
    box.replaceChildren(...files.map(e =>
      el('button', {type: 'button', class: 'chip', onclick: () => open(e.path)}, e.name)));
    return files;
  }
  function offerCreate(p) {
    path = p; root.querySelector('input.path').value = p;
    root.querySelector('textarea').value = '';
    status('Tệp ' + p + ' chưa có: gõ nội dung rồi bấm Lưu để tạo nó (hoặc đổi đường dẫn ở ô trên).', true);
  }
  async function open(p) {
    const dir = p.slice(0, p.lastIndexOf('/')) || '/';
    if (known && dir === HOME && !known.has(p)) { offerCreate(p); return; }
    path = p; root.querySelector('input.path').value = p;
    const r = await fetch(api('/file?path=' + encodeURIComponent(p)));
    const body = await r.json().catch(() => ({}));
    const ta = root.querySelector('textarea');
    if (r.ok) { ta.value = body.text; status('Đã mở ' + p, true); }
    else if (r.status === 404) offerCreate(p);
    else status(body.message || 'Không mở được tệp.', false);
  }
  async function save() {
    path = root.querySelector('input.path').value;
    const r = await fetch(api('/file?path=' + encodeURIComponent(path)), {method: 'PUT', body: root.querySelector('textarea').value});
    if (r.ok) { status('Đã lưu ' + path + ' trên ' + ddlab.api.activeNode() + '.', true); listing(); }
    else { const b = await r.json().catch(() => ({})); status(b.message || 'Không lưu được.', false); }
  }
  async function upload(input) {
    if (!input.files.length) return;
    const form = new FormData();
    for (const f of input.files) form.append('file', f);
    const r = await fetch(api('/upload?path=' + encodeURIComponent(HOME)), {method: 'POST', body: form});
    const b = await r.json().catch(() => ({}));
    if (r.ok) { status('Đã tải lên: ' + b.saved.join(', '), true); listing(); }
    else status(b.message || 'Tải lên không được.', false);
    input.value = '';
  }

  ddlab.registerPanel('files', {
    mount(e) {
      root = e;
      const max = ddlab.state.limits ? Math.round(ddlab.state.limits.maxUploadBytes / 1024) : 1024;
      root.replaceChildren(el('div', {class: 'editor'},
        el('p', {class: 'hint'}, 'Sửa tệp trên hệ tệp của node đang chọn (', el('b', {}, ddlab.api.activeNode() || ''),
          '), ví dụ Dockerfile hay compose.yaml, rồi dùng nó trong terminal. Mỗi tệp tối đa ' + max + ' KB.'),
        el('div', {class: 'row'},
          el('input', {type: 'text', class: 'path', value: path, 'aria-label': 'Đường dẫn tệp',
            onkeydown: ev => { if (ev.key === 'Enter') open(ev.target.value); }}),
          el('button', {type: 'button', onclick: () => open(root.querySelector('input.path').value)}, 'Mở'),
          el('button', {type: 'button', class: 'primary', onclick: save}, 'Lưu')),
        el('textarea', {spellcheck: 'false', 'aria-label': 'Nội dung tệp',
          onkeydown: ev => { if ((ev.ctrlKey || ev.metaKey) && ev.key === 's') { ev.preventDefault(); save(); } }}),
        el('div', {class: 'row'},
          el('label', {class: 'upload'},
            el('input', {type: 'file', multiple: true, 'aria-label': 'Chọn tệp để tải lên ' + HOME, onchange: ev => upload(ev.target)}),
            el('span', {}, 'Chọn tệp để tải lên ' + HOME + '…')),
          el('span', {class: 'status'})),
        el('div', {class: 'row listing'})));
      listing().then(files => {
        const first = files.find(f => f.name === 'Dockerfile') || files[0];
        if (first) open(first.path); else offerCreate(path);
      });
    },
  });
})();
