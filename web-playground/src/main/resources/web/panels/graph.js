/* A browser-side copy of a server GraphStream model: a snapshot, then delta operations. */
(function () {
  'use strict';
  class GraphView {
    constructor() { this.graph = {}; this.nodes = new Map(); this.edges = new Map(); }
    load(snap) {
      this.graph = Object.assign({}, snap.graph || {});
      this.nodes = new Map((snap.nodes || []).map(n => [n.id, n]));
      this.edges = new Map((snap.edges || []).map(e => [e.id, e]));
    }
    apply(ops) {
      for (const op of ops) {
        switch (op.op) {
          case 'addNode': this.nodes.set(op.id, {id: op.id}); break;
          case 'removeNode': this.nodes.delete(op.id); break;
          case 'addEdge': this.edges.set(op.id, {id: op.id, from: op.from, to: op.to}); break;
          case 'removeEdge': this.edges.delete(op.id); break;
          case 'setNode': { const n = this.nodes.get(op.id); if (n) n[op.key] = op.value; break; }
          case 'unsetNode': { const n = this.nodes.get(op.id); if (n) delete n[op.key]; break; }
          case 'setEdge': { const e = this.edges.get(op.id); if (e) e[op.key] = op.value; break; }
          case 'unsetEdge': { const e = this.edges.get(op.id); if (e) delete e[op.key]; break; }
          case 'setGraph': this.graph[op.key] = op.value; break;
          case 'unsetGraph': delete this.graph[op.key]; break;
          case 'clear': this.nodes.clear(); this.edges.clear(); this.graph = {}; break;
        }
      }
    }
    ofKind(kind) { return [...this.nodes.values()].filter(n => n.kind === kind); }
    edgesFrom(id) { return [...this.edges.values()].filter(e => e.from === id); }
    edgesTo(id) { return [...this.edges.values()].filter(e => e.to === id); }
  }
  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fmtBytes(n) {
    if (n === undefined || n === null) return '';
    const u = ['B', 'kB', 'MB', 'GB'];
    let i = 0, v = n;
    while (v >= 1000 && i < u.length - 1) { v /= 1000; i++; }
    return (i === 0 ? v : v.toFixed(v < 10 ? 2 : 1)) + ' ' + u[i];
  }
  window.ddlabGraph = {GraphView, svg, fmtBytes};
})();
