/*
 * dl4j-tuner plots of parameters against the metric: importance, parallel coordinates, slices
 * and a contour of two parameters. All but importance use the complete trials the state filter
 * lets through. Colour means the same everywhere: viridis is the metric (yellow is better),
 * the orange ramp is the trial number.
 */
"use strict";

var ParamPlots = (function () {
  var C = Charts;
  /** Fewer complete trials than this make an importance ranking a rough guess. */
  var FEW_TRIALS = 10;

  function complete(trials) {
    return trials.filter(function (t) { return t.state === "COMPLETE" && C.finite(t.value); });
  }

  function has(t, name) { return t.params[name] !== undefined && t.params[name] !== null; }

  /** Parameter names, most important first, then by name. */
  function paramOrder(data) {
    var rank = {};
    (data.importance || []).forEach(function (r, i) { rank[r.param] = i; });
    return Object.keys(data.study.params).sort(function (a, b) {
      return (a in rank ? rank[a] : 1e9) - (b in rank ? rank[b] : 1e9) || (a < b ? -1 : 1);
    });
  }

  /** fANOVA importance as horizontal bars, with a caveat when few trials are complete. */
  function importance(data) {
    var rows = data.importance || [];
    var n = complete(data.trials).length;
    var caveat = document.getElementById("importance-caveat");
    caveat.hidden = n >= FEW_TRIALS || !rows.length;
    caveat.textContent = "Only " + n + " complete trial" + (n === 1 ? "" : "s") + ": with fewer than " + FEW_TRIALS
      + " the ranking is a rough guess and can change a lot with the next trials.";
    if (!rows.length) return C.none("importance", "Needs two or more complete trials with a parameter that varies.");
    C.draw("importance", {
      grid: {left: 130, right: 60, top: 10, bottom: 50},
      tooltip: {trigger: "item", formatter: function (p) { return p.name + ": " + (100 * p.value).toFixed(1) + "% of the variance of " + C.metricName(data); }},
      xAxis: {type: "value", name: "share of the variance of " + C.metricName(data), nameLocation: "middle", nameGap: 28,
        axisLabel: {formatter: function (v) { return (100 * v).toFixed(0) + "%"; }}},
      yAxis: {type: "category", inverse: true, data: rows.map(function (r) { return r.param; })},
      series: [{type: "bar", name: "importance", color: C.STATE_COLOURS.COMPLETE,
        label: {show: true, position: "right", formatter: function (p) { return (100 * p.value).toFixed(1) + "%"; }},
        data: rows.map(function (r) { return r.importance; })}]
    }, Math.max(160, 70 + rows.length * 30));
  }

  /**
   * One line per complete trial across the 12 most important parameters and the metric. A trial
   * that lacks a (conditional) parameter crosses that axis at its "n/a" position, so every line
   * reaches the metric's axis.
   */
  function parallel(data, trials) {
    var done = complete(trials);
    var names = paramOrder(data).slice(0, 12);
    if (!done.length || !names.length) return C.none("parallel", "No complete trial among the trials shown.");
    var metric = C.metricName(data);
    var axes = names.map(function (name) {
      return C.paramAxis(data.study.params[name], done.map(function (t) { return t.params[name]; }),
        done.some(function (t) { return !has(t, name); }));
    });
    var range = C.extent(done.map(function (t) { return t.value; }));
    var parallelAxis = names.map(function (name, i) {
      return Object.assign({dim: i, name: name}, axes[i].option);
    });
    parallelAxis.push({dim: names.length, name: metric, type: "value", scale: true, nameTextStyle: {fontWeight: "bold"}});
    var withNa = axes.some(function (a) { return a.na !== null || (a.choices && a.choices.indexOf("n/a") >= 0); });
    C.draw("parallel", {
      title: withNa ? {subtext: "n/a: the trial did not sample this (conditional) parameter", left: 0, bottom: 0, top: "auto"} : undefined,
      parallel: {left: 60, right: 190, top: 50, bottom: withNa ? 50 : 30,
        parallelAxisDefault: {nameLocation: "end", nameGap: 16, nameTextStyle: {fontSize: 12}, axisLabel: {fontSize: 11}}},
      parallelAxis: parallelAxis,
      visualMap: [C.metricColours(data, names.length, 0, range)],
      tooltip: {trigger: "item", confine: true, formatter: function (p) {
        return "trial " + p.data.trial + "<br>" + C.valueLine(metric, p.value[names.length]) + "<br>"
          + names.map(function (n) { return n + " = " + C.fmt(p.data.params[n]); }).join("<br>");
      }},
      series: [{type: "parallel", name: "complete trials", lineStyle: {width: 1.6, opacity: 0.8},
        emphasis: {lineStyle: {width: 3, opacity: 1}},
        data: done.map(function (t) {
          return {value: names.map(function (n, i) { return axes[i].position(t.params[n]); }).concat([t.value]),
            trial: t.number, params: t.params};
        })}]
    });
  }

  /** The metric against each parameter, a small chart per parameter, coloured by trial number. */
  function slices(data, trials) {
    var done = complete(trials);
    // a conditional parameter that none of these trials sampled gets no empty plot
    var names = paramOrder(data).filter(function (name) { return done.some(function (t) { return has(t, name); }); });
    if (!done.length || !names.length) return C.none("slices", "No complete trial among the trials shown.");
    var metric = C.metricName(data);
    var el = document.getElementById("slices");
    var cols = Math.max(1, Math.min(names.length, Math.floor((el.clientWidth || 900) / 330)));
    var rowH = 250, top = 60;
    var grid = [], xAxis = [], yAxis = [], series = [];
    names.forEach(function (name, i) {
      var col = i % cols, row = Math.floor(i / cols);
      var have = done.filter(function (t) { return has(t, name); });
      var axis = C.paramAxis(data.study.params[name], have.map(function (t) { return t.params[name]; }), false);
      grid.push({left: (col * 100 / cols + 7) + "%", width: (100 / cols - 10) + "%", top: top + row * rowH, height: rowH - 80});
      xAxis.push(Object.assign({gridIndex: i, name: name, nameLocation: "middle", nameGap: 28,
        nameTextStyle: {fontWeight: "bold"}}, axis.option));
      yAxis.push({gridIndex: i, type: "value", scale: true, name: metric, nameLocation: "middle", nameGap: 44});
      series.push({type: "scatter", name: name, xAxisIndex: i, yAxisIndex: i, symbolSize: 7,
        itemStyle: {borderColor: "#333", borderWidth: 0.5},
        data: have.map(function (t) {
          return {value: [axis.position(t.params[name]), t.value, t.number], trial: t.number};
        })});
    });
    var numbers = C.extent(done.map(function (t) { return t.number; }));
    C.draw("slices", {
      grid: grid, xAxis: xAxis, yAxis: yAxis, series: series,
      visualMap: [C.numberColours(2, series.map(function (s, i) { return i; }), numbers,
        {orient: "horizontal", top: 0, left: "center", itemHeight: 200})],
      tooltip: {trigger: "item", formatter: function (p) {
        return "trial " + p.data.trial + "<br>" + p.seriesName + " = " + C.fmt(p.value[0]) + "<br>" + C.valueLine(metric, p.value[1]);
      }}
    }, top + Math.ceil(names.length / cols) * rowH);
  }

  /** A parameter's position on a contour axis (log10 for log ranges, the index for a choice), and back. */
  function contourAxis(range, values) {
    if (range && range.type === "categorical") {
      var choices = range.choices.map(String);
      return {pos: function (v) { return choices.indexOf(String(v)); }, lo: -0.5, hi: choices.length - 0.5,
        value: function (p) { return p; },
        option: {type: "value", min: -0.5, max: choices.length - 0.5, interval: 1,
          axisLabel: {formatter: function (v) { return choices[Math.round(v)] !== undefined && Math.abs(v - Math.round(v)) < 1e-9 ? choices[Math.round(v)] : ""; }}}};
    }
    var a = C.paramAxis(range, values, false);
    var log = a.option.type === "log", integer = a.option.minInterval === 1;
    var pos = function (v) { return log ? Math.log10(v) : v; };
    var back = function (p) { return log ? Math.pow(10, p) : p; };
    // Padded so that trials at the ends of the range are drawn whole; the padded ends get no label.
    var pad = integer && !log ? 0.5 : (pos(a.option.max) - pos(a.option.min)) * 0.04;
    var lo = pos(a.option.min) - pad, hi = pos(a.option.max) + pad;
    var option = Object.assign({}, a.option, {min: back(lo), max: back(hi),
      axisLabel: {showMinLabel: false, showMaxLabel: false, hideOverlap: true,
        formatter: function (v) { return integer && Math.abs(v - Math.round(v)) > 1e-9 ? "" : C.fmt(v); }}});
    return {pos: pos, lo: lo, hi: hi, value: back, option: option};
  }

  /**
   * The metric over two parameters: cells coloured by inverse-distance-weighted interpolation
   * between the complete trials (dots), in each axis's own scale.
   */
  function contour(data, trials, xName, yName) {
    var metric = C.metricName(data);
    if (!xName || !yName || xName === yName) return C.none("contour", "Needs two different parameters.");
    var done = complete(trials).filter(function (t) { return has(t, xName) && has(t, yName); });
    if (done.length < 2) return C.none("contour", "Needs two or more complete trials shown that have both " + xName + " and " + yName + ".");
    var ax = contourAxis(data.study.params[xName], done.map(function (t) { return t.params[xName]; }));
    var ay = contourAxis(data.study.params[yName], done.map(function (t) { return t.params[yName]; }));
    var pts = done.map(function (t) {
      return {x: (ax.pos(t.params[xName]) - ax.lo) / ((ax.hi - ax.lo) || 1), y: (ay.pos(t.params[yName]) - ay.lo) / ((ay.hi - ay.lo) || 1), v: t.value};
    });
    var G = 28, cells = [];
    for (var i = 0; i < G; i++) {
      for (var j = 0; j < G; j++) {
        var cx = (i + 0.5) / G, cy = (j + 0.5) / G, num = 0, den = 0, exact = null;
        pts.forEach(function (p) {
          var d2 = (p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy);
          if (d2 < 1e-12) exact = p.v;
          num += p.v / (d2 * d2 + 1e-12);
          den += 1 / (d2 * d2 + 1e-12);
        });
        var at = function (a, k) { return a.value(a.lo + (a.hi - a.lo) * k / G); };
        cells.push([at(ax, i), at(ax, i + 1), at(ay, j), at(ay, j + 1), exact !== null ? exact : num / den]);
      }
    }
    var render = function (params, api) {
      var a = api.coord([api.value(0), api.value(2)]), b = api.coord([api.value(1), api.value(3)]);
      return {type: "rect", shape: {x: Math.min(a[0], b[0]), y: Math.min(a[1], b[1]), width: Math.abs(b[0] - a[0]) + 0.5,
        height: Math.abs(b[1] - a[1]) + 0.5}, style: {fill: api.visual("color")}};
    };
    var range = C.extent(done.map(function (t) { return t.value; }));
    C.draw("contour", {
      title: {subtext: "colour interpolated between trials (inverse-distance weighted); dots are complete trials", left: 0, bottom: 0, top: "auto"},
      grid: {left: 70, right: 150, top: 20, bottom: 80},
      xAxis: Object.assign({name: xName, nameLocation: "middle", nameGap: 28, nameTextStyle: {fontWeight: "bold"}}, ax.option),
      yAxis: Object.assign({name: yName, nameLocation: "middle", nameGap: 52, nameTextStyle: {fontWeight: "bold"}}, ay.option),
      visualMap: [C.metricColours(data, 4, 0, range)],
      tooltip: {trigger: "item", formatter: function (p) {
        if (p.seriesIndex === 0) return "interpolated " + C.valueLine(metric, p.value[4]);
        return "trial " + p.data.trial + "<br>" + xName + " = " + C.fmt(p.data.x) + "<br>" + yName + " = " + C.fmt(p.data.y)
          + "<br>" + C.valueLine(metric, p.value[2]);
      }},
      series: [
        {type: "custom", name: "interpolated " + metric, renderItem: render, encode: {x: [0, 1], y: [2, 3]}, data: cells, silent: false},
        {type: "scatter", name: "complete trials", symbolSize: 7, z: 5, itemStyle: {color: "#fff", borderColor: "#1d2330", borderWidth: 1.2},
          data: done.map(function (t) {
            return {value: [ax.value(ax.pos(t.params[xName])), ay.value(ay.pos(t.params[yName])), t.value],
              trial: t.number, x: t.params[xName], y: t.params[yName]};
          })}
      ]
    });
  }

  return {importance: importance, parallel: parallel, slices: slices, contour: contour, paramOrder: paramOrder,
    FEW_TRIALS: FEW_TRIALS};
})();
