/* Lesson panel: the course's Markdown lessons rendered by the server (commonmark); shell code blocks
   get a "chạy" button that types their commands into the active terminal. */
(function () {
  'use strict';
  const el = (...a) => ddlab.api.el(...a);
  let current = null;

  function commands(pre) {
    return pre.textContent.split('\n')
      .map(l => l.replace(/^\s*\$\s+/, '').trimEnd())
      .filter(l => l.trim() && !l.trim().startsWith('#'));
  }

  async function show(root, name) {
    current = name;
    const html = await (await fetch('/api/lessons/' + encodeURIComponent(name))).text();
    const article = el('article', {class: 'lesson'});
    article.innerHTML = html;
    for (const pre of article.querySelectorAll('pre.runnable')) {
      const cmds = commands(pre);
      if (!cmds.length) continue;
      pre.append(el('button', {
        class: 'run', type: 'button', title: 'Gõ lệnh này vào terminal đang mở',
        onclick: () => ddlab.api.typeCommand(cmds.join('\r')),
      }, '▶ chạy'));
    }
    root.querySelector('.lesson-slot').replaceChildren(article);
  }

  ddlab.registerPanel('lesson', {
    async mount(root) {
      const list = await (await fetch('/api/lessons')).json();
      if (!list.length) {
        root.replaceChildren(el('p', {class: 'empty'}, 'Chưa có bài học nào trong bản ddlab này.'));
        return;
      }
      const select = el('select', {'aria-label': 'Chọn bài học', onchange: e => show(root, e.target.value)},
        list.map(l => el('option', {value: l.name, selected: l.name === current}, l.title)));
      root.replaceChildren(el('div', {class: 'lesson-nav'}, el('label', {}, 'Bài học: '), select), el('div', {class: 'lesson-slot'}));
      show(root, current && list.some(l => l.name === current) ? current : list[0].name);
    },
  });
})();
