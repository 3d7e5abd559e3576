/// The script and style sheet of the web app, served from the binary
/// (`/assets/app.js`, `/assets/app.css`): no CDN, no font download. The
/// network layout is a small force-directed layout of our own (no d3).
enum Assets {
    static let style = #"""
        :root { --official: #d62728; --journalist: #1f77b4; --citizen: #2ca02c; --historical: #9467bd; --person: #7f7f7f; }
        body { font-family: "Noto Sans CJK SC", "Noto Sans CJK", "Noto Sans SC", sans-serif; margin: 0; color: #222; background: #fafafa; }
        header { display: flex; gap: 1em; align-items: center; padding: .5em 1em; background: #1d2b3a; color: #fff; flex-wrap: wrap; }
        header a { color: #fff; }
        header .home { font-weight: bold; font-size: 1.2em; text-decoration: none; }
        main { max-width: 1100px; margin: 0 auto; padding: 1em; }
        h1 small { font-size: .5em; color: #666; font-weight: normal; }
        form.search { display: inline-flex; gap: .3em; position: relative; margin: .3em 0; }
        form.search.big input { font-size: 1.3em; width: 20em; }
        ul.suggestions { position: absolute; top: 100%; left: 0; z-index: 10; list-style: none; margin: 0; padding: 0; background: #fff;
          color: #222; border: 1px solid #ccc; min-width: 18em; }
        ul.suggestions:empty { display: none; }
        ul.suggestions li { padding: .2em .5em; }
        ul.suggestions li a { color: #124; font-weight: bold; margin-right: .5em; }
        ul.suggestions li span { color: #666; font-size: .85em; }
        .details span { margin-right: .2em; }
        table { border-collapse: collapse; margin: .5em 0; }
        th, td { border-bottom: 1px solid #ddd; padding: .2em .6em; text-align: left; }
        a.person.official { color: var(--official); } a.person.journalist { color: var(--journalist); }
        a.person.citizen { color: var(--citizen); } a.person.historical { color: var(--historical); }
        figure { margin: .5em 0; background: #fff; border: 1px solid #ddd; }
        svg { display: block; width: 100%; height: auto; font-family: inherit; }
        .timeline-svg .bar { fill: #4a7bb7; } .timeline-svg .bar:hover { fill: #d62728; }
        .timeline-svg .tick { stroke: #ddd; } .timeline-svg text { font-size: 12px; fill: #333; }
        .timeline-svg .sub { fill: #777; font-size: 10px; }
        .network-svg .edge { stroke: #999; stroke-opacity: .6; pointer-events: none; }
        .network-svg .edge-hit { stroke: transparent; stroke-width: 12; cursor: pointer; }
        .network-svg .edge-hit:hover + .edge, .network-svg .edge.selected { stroke: #d62728; stroke-opacity: 1; }
        .network-svg .node { stroke: #fff; stroke-width: 1.5; cursor: pointer; }
        .network-svg .node.center { stroke: #000; stroke-width: 2.5; }
        .network-svg .official { fill: var(--official); } .network-svg .journalist { fill: var(--journalist); }
        .network-svg .citizen { fill: var(--citizen); } .network-svg .historical { fill: var(--historical); }
        .network-svg .person { fill: var(--person); }
        .network-svg text { font-size: 12px; fill: #222; pointer-events: none; }
        .edge-panel:empty { display: none; }
        .edge-panel { background: #fff; border: 1px solid #ccc; padding: .5em 1em; }
        blockquote { margin: .3em 0 .6em 1em; color: #444; }
        mark { background: #ffe28a; }
        .downloads a { margin: 0 .2em; }
        .error { color: #a00; }
        .date, .source { color: #777; font-size: .9em; }
        article .body p { line-height: 1.8; }
        """#

    static let script = #"""
        (function () {
          'use strict';
          var root = document.documentElement;
          window.addEventListener('error', function (e) { root.setAttribute('data-js-error', String(e.message)); });
          var SVG = 'http://www.w3.org/2000/svg';

          function el(name, attrs, parent, text) {
            var node = document.createElementNS(SVG, name);
            Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
            if (text !== undefined) node.textContent = text;
            if (parent) parent.appendChild(node);
            return node;
          }
          function html(name, parent, text, attrs) {
            var node = document.createElement(name);
            if (text !== undefined && text !== null) node.textContent = text;
            Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
            if (parent) parent.appendChild(node);
            return node;
          }
          function data(id) {
            var s = document.getElementById(id);
            return s ? JSON.parse(s.textContent) : null;
          }
          // Only links into this app: a path, never a scheme.
          function local(href) { return typeof href === 'string' && href.charAt(0) === '/' && href.charAt(1) !== '/' ? href : '/'; }
          function windowParams() {
            var p = new URLSearchParams(location.search), out = '';
            ['since', 'until'].forEach(function (k) { if (p.get(k)) out += '&' + k + '=' + encodeURIComponent(p.get(k)); });
            return out;
          }
          // A date at any precision (2017, 2017-04, 2017-04-27) as a fractional year; `end`: the end of that span.
          function year(date, end) {
            if (!date) return null;
            var p = date.split('-'), y = +p[0];
            if (p.length < 2) return end ? y + 1 : y;
            var m = +p[1] - 1;
            if (p.length < 3) return y + (m + (end ? 1 : 0)) / 12;
            return y + m / 12 + (+p[2] - (end ? 0 : 1)) / 365;
          }

          function drawTimeline(fig) {
            var bars = data(fig.getAttribute('data-src')) || [];
            var dated = bars.filter(function (b) { return b.first || b.last; });
            if (!dated.length) { html('p', fig, 'No dated sighting.'); return false; }
            var starts = dated.map(function (b) { return year(b.first || b.last, false); });
            var ends = dated.map(function (b) { return year(b.last || b.first, true); });
            var min = Math.floor(Math.min.apply(null, starts)), max = Math.ceil(Math.max.apply(null, ends));
            if (max - min < 1) max = min + 1;
            var labelW = 300, W = 1000, rowH = 30, top = 26, H = top + dated.length * rowH + 8;
            var scale = function (y) { return labelW + (y - min) / (max - min) * (W - labelW - 20); };
            var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, 'class': 'timeline-svg', role: 'img' }, fig);
            var step = max - min > 20 ? 5 : 1;
            for (var y = min; y <= max; y += step) {
              el('line', { 'class': 'tick', x1: scale(y), x2: scale(y), y1: top - 6, y2: H }, svg);
              el('text', { x: scale(y), y: 14, 'text-anchor': 'middle' }, svg, String(y));
            }
            dated.forEach(function (b, i) {
              var y0 = top + i * rowH, a = el('a', { href: local(b.href) }, svg);
              var x0 = scale(year(b.first || b.last, false)), x1 = scale(year(b.last || b.first, true));
              el('text', { x: 4, y: y0 + 13 }, a, b.label);
              if (b.sub) el('text', { 'class': 'sub', x: 4, y: y0 + 25 }, a, b.sub);
              var rect = el('rect', { 'class': 'bar', x: x0, y: y0 + 4, width: Math.max(4, x1 - x0), height: rowH - 10, rx: 3 }, a);
              el('title', {}, rect, b.label + (b.sub ? ' · ' + b.sub : '') + ': ' + (b.first || '?') + ' … ' + (b.last || '?'));
            });
            return true;
          }

          // Fruchterman–Reingold: repulsion between every pair, springs along edges, a pull to the middle.
          function layout(nodes, edges, W, H) {
            var n = nodes.length, k = Math.sqrt(W * H / Math.max(1, n)) * 0.6;
            nodes.forEach(function (d, i) {
              var a = 2 * Math.PI * i / Math.max(1, n - 1), r = d.level * Math.min(W, H) / 5;
              d.x = W / 2 + r * Math.cos(a); d.y = H / 2 + r * Math.sin(a);
            });
            var t = W / 8;
            for (var it = 0; it < 300; it++) {
              nodes.forEach(function (d) { d.dx = 0; d.dy = 0; });
              for (var i = 0; i < n; i++) for (var j = i + 1; j < n; j++) {
                var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01, f = k * k / d2;
                a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
              }
              edges.forEach(function (e) {
                var a = e.s, b = e.t, dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01, f = d / k;
                a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
              });
              nodes.forEach(function (d) {
                d.dx += (W / 2 - d.x) * 0.05; d.dy += (H / 2 - d.y) * 0.05;
                var len = Math.sqrt(d.dx * d.dx + d.dy * d.dy) + 0.01, m = Math.min(len, t);
                d.x += d.dx / len * m; d.y += d.dy / len * m;
              });
              t *= 0.985;
            }
            var xs = nodes.map(function (d) { return d.x; }), ys = nodes.map(function (d) { return d.y; });
            var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
            var s = Math.min((W - 120) / Math.max(1, x1 - x0), (H - 60) / Math.max(1, y1 - y0));
            nodes.forEach(function (d) {
              d.x = n === 1 ? W / 2 : 60 + (d.x - x0) * s + ((W - 120) - (x1 - x0) * s) / 2;
              d.y = n === 1 ? H / 2 : 30 + (d.y - y0) * s + ((H - 60) - (y1 - y0) * s) / 2;
            });
          }

          function showShared(fig, e, lines) {
            var panel = fig.parentNode.querySelector('.edge-panel');
            lines.forEach(function (l) { l.classList.remove('selected'); });
            e.line.classList.add('selected');
            panel.textContent = 'Loading the shared articles…';
            var url = '/api/coappear?name=' + encodeURIComponent(e.s.id) + '&other=' + encodeURIComponent(e.t.id) + windowParams();
            fetch(url).then(function (r) { return r.json(); }).then(function (answer) {
              panel.textContent = '';
              if (!answer.articles) { html('p', panel, answer.message || 'No answer.'); return; }
              var h = html('h3', panel, e.s.name + ' · ' + e.t.name + ': ' + answer.articles.length + ' shared articles ');
              html('a', h, 'all', { href: '/shared?name=' + encodeURIComponent(e.s.id) + '&other=' + encodeURIComponent(e.t.id) + windowParams() });
              var list = html('ol', panel, null, { 'class': 'articles shared' });
              answer.articles.slice().reverse().forEach(function (a) {
                var li = html('li', list);
                html('span', li, (a.date || 'undated') + ' ', { 'class': 'date' });
                html('a', li, a.headline || '(no headline)', {
                  'class': 'headline',
                  href: '/article?source=' + encodeURIComponent(a.source) + '&index=' + a.index +
                    '&person=' + encodeURIComponent(e.s.id) + '&other=' + encodeURIComponent(e.t.id)
                });
                if (a.sentence) html('blockquote', li, a.sentence);
              });
            }).catch(function (err) { panel.textContent = 'Could not load the shared articles: ' + err; });
          }

          function drawNetwork(fig) {
            var g = data(fig.getAttribute('data-src'));
            if (!g || !g.nodes.length) { html('p', fig, 'No one in this window.'); return false; }
            var large = fig.classList.contains('large'), W = 1000, H = large ? 720 : 520;
            var byId = {}, nodes = g.nodes.map(function (d) { var c = Object.assign({}, d); byId[d.id] = c; return c; });
            var edges = g.edges.map(function (e) { return { s: byId[e.source], t: byId[e.target], shared: e.shared, first: e.first, last: e.last }; })
              .filter(function (e) { return e.s && e.t; });
            layout(nodes, edges, W, H);
            var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, 'class': 'network-svg', role: 'img' }, fig);
            var lines = [];
            edges.forEach(function (e) {
              var hit = el('line', { 'class': 'edge-hit', x1: e.s.x, y1: e.s.y, x2: e.t.x, y2: e.t.y,
                'data-source': e.s.id, 'data-target': e.t.id }, svg);
              e.line = el('line', { 'class': 'edge', x1: e.s.x, y1: e.s.y, x2: e.t.x, y2: e.t.y,
                'stroke-width': 1 + 2 * Math.log2(e.shared) }, svg);
              el('title', {}, hit, e.s.name + ' · ' + e.t.name + ': ' + e.shared + ' shared articles, ' + (e.first || '?') + ' … ' + (e.last || '?'));
              lines.push(e.line);
              hit.addEventListener('click', function () { showShared(fig, e, lines); });
            });
            nodes.forEach(function (d) {
              var a = el('a', { href: '/person?name=' + encodeURIComponent(d.id) + windowParams() }, svg);
              var c = el('circle', { 'class': 'node ' + d.kind + (d.level === 0 ? ' center' : ''), cx: d.x, cy: d.y,
                r: 5 + 2.5 * Math.sqrt(d.degree), 'data-id': d.id }, a);
              el('title', {}, c, d.name + ' (' + d.kind + (d.main_post ? ', ' + d.main_post : '') + '): ' + d.degree + ' partners here');
              el('text', { x: d.x + 8 + 2.5 * Math.sqrt(d.degree), y: d.y + 4 }, a, d.name);
            });
            return true;
          }

          function suggest(input) {
            var list = input.parentNode.querySelector('.suggestions'), timer = null, asked = 0;
            if (!list) return;
            input.addEventListener('input', function () {
              clearTimeout(timer);
              timer = setTimeout(function () {
                var q = input.value.trim(), ask = ++asked;
                if (!q) { list.textContent = ''; return; }
                fetch('/api/suggest?q=' + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(function (d) {
                  if (ask !== asked) return;
                  list.textContent = '';
                  d.people.forEach(function (p) {
                    var li = html('li', list);
                    html('a', li, p.name, { href: '/person?name=' + encodeURIComponent(p.id) });
                    html('span', li, [p.kind, p.jurisdiction, p.main_post].filter(Boolean).join(', '));
                  });
                });
              }, 120);
            });
          }

          function start() {
            var drawn = [];
            document.querySelectorAll('figure.timeline').forEach(function (f) { if (drawTimeline(f)) drawn.push('timeline'); });
            document.querySelectorAll('figure.network').forEach(function (f) { if (drawNetwork(f)) drawn.push('network'); });
            document.querySelectorAll('input.name-input').forEach(suggest);
            root.setAttribute('data-rendered', drawn.join(' ') || 'none');
          }
          if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
        })();
        """#
}
