/* Lab panel: pick a lab, read its steps, "Kiểm tra" each step against the session (server-side
   LabRun), reveal hints one by one, follow progress, and "Nộp bài" to download the submission. */
(function () {
  'use strict';
  const el = (...a) => ddlab.api.el(...a);
  const ask = args => ddlab.api.request('lab', args);
  let root = null;
  const hintsShown = {};

  /** Server-rendered (commonmark, HTML escaped) Markdown as an element. */
  function html(tag, attrs, markup) {
    const e = el(tag, attrs);
    e.innerHTML = markup;
    return e;
  }

  function download(name, text) {
    const url = URL.createObjectURL(new Blob([text], {type: 'application/json'}));
    const a = el('a', {href: url, download: name});
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function render(state) {
    if (state.error) {
      root.querySelector('.lab-message')?.replaceChildren(state.error);
      return;
    }
    const message = el('p', {class: 'lab-message', role: 'status'});
    const wanted = ddlab.state.wantLab;
    if (!state.active && wanted) {
      ddlab.state.wantLab = null;
      ask({op: 'start', lab: wanted}).then(s => s.error ? render(Object.assign({}, state, {notice: s.error})) : render(s));
      return;
    }
    if (state.notice) message.textContent = state.notice;
    if (!state.active) {
      root.replaceChildren(
        el('p', {}, 'Chọn một bài lab. Bài lab cần một phiên mới (chưa gõ lệnh nào).'),
        message,
        el('ul', {class: 'lab-list'}, state.labs.map(l => el('li', {},
          el('button', {type: 'button', onclick: () => ask({op: 'start', lab: l.id}).then(s => s.error ? (message.textContent = s.error) : render(s))}, 'Bắt đầu'),
          ' ', el('b', {}, l.title), ' — ', l.section, ' (', String(l.steps), ' bước)'))));
      return;
    }
    const lab = state.active;
    const done = lab.steps.filter(s => s.passed).length;
    const progress = el('p', {class: 'lab-progress'}, `Tiến độ: ${done}/${lab.steps.length} bước`);
    const steps = lab.steps.map((s, i) => {
      const text = html('div', {class: 'lab-text'}, s.html);
      for (const pre of text.querySelectorAll('pre')) ddlab.api.codeActions(pre, true);
      const checklist = el('ul', {class: 'lab-checks'}, (s.checks || []).map(c => html('li', {}, c)));
      const result = el('div', {class: 'lab-result', 'aria-live': 'polite'});
      const hints = el('ul', {class: 'lab-hints'});
      const title = el('h3', {class: 'lab-step-title'}, (s.passed ? '✔ ' : '') + `Bước ${i + 1}: ${s.title}`);
      const check = el('button', {type: 'button', onclick: () => ask({op: 'check', step: i}).then(r => {
        if (r.error) { result.textContent = r.error; return; }
        checklist.replaceChildren(...r.checks.map(c => {
          const li = html('li', {class: c.passed ? 'ok' : 'ko'}, (c.passed ? '✔ ' : '✘ ') + c.label);
          if (!c.passed) li.append(html('div', {class: 'reason'}, c.reason));
          return li;
        }));
        result.replaceChildren(r.passed ? el('p', {class: 'ok'}, '✔ Đạt!') : el('p', {class: 'ko'}, '✘ Chưa đạt: xem các mục đánh dấu ✘ ở trên.'));
        if (r.passed) { s.passed = true; title.textContent = `✔ Bước ${i + 1}: ${s.title}`; }
        progress.textContent = `Tiến độ: ${r.done}/${r.total} bước`;
      })}, 'Kiểm tra');
      const hint = s.hints ? el('button', {type: 'button', onclick: () => {
        hintsShown[i] = Math.min((hintsShown[i] || 0) + 1, s.hints);
        ask({op: 'hint', step: i, n: hintsShown[i]}).then(h => hints.replaceChildren(...h.hints.map(x => html('li', {}, '💡 ' + x))));
      }}, 'Gợi ý') : null;
      return el('section', {class: 'lab-step'}, title, text,
        el('p', {class: 'lab-checks-title'}, 'Cần đạt:'), checklist,
        el('div', {class: 'lab-actions'}, check, ' ', hint), hints, result);
    });
    const student = el('input', {type: 'text', placeholder: 'Mã học viên, ví dụ sv01', 'aria-label': 'Mã học viên', size: 18});
    const submit = el('button', {type: 'button', onclick: () => ask({op: 'submit', student: student.value.trim()}).then(r => {
      if (r.error) { message.textContent = r.error; return; }
      download(r.filename, r.content);
      message.textContent = 'Đã tải bài nộp ' + r.filename + ' — gửi tệp này cho giảng viên.';
    })}, 'Nộp bài');
    root.replaceChildren(
      el('h2', {class: 'lab-title'}, lab.title), el('p', {class: 'lab-section'}, lab.section), el('p', {}, lab.summary),
      progress, ...steps,
      el('div', {class: 'lab-submit'}, student, ' ', submit), message);
  }

  ddlab.registerPanel('lab', {
    mount(r) { root = r; ask({op: 'state'}).then(render); },
    snapshot(s) { if (root) render(s); },
  });
})();
