"use strict";
// koseizu report: reads the JSON block, fills the device table, answers
// searches and traces. Values are written with textContent only.
(function () {
  var D = JSON.parse(document.getElementById("report-data").textContent);
  var W = D.words;
  var STATUS = ["registered", "unregistered", "unseen"];
  var COLS = 13, ELEM = 13, ORIGIN = 14, PAGE = 200;
  var rows = D.rows;
  var norm = function (s) { return String(s).normalize("NFKC").toLowerCase(); };
  var hay = new Array(rows.length);
  for (var i = 0; i < rows.length; i++) {
    var r = rows[i];
    hay[i] = norm(W[r[0]] + "\u0001" + r.slice(1, COLS).join("\u0001"));
  }
  var $ = function (id) { return document.getElementById(id); };
  // Function replacements: a "$&" in a name is text, not a pattern.
  var fill = function (t, v) {
    return t.replace("{0}", function () { return String(v[0]); })
      .replace("{1}", function () { return v[1] === undefined ? "{1}" : String(v[1]); });
  };
  var state = { q: "", status: "", segment: "", kind: "", elem: "", sortCol: -1, sortDir: 1, limit: PAGE };
  var shown = [];
  var sortKeys = {};

  function option(sel, value, label) {
    var o = document.createElement("option");
    o.value = value; o.textContent = label; sel.appendChild(o);
  }
  STATUS.forEach(function (s) { option($("f-status"), s, W[s]); });
  D.segments.forEach(function (s) { option($("f-segment"), s, s); });
  D.kinds.forEach(function (k) { option($("f-kind"), k, k); });

  function keyOf(col) {
    if (!sortKeys[col]) {
      var k = new Array(rows.length);
      for (var i = 0; i < rows.length; i++) {
        var v = col === 0 ? W[rows[i][0]] : String(rows[i][col]);
        k[i] = v.replace(/\d+/g, function (m) { return m.padStart(12, "0"); });
      }
      sortKeys[col] = k;
    }
    return sortKeys[col];
  }

  function apply() {
    var q = norm(state.q.trim());
    var terms = q ? q.split(/\s+/) : [];
    var out = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (state.status && r[0] !== state.status) continue;
      if (state.segment && r[7] !== state.segment) continue;
      if (state.kind && r[3] !== state.kind) continue;
      if (state.elem && r[ELEM] !== state.elem) continue;
      var h = hay[i], ok = true;
      for (var t = 0; t < terms.length; t++) { if (h.indexOf(terms[t]) < 0) { ok = false; break; } }
      if (ok) out.push(i);
    }
    if (state.sortCol >= 0) {
      var k = keyOf(state.sortCol), d = state.sortDir;
      out.sort(function (a, b) { return k[a] < k[b] ? -d : k[a] > k[b] ? d : a - b; });
    }
    shown = out;
    state.limit = PAGE;
    render();
  }

  function cell(tr, text) { var td = document.createElement("td"); td.textContent = text; tr.appendChild(td); return td; }
  function button(label, cls, fn) {
    var b = document.createElement("button");
    b.type = "button"; b.className = cls; b.textContent = label;
    b.addEventListener("click", fn); return b;
  }

  function render() {
    var body = $("dev-body");
    var n = Math.min(shown.length, state.limit);
    var frag = document.createDocumentFragment();
    for (var j = 0; j < n; j++) {
      var r = rows[shown[j]];
      var tr = document.createElement("tr");
      tr.className = "st-" + r[0];
      tr.dataset.row = shown[j];
      cell(tr, W[r[0]]);
      for (var c = 1; c < COLS; c++) cell(tr, r[c]);
      var td = document.createElement("td"); td.className = "noprint";
      if (r[ELEM]) td.appendChild(button(W.map, "map-btn", locate.bind(null, r[ELEM])));
      if (r[ORIGIN] >= 0) td.appendChild(button(W.trace, "trace-btn", traceAndShow.bind(null, r[ORIGIN])));
      tr.appendChild(td);
      frag.appendChild(tr);
    }
    body.replaceChildren(frag);
    if (shown.length === 0) {
      var tr0 = document.createElement("tr");
      var td0 = cell(tr0, W.none); td0.colSpan = COLS + 1;
      body.appendChild(tr0);
    }
    $("count").textContent = fill(W.shown, [shown.length, rows.length]);
    $("more").hidden = shown.length <= n;
    $("f-reset").hidden = !(state.q || state.status || state.segment || state.kind || state.elem);
  }

  $("more").addEventListener("click", function () { state.limit += PAGE * 5; render(); });
  if ("IntersectionObserver" in window) {
    new IntersectionObserver(function (es) {
      if (es.some(function (e) { return e.isIntersecting; }) && shown.length > state.limit) { state.limit += PAGE; render(); }
    }).observe($("more"));
  }
  window.addEventListener("beforeprint", function () { state.limit = shown.length; render(); });

  $("q").addEventListener("input", function () { state.q = this.value; apply(); });
  $("f-status").addEventListener("change", function () { state.status = this.value; apply(); });
  $("f-segment").addEventListener("change", function () { state.segment = this.value; apply(); });
  $("f-kind").addEventListener("change", function () { state.kind = this.value; apply(); });
  $("f-reset").addEventListener("click", function () {
    state.q = state.status = state.segment = state.kind = state.elem = "";
    $("q").value = ""; $("f-status").value = ""; $("f-segment").value = ""; $("f-kind").value = "";
    apply();
  });
  Array.prototype.forEach.call(document.querySelectorAll("#dev-table th[data-col]"), function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var col = +th.dataset.col;
      state.sortDir = state.sortCol === col ? -state.sortDir : 1;
      state.sortCol = col;
      Array.prototype.forEach.call(document.querySelectorAll("#dev-table th[data-col]"), function (o) { o.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", state.sortDir > 0 ? "ascending" : "descending");
      apply();
    });
  });

  var svg = document.querySelector("#svg-wrap svg");
  function clearTrace() {
    svg.classList.remove("tracing");
    Array.prototype.forEach.call(svg.querySelectorAll(".hl-route, .hl-scope"), function (e) { e.classList.remove("hl-route", "hl-scope"); });
    $("trace").hidden = true;
  }
  function mark(ids, cls) {
    if (!ids) return;
    ids.split(" ").forEach(function (id) { var e = document.getElementById(id); if (e) e.classList.add(cls); });
  }
  function panel(title) {
    $("trace-title").textContent = title;
    var body = $("trace-body"); body.replaceChildren();
    $("trace").hidden = false;
    return body;
  }
  function trace(o) {
    var or = D.origins[o];
    clearTrace();
    var lit = D.lit[or.lit];
    svg.classList.add("tracing");
    mark(lit.r, "hl-route");
    mark(lit.s, "hl-scope");
    var body = panel(fill(W.traceOf, [or.label]));
    var p = document.createElement("p");
    var sr = document.createElement("span"); sr.className = "legend-swatch route"; p.appendChild(sr);
    p.appendChild(document.createTextNode(W.route));
    var ss = document.createElement("span"); ss.className = "legend-swatch scope"; p.appendChild(ss);
    p.appendChild(document.createTextNode(W.scope + " — " + fill(W.routes, [or.routes, or.scope_devices])));
    body.appendChild(p);
    var h = document.createElement("strong"); h.textContent = W.calls; body.appendChild(h);
    var calls = D.calls[or.calls];
    if (calls.length === 0) {
      var none = document.createElement("p"); none.textContent = W.noCalls; body.appendChild(none);
    } else {
      var t = document.createElement("table"); t.className = "grid";
      calls.forEach(function (c) { var tr = document.createElement("tr"); c.forEach(function (v) { cell(tr, v); }); t.appendChild(tr); });
      body.appendChild(t);
    }
    var hint = document.createElement("p"); hint.className = "hint";
    hint.textContent = fill(W.hint, [or.from]); body.appendChild(hint);
    $("trace").dataset.origin = o;
  }
  function traceAndShow(o) { trace(o); $("diagram").scrollIntoView(); }
  function locate(id) {
    var e = document.getElementById(id);
    if (!e) return;
    $("diagram").scrollIntoView();
    e.scrollIntoView({ block: "center", inline: "center" });
    e.classList.add("flash");
    setTimeout(function () { e.classList.remove("flash"); }, 2500);
  }
  function showInTable(filter) {
    state.q = ""; $("q").value = "";
    state.elem = filter.elem || ""; state.segment = filter.segment || "";
    $("f-segment").value = state.segment;
    apply();
    $("devices").scrollIntoView();
  }
  $("trace-clear").addEventListener("click", clearTrace);
  svg.addEventListener("click", function (ev) {
    var g = ev.target.closest("g[data-key]");
    if (!g || !g.id) return;
    var info = D.elems[g.id];
    if (!info) return;
    if (info.seg) {
      // A segment: trace it, and let the table show its hosts.
      if ((info.o || []).length === 1) {
        trace(info.o[0]);
        state.segment = info.seg; $("f-segment").value = info.seg; apply();
      } else {
        showInTable({ segment: info.seg });
      }
      return;
    }
    var os = info.o || [];
    if (os.length === 1) { trace(os[0]); return; }
    if (os.length === 0) return;
    if (os.length > 12) { showInTable({ elem: g.id }); return; }
    var body = panel(W.pick);
    var ul = document.createElement("ul");
    os.forEach(function (o) {
      var li = document.createElement("li");
      li.appendChild(button(D.origins[o].label, "pick-btn", trace.bind(null, o)));
      ul.appendChild(li);
    });
    body.appendChild(ul);
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.trace-btn[data-origin]"), function (b) {
    b.addEventListener("click", function () { traceAndShow(+b.dataset.origin); });
  });
  apply();
  document.documentElement.dataset.ready = "1";
})();
