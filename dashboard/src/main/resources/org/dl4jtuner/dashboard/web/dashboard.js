/*
 * dl4j-tuner dashboard: draws a study snapshot (GET api/snapshot, or the data a report embeds)
 * and, when served live, long-polls for the next one: the server answers as soon as the study
 * changes.
 * Every plotted trial carries data-trial="N", so what is drawn can be checked in the DOM.
 */
"use strict";

(function () {
  const C = Charts;
  const WAIT_S = 20;       // how long the server may hold a request until the study changes
  const AGAIN_MS = 200;    // pause between answers, so a busy study redraws at most five times a second
  const RETRY_MS = 2000;   // after an error (server gone, storage busy)
  const STATES = ["COMPLETE", "PRUNED", "RUNNING", "FAIL", "WAITING"];
  const view = {study: null, version: null, loop: 0, pending: null, signature: null, sort: {key: "number", asc: true},
    data: null, renders: 0};

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

  function finite(v) { return typeof v === "number" && isFinite(v); }

  function steps(trial) {
    return Object.keys(trial.intermediate_values).map(Number).sort((a, b) => a - b)
      .filter(s => finite(trial.intermediate_values[String(s)]));
  }

  function better(direction, a, b) { return direction === "MAXIMIZE" ? a > b : a < b; }

  function scaleFor(range, values, r0, r1) {
    if (range && range.type === "categorical") return C.band(range.choices, r0, r1);
    const lo = range ? range.low : Math.min.apply(null, values);
    const hi = range ? range.high : Math.max.apply(null, values);
    if (range && range.log && lo > 0) return C.log(lo, hi, r0, r1);
    return C.linear(lo, hi, r0, r1);
  }

  function extent(values) {
    return [Math.min.apply(null, values), Math.max.apply(null, values)];
  }

  function duration(seconds) {
    if (!finite(seconds)) return "-";
    if (seconds < 60) return seconds.toFixed(1) + " s";
    if (seconds < 3600) return (seconds / 60).toFixed(1) + " min";
    return (seconds / 3600).toFixed(2) + " h";
  }

  // ---- panels ----

  function summary(data) {
    const s = data.study, box = $("summary");
    box.textContent = "";
    const item = (value, label) => {
      const d = h("div", {"class": "item"}, box);
      h("b", {}, d, value);
      h("span", {}, d, label);
    };
    item(String(s.trials), "trials");
    STATES.forEach(state => { if (s.counts[state]) item(String(s.counts[state]), state.toLowerCase()); });
    item(String(s.epochs), "epochs trained");
    item(s.direction.toLowerCase(), "direction");
    item(s.sampler || "-", "sampler");
    item(s.pruner ? String(s.pruner.type) : "-", "pruner");
    if (s.seed !== null && s.seed !== undefined) item(String(s.seed), "seed");
  }

  function best(data) {
    const box = $("best"), b = data.study.best;
    box.textContent = "";
    if (!b) { empty(box, "No complete trial yet."); return; }
    box.setAttribute("data-trial", b.number);
    h("div", {"class": "big"}, box, C.fmt(b.value));
    h("div", {}, box, "trial " + b.number + " · " + b.epochs + " epochs · " + duration(b.duration_seconds));
    const dl = h("dl", {"class": "params"}, box);
    Object.keys(b.params).forEach(name => {
      h("dt", {}, dl, name);
      h("dd", {}, dl, C.fmt(b.params[name]));
    });
    if (b.model_file) {
      h("dt", {}, dl, "network");
      h("dd", {}, dl, b.model_file);
    }
  }

  function history(data) {
    const box = $("history");
    const points = data.trials.filter(t => finite(t.value) && (t.state === "COMPLETE" || t.state === "PRUNED"));
    if (!points.length) { empty(box, "No finished trial with a value yet."); return; }
    const W = 640, H = 300, L = 64, R = 16, T = 12, B = 44;
    const svg = C.chart(box, W, H);
    const numbers = data.trials.map(t => t.number);
    const x = C.linear(Math.min.apply(null, numbers), Math.max.apply(null, numbers), L, W - R);
    const ys = extent(points.map(t => t.value));
    const y = C.linear(ys[0], ys[1], H - B, T);
    C.yAxis(svg, y, L, W - R, "value", 5);
    C.xAxis(svg, x, H - B, "trial", 6, W);
    let bestSoFar = null, path = "";
    data.trials.forEach(t => {
      if (t.state !== "COMPLETE" || !finite(t.value)) return;
      if (bestSoFar === null || better(data.study.direction, t.value, bestSoFar)) {
        path += (path ? " H" + x(t.number) + " V" : "M" + x(t.number) + " ") + y(t.value);
        bestSoFar = t.value;
      }
    });
    if (path) C.el("path", {d: path + " H" + x(Math.max.apply(null, numbers)), "class": "best-line"}, svg);
    points.forEach(t => {
      C.title(C.el("circle", {cx: x(t.number), cy: y(t.value), r: t.state === "COMPLETE" ? 4 : 3,
        "class": "point state-" + t.state, "data-trial": t.number, "data-state": t.state}, svg),
        "trial " + t.number + " (" + t.state.toLowerCase() + "): " + C.fmt(t.value));
    });
  }

  function curves(data) {
    const box = $("curves");
    const withCurves = data.trials.filter(t => steps(t).length > 0);
    if (!withCurves.length) { empty(box, "No epoch reported yet."); return; }
    const W = 640, H = 300, L = 64, R = 16, T = 12, B = 44;
    const svg = C.chart(box, W, H);
    const allSteps = [], allValues = [];
    withCurves.forEach(t => steps(t).forEach(s => { allSteps.push(s); allValues.push(t.intermediate_values[String(s)]); }));
    const xs = extent(allSteps), ys = extent(allValues);
    const x = C.linear(xs[0], xs[1], L, W - R), y = C.linear(ys[0], ys[1], H - B, T);
    C.yAxis(svg, y, L, W - R, "validation metric", 5);
    C.xAxis(svg, x, H - B, "epoch", 6, W);
    const bestNumber = data.study.best ? data.study.best.number : -1;
    const order = {FAIL: 0, COMPLETE: 1, PRUNED: 2, RUNNING: 3};
    withCurves.slice().sort((a, b) => (order[a.state] || 0) - (order[b.state] || 0)
        + (a.number === bestNumber) - (b.number === bestNumber)).forEach(t => {
      const ss = steps(t);
      const d = ss.map((s, i) => (i ? "L" : "M") + x(s).toFixed(1) + " " + y(t.intermediate_values[String(s)]).toFixed(1)).join(" ");
      const last = ss[ss.length - 1], lastValue = t.intermediate_values[String(last)];
      const cls = "curve state-" + t.state + (t.number === bestNumber ? " best" : "");
      C.title(C.el("path", {d: ss.length > 1 ? d : d + " l0.01 0", "class": cls, "data-trial": t.number,
        "data-state": t.state}, svg), "trial " + t.number + " (" + t.state.toLowerCase() + "), epoch " + last + ": " + C.fmt(lastValue));
      if (t.state === "PRUNED") {
        const px = x(last), py = y(lastValue);
        C.el("path", {d: "M" + (px - 3) + " " + (py - 3) + " l6 6 m0 -6 l-6 6", "class": "prune-mark",
          "data-trial": t.number}, svg);
      }
    });
  }

  function importance(data) {
    const box = $("importance");
    const rows = data.importance || [];
    if (!rows.length) { empty(box, "Needs two or more complete trials with a parameter that varies."); return; }
    const W = 640, rowH = 26, L = 150, R = 60, T = 6;
    const H = T * 2 + rows.length * rowH;
    const svg = C.chart(box, W, H);
    const max = Math.max(1e-12, rows[0].importance);
    rows.forEach((r, i) => {
      const y = T + i * rowH;
      C.text(svg, L - 8, y + rowH / 2 + 4, r.param, {"text-anchor": "end", "class": "axis-label"});
      C.title(C.el("rect", {x: L, y: y + 4, width: Math.max(1, (W - L - R) * r.importance / max), height: rowH - 8,
        "class": "bar", "data-param": r.param, "data-importance": r.importance}, svg), r.param + ": " + C.fmt(r.importance));
      C.text(svg, L + (W - L - R) * r.importance / max + 6, y + rowH / 2 + 4, (100 * r.importance).toFixed(1) + "%");
    });
  }

  function paramOrder(data) {
    const names = Object.keys(data.study.params);
    const rank = {};
    (data.importance || []).forEach((r, i) => { rank[r.param] = i; });
    return names.sort((a, b) => (a in rank ? rank[a] : 1e9) - (b in rank ? rank[b] : 1e9) || (a < b ? -1 : 1));
  }

  function colorByValue(data, trials) {
    const values = trials.map(t => t.value), ys = extent(values);
    return v => {
      const t = ys[1] > ys[0] ? (v - ys[0]) / (ys[1] - ys[0]) : 1;
      return C.color(data.study.direction === "MAXIMIZE" ? t : 1 - t);
    };
  }

  function parallel(data) {
    const box = $("parallel");
    const complete = data.trials.filter(t => t.state === "COMPLETE" && finite(t.value));
    const names = paramOrder(data).slice(0, 12);
    if (!complete.length || !names.length) { empty(box, "No complete trial yet."); return; }
    const axes = names.concat(["value"]);
    const W = Math.max(1200, axes.length * 110), H = 340, L = 60, R = 60, T = 24, B = 40;
    const svg = C.chart(box, W, H);
    const step = axes.length > 1 ? (W - L - R) / (axes.length - 1) : 0;
    const scales = axes.map((name, i) => {
      if (name === "value") {
        const ys = extent(complete.map(t => t.value));
        return C.linear(ys[0], ys[1], H - B, T);
      }
      const range = data.study.params[name];
      return scaleFor(range, complete.map(t => t.params[name]).filter(v => v !== undefined), H - B, T);
    });
    const colour = colorByValue(data, complete);
    complete.slice().sort((a, b) => better(data.study.direction, a.value, b.value) ? 1 : -1).forEach(t => {
      let d = "", pen = "M";
      axes.forEach((name, i) => {
        const v = name === "value" ? t.value : t.params[name];
        if (v === undefined || v === null) { pen = "M"; return; }
        d += pen + (L + i * step).toFixed(1) + " " + scales[i](v).toFixed(1) + " ";
        pen = "L";
      });
      C.title(C.el("path", {d: d, "class": "pc-line", stroke: colour(t.value), "data-trial": t.number}, svg),
        "trial " + t.number + ": " + C.fmt(t.value));
    });
    axes.forEach((name, i) => {
      const xPos = L + i * step, g = C.el("g", {"class": "pc-axis-group", "data-axis": name}, svg);
      C.el("line", {x1: xPos, x2: xPos, y1: T, y2: H - B, "class": "pc-axis"}, g);
      scales[i].ticks(4).forEach(v => {
        C.text(g, xPos + 4, scales[i](v) + 4, C.fmt(v));
      });
      C.text(g, xPos, H - B + 20, name, {"text-anchor": "middle", "class": "axis-label"});
    });
  }

  function slices(data) {
    const box = $("slices");
    box.textContent = "";
    const complete = data.trials.filter(t => t.state === "COMPLETE" && finite(t.value));
    const names = paramOrder(data);
    if (!complete.length || !names.length) { empty(box, "No complete trial yet."); return; }
    const ys = extent(complete.map(t => t.value));
    const maxNumber = Math.max.apply(null, complete.map(t => t.number)) || 1;
    names.forEach(name => {
      const cell = h("div", {"class": "slice", "data-param": name}, box);
      const W = 320, H = 220, L = 56, R = 12, T = 10, B = 40;
      const svg = C.chart(cell, W, H);
      const have = complete.filter(t => t.params[name] !== undefined);
      const x = scaleFor(data.study.params[name], have.map(t => t.params[name]), L + 8, W - R - 8);
      const y = C.linear(ys[0], ys[1], H - B, T);
      C.yAxis(svg, y, L, W - R, null, 4);
      C.xAxis(svg, x, H - B, name, 4, W);
      have.forEach(t => {
        C.title(C.el("circle", {cx: x(t.params[name]), cy: y(t.value), r: 3.5, "class": "point",
          fill: C.color(t.number / maxNumber), "data-trial": t.number, "data-param": name}, svg),
          "trial " + t.number + ": " + name + " = " + C.fmt(t.params[name]) + ", value " + C.fmt(t.value));
      });
    });
  }

  function rungs(data) {
    const box = $("rungs");
    const picture = data.rungs;
    const groups = picture ? picture.groups.filter(g => g.rows.length) : [];
    if (!groups.length) { empty(box, "No trial has finished an epoch yet."); return; }
    box.textContent = "";
    const note = picture.kind === "epochs"
      ? "No rung-based pruner: how many finished trials trained to each epoch at which some trial stopped."
      : "Per bracket and rung: trials that reached the rung (blue) and those let past it (green).";
    h("p", {"class": "empty"}, box, note);
    groups.forEach(g => {
      const rowH = 24, W = 1200, L = 200, R = 180, T = 22;
      const H = T + g.rows.length * rowH + 6;
      const wrap = h("div", {"class": "rung-group", "data-group": g.name}, box);
      const svg = C.chart(wrap, W, H);
      C.text(svg, 4, 15, g.name + " (" + g.trials + " trials)", {"class": "axis-label"});
      const max = Math.max(1, Math.max.apply(null, g.rows.map(r => r.reached)));
      g.rows.forEach((r, i) => {
        const y = T + i * rowH;
        C.text(svg, L - 8, y + rowH / 2 + 4, r.label + " · epoch " + r.step, {"text-anchor": "end"});
        C.el("rect", {x: L, y: y + 3, width: (W - L - R) * r.reached / max, height: rowH - 6, "class": "bar",
          "data-reached": r.reached, "data-step": r.step}, svg);
        C.el("rect", {x: L, y: y + 3, width: (W - L - R) * r.continued / max, height: rowH - 6,
          "class": "bar continued", "data-continued": r.continued}, svg);
        C.text(svg, W - R + 6, y + rowH / 2 + 4, r.reached + " reached, " + r.continued + " continued");
      });
    });
  }

  function timeline(data) {
    const box = $("timeline");
    const now = Date.parse(data.study.taken);
    const started = data.trials.filter(t => t.start);
    if (!started.length) { empty(box, "No trial has started yet."); return; }
    const begin = t => Date.parse(t.start);
    const finish = t => t.end ? Date.parse(t.end) : now;
    const t0 = Math.min.apply(null, started.map(begin));
    const t1 = Math.max.apply(null, started.map(finish));
    const rowH = Math.max(3, Math.min(14, 360 / started.length));
    const W = 1200, L = 64, R = 16, T = 8, B = 40;
    const H = T + B + rowH * started.length;
    const svg = C.chart(box, W, H);
    const x = C.linear(0, Math.max(1, (t1 - t0) / 1000), L, W - R);
    C.xAxis(svg, x, H - B + 4, "seconds since the first trial started", 8, W);
    started.forEach((t, i) => {
      const y = T + i * rowH;
      const x0 = x((begin(t) - t0) / 1000), x1 = x((finish(t) - t0) / 1000);
      C.title(C.el("rect", {x: x0, y: y, width: Math.max(1.5, x1 - x0), height: Math.max(1, rowH - 1),
        "class": "point state-" + t.state, "data-trial": t.number, "data-state": t.state}, svg),
        "trial " + t.number + " (" + t.state.toLowerCase() + "): " + duration((finish(t) - begin(t)) / 1000));
      if (rowH >= 9) C.text(svg, L - 6, y + rowH - 2, "#" + t.number, {"text-anchor": "end"});
    });
  }

  function table(data) {
    const box = $("trials");
    box.textContent = "";
    if (!data.trials.length) { empty(box, "No trials yet."); return; }
    const params = Object.keys(data.study.params).sort();
    const columns = [
      {key: "number", label: "#", get: t => t.number},
      {key: "state", label: "state", get: t => t.state},
      {key: "value", label: "value", get: t => t.value},
      {key: "epochs", label: "epochs", get: t => t.epochs},
      {key: "duration", label: "duration", get: t => t.duration_seconds}
    ].concat(params.map(p => ({key: "param:" + p, label: p, get: t => t.params[p]})));
    const sortCol = columns.find(c => c.key === view.sort.key) || columns[0];
    const rows = data.trials.slice().sort((a, b) => {
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
    const bestNumber = data.study.best ? data.study.best.number : -1;
    rows.forEach(t => {
      const tr = h("tr", {"data-trial": t.number, "data-state": t.state, "class": t.number === bestNumber ? "best" : null}, body);
      h("td", {}, tr, String(t.number));
      h("span", {"class": "badge " + t.state}, h("td", {}, tr), t.state.toLowerCase());
      h("td", {}, tr, C.fmt(t.value));
      h("td", {}, tr, String(t.epochs));
      h("td", {}, tr, duration(t.duration_seconds));
      params.forEach(p => h("td", {}, tr, C.fmt(t.params[p])));
      if (t.error) tr.setAttribute("title", t.error);
    });
  }

  // ---- loading ----

  /** What the panels draw: the summary (and, while trials run, the time, for the timeline), trials, importance. */
  function signature(data) {
    const summary = Object.assign({}, data.study);
    if (!summary.counts.RUNNING) delete summary.taken;
    return JSON.stringify([summary, data.trials, data.importance]);
  }

  function render(data, live) {
    view.data = data;
    const s = data.study;
    $("study-name").textContent = s.name;
    document.title = s.name + " · dl4j-tuner";
    const counts = STATES.filter(state => s.counts[state]).map(state => s.counts[state] + " " + state.toLowerCase()).join(", ");
    const taken = new Date(s.taken);
    const status = $("status");
    status.className = "status";
    status.textContent = (live ? "Live · read " + taken.toLocaleTimeString() : "Report of " + taken.toLocaleString())
      + " · " + s.trials + " trials" + (counts ? " (" + counts + ")" : "");
    const sig = signature(data);
    if (sig === view.signature) return;
    view.signature = sig;
    [summary, best, history, curves, importance, parallel, slices, rungs, timeline, table].forEach(panel => {
      try {
        panel(data);
      } catch (e) {
        empty($(panel === table ? "trials" : panel.name), "Could not draw: " + e.message);
      }
    });
    view.renders++;
    document.body.setAttribute("data-trials", String(data.trials.length));
    document.body.setAttribute("data-renders", String(view.renders));
  }

  function showError(message) {
    const status = $("status");
    status.className = "status error";
    status.textContent = message + " (retrying)";
  }

  function getJson(url, signal) {
    return fetch(url, {cache: "no-store", signal: signal}).then(r => r.json().then(body => {
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
      render(data, true);
      setTimeout(() => poll(loop), AGAIN_MS);
    }, e => {
      if (loop !== view.loop) return;
      showError(e.message);
      setTimeout(() => poll(loop), RETRY_MS);
    });
  }

  function start() {
    const embedded = document.getElementById("study-data");
    if (embedded) {
      render(JSON.parse(embedded.textContent), false);
      return;
    }
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
