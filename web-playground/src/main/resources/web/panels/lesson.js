/* Lesson panel: the course's Markdown lessons rendered by the server (commonmark); shell code blocks
   get a "chạy" button that types their commands into the active terminal. */
(function () {
  'use strict';
  const el = (...a) => ddlab.api.el(...a);
  let current = null;

  async function show(root, name) {
    current = name;
    const html = await (await fetch('/api/lessons/' + encodeURIComponent(name))).text();
    const article = el('article', {class: 'lesson'});
    article.innerHTML = html;
    // shell blocks whose commands ddlab runs get "▶ chạy" (the server marks them runnable);
    // every command block can be copied
    for (const pre of article.querySelectorAll('pre')) {
      if (pre.querySelector('code[class^="language-"]:not(.language-sh):not(.language-bash):not(.language-shell):not(.language-console)')) continue;
      ddlab.api.codeActions(pre, pre.classList.contains('runnable'));
    }
    // a link to a lab opens it in the lab panel
    for (const a of article.querySelectorAll('a[href^="#lab="]')) {
      a.addEventListener('click', ev => {
        ev.preventDefault();
        ddlab.state.wantLab = a.getAttribute('href').slice(5);
        ddlab.api.openPanel('lab');
      });
    }
    // the panel may have been left, or another lesson chosen, while this one was loading
    const slot = root.querySelector('.lesson-slot');
    if (!slot || current !== name) return;
    slot.replaceChildren(article);
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
