/*
 * dl4j-tuner dashboard: draws a study snapshot (GET api/snapshot, or the data a report embeds)
 * and, when served live, long-polls for the next one: the server answers as soon as the study
 * changes. The charts are in plots-study.js and plots-params.js; this file holds the page: the
 * summary, the best trial, the table, the state filter (?states=COMPLETE,PRUNED), the live
 * toggle (?live=0 reads the study once and stops following it) and the trial view (#trial/N). Table rows carry data-trial="N" and data-state, charts a data-summary.
 */
"use strict";

(function () {
  const C = Charts;
  const WAIT_S = 20;       // how long the server may hold a request until the study changes
  const AGAIN_MS = 1000;   // pause between answers, so a busy study redraws at most once a second
  const RETRY_MS = 2000;   // after an error (server gone, storage busy)
  const STATES = ["COMPLETE", "PRUNED", "RUNNING", "FAIL", "WAITING", "PAUSED"];
  const view = {study: null, version: null, loop: 0, pending: null, signature: null, sort: {key: "number", asc: true},
    data: null, renders: 0, states: new Set(STATES), contour: {x: null, y: null}, live: true};

  function $(id) { return document.getElementById(id); }

  /** An HTML element with attributes and text content, appended to parent when given. */
  function h(tag, attrs, parent, content) {
    const node = document.createElement(tag);
    for (const key in attrs || {}) {
      if (attrs[key] !== null && attrs[key] !== undefined) node.setAttribute(key, attrs[key]);
    }
    if (content !== undefined) node.textContent = content;
    if (parent) parent.appendChild(node);
    return node;
  }

  function empty(container, message) {
    container.textContent = "";
    h("p", {"class": "empty"}, container, message);
  }

  function duration(seconds) {
    if (!C.finite(seconds)) return "-";
    if (seconds < 60) return seconds.toFixed(1) + " s";
    if (seconds < 3600) return (seconds / 60).toFixed(1) + " min";
    return (seconds / 3600).toFixed(2) + " h";
  }

  function shown(data) { return data.trials.filter(t => view.states.has(t.state)); }

  function openTrial(number) { location.hash = "#trial/" + number; }

  // ---- panels ----

  function summary(data) {
    const s = data.study, box = $("summary"), metric = C.metricName(data);
    box.textContent = "";
    const item = (value, label) => {
      const d = h("div", {"class": "item"}, box);
      h("b", {}, d, value);
      h("span", {}, d, label);
    };
    if (s.best) item(C.fmt(s.best.value) + " (trial " + s.best.number + ")", "best " + metric);
    if (s.pareto) item(String(s.pareto.front.length), "on the Pareto front");
    item(String(s.trials), "trials");
    STATES.forEach(state => { if (s.counts[state]) item(String(s.counts[state]), state.toLowerCase()); });
    item(String(s.epochs), "epochs trained");
    if (s.pareto) {
      item(s.pareto.metrics.map((m, i) => m + (s.pareto.directions[i] === "MAXIMIZE" ? " ↑" : " ↓")).join(", "),
        "objectives (↑ higher is better, ↓ lower)");
    } else {
      item(metric + ", " + (s.direction === "MAXIMIZE" ? "higher" : "lower") + " is better", "objective");
    }
    item(s.sampler || "-", "sampler");
    item(s.pruner ? String(s.pruner.type) : "-", "pruner");
    if (s.seed !== null && s.seed !== undefined) item(String(s.seed), "seed");
  }

  /** Parameters as a list; exact values (to copy) unless the list is a glance at the best trial. */
  function params(dl, values, exact) {
    Object.keys(values).sort().forEach(name => {
      h("dt", {}, dl, name);
      h("dd", {"data-param": name}, dl, exact ? String(values[name]) : C.fmt(values[name]));
    });
  }

  function best(data) {
    const box = $("best"), b = data.study.best;
    box.textContent = "";
    box.removeAttribute("data-trial");
    $("best-title").textContent = data.study.pareto ? "Pareto front" : "Best trial";
    if (data.study.pareto) { frontTrials(data, box); return; }
    if (!b) { empty(box, "No complete trial yet."); return; }
    box.setAttribute("data-trial", b.number);
    h("div", {"class": "big"}, box, C.metricName(data) + " " + C.fmt(b.value));
    const line = h("div", {}, box);
    h("a", {href: "#trial/" + b.number}, line, "trial " + b.number);
    line.appendChild(document.createTextNode(" · " + b.epochs + " epochs · " + duration(b.duration_seconds)));
    const dl = h("dl", {"class": "params"}, box);
    params(dl, b.params);
    if (b.model_file) {
      h("dt", {}, dl, "network");
      h("dd", {}, dl, b.model_file);
    }
  }

  /** The trials on the Pareto front (a study of several objectives has no single best), best first in the first objective. */
  function frontTrials(data, box) {
    const p = data.study.pareto;
    const complete = data.trials.filter(t => t.state === "COMPLETE").length;
    const byNumber = new Map(data.trials.map(t => [t.number, t]));
    const rows = p.front.map(n => byNumber.get(n)).filter(t => t && t.values);
    if (!rows.length) { empty(box, complete ? "No feasible complete trial yet." : "No complete trial yet."); return; }
    const sign = p.directions[0] === "MAXIMIZE" ? -1 : 1;
    rows.sort((a, b) => sign * (a.values[0] - b.values[0]) || a.number - b.number);
    h("div", {"class": "big"}, box, rows.length + (rows.length === 1 ? " trial" : " trials") + " on the front");
    h("div", {}, box, "of " + complete + " complete; no trial of the front is beaten by another in every objective");
    const tbl = h("table", {id: "front-table"}, h("div", {"class": "table-wrap front"}, box));
    const head = h("tr", {}, h("thead", {}, tbl));
    h("th", {}, head, "trial");
    p.metrics.forEach((m, i) => h("th", {}, head, m + (p.directions[i] === "MAXIMIZE" ? " ↑" : " ↓")));
    const body = h("tbody", {}, tbl);
    rows.forEach(t => {
      const tr = h("tr", {"data-trial": t.number}, body);
      h("td", {}, tr, String(t.number));
      p.metrics.forEach((m, i) => h("td", {}, tr, C.fmt(t.values[i])));
      tr.addEventListener("click", () => openTrial(t.number));
    });
  }

  /** The table's value columns: the metric, or one per objective (a pruned trial shows its last report in the first). */
  function objectiveColumns(data) {
    const p = data.study.pareto;
    if (!p) return [{key: "value", label: C.metricName(data), get: t => t.value}];
    return p.metrics.map((m, i) => ({key: "value:" + i, label: m,
      get: t => t.values && C.finite(t.values[i]) ? t.values[i] : i === 0 ? t.value : null}));
  }

  function table(data) {
    const box = $("trials");
    box.textContent = "";
    const trials = shown(data);
    if (!trials.length) { empty(box, data.trials.length ? "No trial in the states shown." : "No trials yet."); return; }
    const names = Object.keys(data.study.params).sort();
    const columns = [
      {key: "number", label: "#", get: t => t.number},
      {key: "state", label: "state", get: t => t.state}
    ].concat(objectiveColumns(data), [
      {key: "epochs", label: "epochs", get: t => t.epochs},
      {key: "duration", label: "duration", get: t => t.duration_seconds}
    ], names.map(p => ({key: "param:" + p, label: p, get: t => t.params[p]})));
    const sortCol = columns.find(c => c.key === view.sort.key) || columns[0];
    const rows = trials.slice().sort((a, b) => {
      const va = sortCol.get(a), vb = sortCol.get(b);
      if (va === vb) return a.number - b.number;
      if (va === null || va === undefined) return 1;
      if (vb === null || vb === undefined) return -1;
      return (va < vb ? -1 : 1) * (view.sort.asc ? 1 : -1);
    });
    const tbl = h("table", {id: "trials-table"}, box);
    const head = h("tr", {}, h("thead", {}, tbl));
    columns.forEach(c => {
      const th = h("th", {"data-key": c.key}, head, c.label + (c.key === view.sort.key ? (view.sort.asc ? " ▲" : " ▼") : ""));
      th.addEventListener("click", () => {
        view.sort = {key: c.key, asc: view.sort.key === c.key ? !view.sort.asc : true};
        table(view.data);
      });
    });
    const body = h("tbody", {}, tbl);
    const highlighted = new Set(data.study.pareto ? data.study.pareto.front : data.study.best ? [data.study.best.number] : []);
    const objectives = objectiveColumns(data);
    rows.forEach(t => {
      const tr = h("tr", {"data-trial": t.number, "data-state": t.state, "class": highlighted.has(t.number) ? "best" : null}, body);
      h("td", {}, tr, String(t.number));
      h("span", {"class": "badge " + t.state}, h("td", {}, tr), t.state.toLowerCase());
      objectives.forEach(c => h("td", {}, tr, C.fmt(c.get(t))));
      h("td", {}, tr, String(t.epochs));
      h("td", {}, tr, duration(t.duration_seconds));
      names.forEach(p => h("td", {}, tr, t.params[p] === undefined ? "n/a" : C.fmt(t.params[p])));
      if (t.error) tr.setAttribute("title", t.error);
      tr.addEventListener("click", () => openTrial(t.number));
    });
  }

  /** The contour's two parameters: the user's choice while it exists, else the two most important. */
  function contour(data, trials) {
    const order = ParamPlots.paramOrder(data);
    const pick = (axis, fallback) => order.indexOf(view.contour[axis]) >= 0 ? view.contour[axis] : fallback;
    view.contour.x = pick("x", order[0]);
    view.contour.y = pick("y", order.find(n => n !== view.contour.x));
    ["x", "y"].forEach(axis => {
      const select = $("contour-" + axis);
      select.textContent = "";
      order.forEach(n => h("option", {value: n, selected: n === view.contour[axis] ? "" : null}, select, n));
      select.onchange = () => {
        view.contour[axis] = select.value;
        ParamPlots.contour(view.data, shown(view.data), view.contour.x, view.contour.y);
      };
    });
    ParamPlots.contour(data, trials, view.contour.x, view.contour.y);
  }

  /** The trial of #trial/N: its parameters, value, curve, attributes and failure, above the study's panels. */
  function trialView(data) {
    const match = /^#trial\/(\d+)$/.exec(location.hash);
    const panel = $("trial-panel");
    const t = match && data ? data.trials.find(x => x.number === Number(match[1])) : null;
    if (!match || !data) { panel.hidden = true; return; }
    panel.hidden = false;
    const box = $("trial-view");
    box.textContent = "";
    if (!t) { $("trial-title").textContent = "Trial " + match[1]; empty(box, "The study has no trial " + match[1] + "."); return; }
    $("trial-title").textContent = "Trial " + t.number + " · " + t.state.toLowerCase();
    box.setAttribute("data-trial", t.number);
    const left = h("div", {}, box), right = h("div", {}, box);
    const pareto = data.study.pareto;
    if (pareto && t.values) {
      h("div", {"class": "big", id: "trial-values"}, left, pareto.metrics.map((m, i) => m + " " + C.fmt(t.values[i])).join(" · "));
      h("div", {id: "trial-front"}, left, pareto.front.indexOf(t.number) >= 0 ? "on the Pareto front"
        : t.feasible === false ? "infeasible (breaks a constraint), so not on the front" : "dominated: not on the Pareto front");
    } else {
      h("div", {"class": "big"}, left, C.metricName(data) + " " + C.fmt(t.value));
    }
    h("div", {}, left, t.epochs + (t.epochs === 1 ? " epoch · " : " epochs · ") + duration(t.duration_seconds) + (t.start ? " · started " + new Date(t.start).toLocaleString() : ""));
    if (t.error) {
      h("h3", {}, left, "fail reason");
      h("div", {"class": "error"}, left, t.error);
    }
    h("h3", {}, left, "parameters");
    const dl = h("dl", {"class": "params", id: "trial-params", "data-trial": t.number}, left);
    params(dl, t.params, true);
    Object.keys(data.study.params).filter(p => !(p in t.params)).sort().forEach(p => {
      h("dt", {}, dl, p);
      h("dd", {"data-param": p, "class": "na"}, dl, "n/a (not sampled)");
    });
    if (t.model_file) {
      h("h3", {}, left, "network file");
      h("div", {"class": "params"}, left, t.model_file);
    }
    const show = v => typeof v === "number" ? (Number.isInteger(v) ? String(v) : C.fmt(v)) : v !== null && typeof v === "object"
      ? (Array.isArray(v) ? JSON.stringify(v) : Object.keys(v).map(k => k + "=" + show(v[k])).join(", ")) : String(v);
    const attrs = (title, values, id) => {
      if (!values || !Object.keys(values).length) return;
      h("h3", {}, left, title);
      const list = h("dl", {"class": "params", id: id}, left);
      Object.keys(values).forEach(k => {
        h("dt", {}, list, k);
        h("dd", {"data-attr": k}, list, show(values[k]));
      });
    };
    const system = Object.assign({}, data.system_attrs ? data.system_attrs[String(t.number)] : {});
    const costs = system.epoch_costs;
    ["epoch_costs", "provenance", "runtime"].forEach(k => delete system[k]);
    if (costs && Object.keys(costs).length) {
      const cpu = Object.values(costs).reduce((sum, c) => sum + (c.cpu_s || 0), 0);
      const n = Object.keys(costs).length;
      h("div", {id: "trial-cpu", "class": "cpu", "data-cpu-seconds": cpu.toFixed(3)}, left, "CPU " + C.fmt(cpu) + " s over " + n
        + (n === 1 ? " epoch" : " epochs") + " (" + C.fmt(cpu / n) + " s per epoch)");
    }
    attrs("what proposed it", t.provenance, "trial-provenance");
    attrs("what trained it", t.runtime, "trial-runtime");
    attrs("user attributes", t.user_attrs);
    attrs("system attributes", system);
    h("div", {id: "trial-curve", "class": "chart"}, right);
    StudyPlots.trialCurve("trial-curve", data, t);
  }

  function drawTrialView() {
    trialView(view.data);
    if (!$("trial-panel").hidden) $("trial-panel").scrollIntoView();
  }

  // ---- loading ----

  /** What the panels draw: the summary (and, while trials run, the time, for the timeline), trials, importance. */
  function signature(data) {
    const summary = Object.assign({}, data.study);
    if (!summary.counts.RUNNING) delete summary.taken;
    return JSON.stringify([summary, data.trials, data.importance, Array.from(view.states)]);
  }

  const PANELS = [
    ["summary", summary], ["best", best], ["history", d => StudyPlots.history(d, shown(d))],
    ["pareto", ParetoPlots.front], ["hypervolume", ParetoPlots.hypervolume],
    ["curves", d => StudyPlots.curves(d, shown(d))], ["importance", ParamPlots.importance],
    ["parallel", d => ParamPlots.parallel(d, shown(d))], ["slices", d => ParamPlots.slices(d, shown(d))],
    ["contour", d => contour(d, shown(d))], ["edf", d => StudyPlots.edf(d, shown(d))], ["rungs", StudyPlots.rungs],
    ["timeline", d => StudyPlots.timeline(d, shown(d))], ["trials", table], ["trial-view", trialView]
  ];

  function render(data, live) {
    view.data = data;
    const s = data.study;
    $("study-name").textContent = s.name;
    document.title = s.name + " · dl4j-tuner";
    const counts = STATES.filter(state => s.counts[state]).map(state => s.counts[state] + " " + state.toLowerCase()).join(", ");
    const taken = new Date(s.taken);
    const status = $("status");
    status.className = "status";
    const embedded = !!document.getElementById("study-data");
    status.textContent = (embedded ? "Report of " + taken.toLocaleString()
      : (live ? "Live" : "Paused (tick live to follow)") + " · read " + taken.toLocaleTimeString())
      + " · " + s.trials + " trials" + (counts ? " (" + counts + ")" : "")
      + (s.best ? " · best " + C.metricName(data) + " " + C.fmt(s.best.value) : "")
      + (s.pareto ? " · " + s.pareto.front.length + " on the Pareto front" : "");
    const sig = signature(data);
    if (sig === view.signature) return;
    view.signature = sig;
    PANELS.forEach(([id, panel]) => {
      try {
        panel(data);
      } catch (e) {
        empty($(id), "Could not draw: " + e.message);
      }
    });
    view.renders++;
    document.body.setAttribute("data-trials", String(data.trials.length));
    document.body.setAttribute("data-shown", String(shown(data).length));
    document.body.setAttribute("data-renders", String(view.renders));
  }

  /** The state filter: from ?states=... at load, then the checkboxes, kept in the address. */
  function filters() {
    const boxes = Array.from(document.querySelectorAll("input[name=state]"));
    const wanted = new URLSearchParams(location.search).get("states");
    if (wanted !== null) {
      const set = new Set(wanted.split(",").map(s => s.trim().toUpperCase()));
      view.states = new Set(STATES.filter(s => set.has(s)));
    }
    boxes.forEach(box => {
      box.checked = view.states.has(box.value);
      box.addEventListener("change", () => {
        view.states = new Set(boxes.filter(b => b.checked).map(b => b.value));
        const params = new URLSearchParams(location.search);
        if (view.states.size === STATES.length) params.delete("states"); else params.set("states", Array.from(view.states).join(","));
        history.replaceState(null, "", "?" + params + location.hash);
        if (view.data) render(view.data, view.live);
      });
    });
  }

  /** The live toggle: ?live=0 at load, then the checkbox; unticked, the page stops asking for changes. */
  function liveToggle() {
    const box = $("live");
    view.live = new URLSearchParams(location.search).get("live") !== "0";
    box.checked = view.live;
    box.addEventListener("change", () => {
      view.live = box.checked;
      const params = new URLSearchParams(location.search);
      if (view.live) params.delete("live"); else params.set("live", "0");
      history.replaceState(null, "", "?" + params + location.hash);
      if (view.pending) view.pending.abort();
      view.version = null;
      poll(++view.loop);
    });
  }

  function showError(message) {
    const status = $("status");
    status.className = "status error";
    status.textContent = message + " (retrying)";
  }

  /**
   * JSON as the server wrote it: a whole number past 2^53 (a trial's 64-bit seed) is kept as its
   * digits, since as a JavaScript number it would be rounded and shown wrong. Browsers without the
   * reviver's source text (before Chrome 114, Firefox 135) round it as before.
   */
  function parseJson(text) {
    return JSON.parse(text, (key, value, context) => typeof value === "number" && Number.isInteger(value)
      && !Number.isSafeInteger(value) && context && typeof context.source === "string" ? context.source : value);
  }

  function getJson(url, signal) {
    return fetch(url, {cache: "no-store", signal: signal}).then(r => r.text().then(parseJson).then(body => {
      if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
      return body;
    }));
  }

  /**
   * Long-polls: the server answers when the study differs from the version shown (or after
   * WAIT_S). Choosing another study starts a new loop; the old one ends at its next answer.
   */
  function poll(loop) {
    if (loop !== view.loop) return;
    const params = new URLSearchParams();
    if (view.study) params.set("study", view.study);
    if (view.version) {
      params.set("after", view.version);
      params.set("wait", String(WAIT_S));
    }
    view.pending = new AbortController();
    getJson("api/snapshot?" + params, view.pending.signal).then(data => {
      if (loop !== view.loop) return;
      view.version = data.version;
      render(data, view.live);
      if (view.live) setTimeout(() => poll(loop), AGAIN_MS);
    }, e => {
      if (loop !== view.loop) return;
      showError(e.message);
      setTimeout(() => poll(loop), RETRY_MS);
    });
  }

  function start() {
    C.onTrial(openTrial);
    filters();
    window.addEventListener("hashchange", drawTrialView);
    const embedded = document.getElementById("study-data");
    if (embedded) {
      $("live-toggle").hidden = true;
      render(parseJson(embedded.textContent), false);
      return;
    }
    liveToggle();
    getJson("api/studies").then(studies => {
      const wanted = new URLSearchParams(location.search).get("study");
      const chosen = studies.find(s => s.name === wanted) || studies.find(s => s.default) || studies[0];
      view.study = chosen ? chosen.name : null;
      if (studies.length > 1) {
        const picker = $("study-picker");
        picker.hidden = false;
        studies.forEach(s => h("option", {value: s.name, selected: s.name === view.study ? "" : null}, picker, s.name));
        picker.addEventListener("change", () => {
          view.study = picker.value;
          view.version = null;
          if (view.pending) view.pending.abort();
          view.signature = null;
          poll(++view.loop);
        });
      }
      poll(view.loop);
    }).catch(e => { showError(e.message); setTimeout(start, RETRY_MS); });
  }

  start();
})();
