/*
 * dl4j-tuner charts: a few SVG helpers (scales, axes, colours) for the dashboard.
 * Served from the jar and inlined into reports, so no chart library has to come from a CDN.
 */
"use strict";

var Charts = (function () {
  var NS = "http://www.w3.org/2000/svg";

  /** An SVG element with attributes, appended to parent when given. */
  function el(tag, attrs, parent) {
    var node = document.createElementNS(NS, tag);
    for (var key in attrs || {}) {
      if (attrs[key] !== null && attrs[key] !== undefined) {
        node.setAttribute(key, attrs[key]);
      }
    }
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  /** A text element; the text is set as content, never parsed as markup. */
  function text(parent, x, y, content, attrs) {
    var t = el("text", Object.assign({x: x, y: y}, attrs || {}), parent);
    t.textContent = content;
    return t;
  }

  /** A hover title for an SVG element. */
  function title(node, content) {
    var t = el("title", {}, node);
    t.textContent = content;
    return node;
  }

  /** An empty chart of the given size in the container, which it replaces. */
  function chart(container, width, height) {
    container.textContent = "";
    return el("svg", {viewBox: "0 0 " + width + " " + height, width: "100%", preserveAspectRatio: "xMidYMid meet",
      "class": "chart"}, container);
  }

  /** Round tick values covering [lo, hi], about n of them (one value when the range is too narrow to divide). */
  function ticks(lo, hi, n) {
    if (!(hi - lo > 1e-12 * Math.max(Math.abs(lo), Math.abs(hi), 1e-300))) {
      return [lo];
    }
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / n)));
    var err = (hi - lo) / n / step;
    if (err >= 7.5) step *= 10; else if (err >= 3.5) step *= 5; else if (err >= 1.5) step *= 2;
    var out = [];
    var first = Math.ceil(lo / step - 1e-9);
    for (var i = first; i * step <= hi + step * 1e-9 && out.length <= 4 * n + 2; i++) {
      var v = i * step;
      out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
    }
    return out.length ? out : [lo];
  }

  /**
   * A linear scale from [d0, d1] to [r0, r1], its domain widened to round ticks so that no point
   * lies beyond the outermost tick; padded when the domain is a single point.
   */
  function linear(d0, d1, r0, r1) {
    if (!(d1 - d0 > 1e-12 * Math.max(Math.abs(d0), Math.abs(d1), 1e-300))) {
      var pad = Math.abs(d0) > 0 ? Math.abs(d0) * 0.1 : 1;
      d0 -= pad;
      d1 += pad;
    }
    var t = ticks(d0, d1, 5);
    if (t.length > 1) {
      var step = t[1] - t[0];
      d0 = Math.floor(d0 / step + 1e-9) * step;
      d1 = Math.ceil(d1 / step - 1e-9) * step;
    }
    var f = function (v) { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); };
    f.ticks = function (n) { return ticks(d0, d1, n); };
    f.domain = [d0, d1];
    return f;
  }

  /** A log10 scale; ticks at powers of ten, or at the ends when the range spans less than one decade. */
  function log(d0, d1, r0, r1) {
    var l0 = Math.log10(d0), l1 = Math.log10(d1);
    if (!(l1 > l0)) { l0 -= 0.5; l1 += 0.5; }
    var f = function (v) { return r0 + (Math.log10(v) - l0) / (l1 - l0) * (r1 - r0); };
    f.ticks = function () {
      var out = [];
      for (var e = Math.ceil(l0); e <= Math.floor(l1); e++) out.push(Math.pow(10, e));
      if (out.length < 2) out = [Math.pow(10, l0), Math.pow(10, l1)];
      return out;
    };
    f.domain = [Math.pow(10, l0), Math.pow(10, l1)];
    return f;
  }

  /** Evenly spaced positions for categorical choices. */
  function band(choices, r0, r1) {
    var n = choices.length;
    var f = function (v) {
      var i = choices.map(String).indexOf(String(v));
      return n <= 1 ? (r0 + r1) / 2 : r0 + i / (n - 1) * (r1 - r0);
    };
    f.ticks = function () { return choices.slice(); };
    f.domain = choices;
    return f;
  }

  /** A number in 4 significant digits, as the command line prints parameters. */
  function fmt(v) {
    if (v === null || v === undefined) return "-";
    if (typeof v !== "number") return String(v);
    if (v === 0) return "0";
    var a = Math.abs(v);
    if (a >= 1e5 || a < 1e-3) return v.toExponential(2);
    return String(Number(v.toPrecision(4)));
  }

  /** A left axis at x with ticks and grid lines across to x2. */
  function yAxis(svg, scale, x, x2, label, n) {
    var g = el("g", {"class": "axis y-axis"}, svg);
    scale.ticks(n || 5).forEach(function (v) {
      var y = scale(v);
      el("line", {x1: x, x2: x2, y1: y, y2: y, "class": "grid"}, g);
      text(g, x - 6, y + 4, fmt(v), {"text-anchor": "end"});
    });
    if (label) {
      text(g, 12, (scale(scale.domain[0]) + scale(scale.domain[scale.domain.length - 1])) / 2, label,
        {"text-anchor": "middle", transform: "rotate(-90 12 " + ((scale(scale.domain[0]) + scale(scale.domain[scale.domain.length - 1])) / 2) + ")",
          "class": "axis-label"});
    }
    return g;
  }

  /** A bottom axis at y with ticks. */
  function xAxis(svg, scale, y, label, n, width) {
    var g = el("g", {"class": "axis x-axis"}, svg);
    scale.ticks(n || 6).forEach(function (v) {
      var x = scale(v);
      el("line", {x1: x, x2: x, y1: y, y2: y + 4}, g);
      text(g, x, y + 16, fmt(v), {"text-anchor": "middle"});
    });
    if (label) {
      text(g, width / 2, y + 32, label, {"text-anchor": "middle", "class": "axis-label"});
    }
    return g;
  }

  /** Viridis-like colour for t in [0, 1] (0 dark purple, 1 yellow). */
  function color(t) {
    var stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
    t = Math.max(0, Math.min(1, isFinite(t) ? t : 0));
    var x = t * (stops.length - 1), i = Math.min(stops.length - 2, Math.floor(x)), f = x - i;
    var c = stops[i].map(function (a, k) { return Math.round(a + (stops[i + 1][k] - a) * f); });
    return "rgb(" + c.join(",") + ")";
  }

  return {el: el, text: text, title: title, chart: chart, linear: linear, log: log, band: band, fmt: fmt,
    xAxis: xAxis, yAxis: yAxis, color: color, ticks: ticks};
})();
