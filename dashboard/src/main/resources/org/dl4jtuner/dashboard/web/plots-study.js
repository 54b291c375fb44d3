/*
 * dl4j-tuner plots of trials over time: optimization history, learning curves, the empirical
 * distribution of values, the pruner's rungs, the timeline, and one trial's curve. Each function
 * takes the snapshot (data) and the trials the state filter lets through, and draws one chart.
 */
"use strict";

var StudyPlots = (function () {
  var C = Charts;
  var STATE_NAMES = {COMPLETE: "complete", PRUNED: "pruned", RUNNING: "running", FAIL: "failed", WAITING: "waiting", PAUSED: "paused"};
  var BEST = "#f08c00";
  /** A cross, for the epoch at which a trial was pruned. */
  var CROSS = "path://M0,2L2,0L5,3L8,0L10,2L7,5L10,8L8,10L5,7L2,10L0,8L3,5Z";

  function xName(name) { return {name: name, nameLocation: "middle", nameGap: 28}; }
  function yName(name) { return {name: name, nameLocation: "middle", nameGap: 52}; }
  function tooltip(formatter) { return {trigger: "item", confine: true, formatter: formatter}; }
  function zoom(axis) {
    var inside = {type: "inside"}, slider = {type: "slider", height: 16, bottom: 6};
    inside[axis + "AxisIndex"] = 0;
    slider[axis + "AxisIndex"] = 0;
    return [inside, slider];
  }

  function steps(trial) {
    return Object.keys(trial.intermediate_values).map(Number).sort(function (a, b) { return a - b; })
      .filter(function (s) { return C.finite(trial.intermediate_values[String(s)]); });
  }

  function better(direction, a, b) { return direction === "MAXIMIZE" ? a > b : a < b; }

  function trialTip(metric) {
    return function (p) {
      if (!p.data || p.data.trial === undefined) return p.seriesName + "<br>" + C.valueLine(metric, p.value[1]);
      return "trial " + p.data.trial + " (" + p.data.state + ")<br>" + C.valueLine(metric, p.value[1])
        + (p.data.epoch !== undefined ? "<br>epoch " + p.data.epoch : "");
    };
  }

  /** Values of finished trials by trial number, coloured by state, with the best so far as a step line. */
  function history(data, trials) {
    var metric = C.metricName(data);
    var points = trials.filter(function (t) {
      return C.finite(t.value) && (t.state === "COMPLETE" || t.state === "PRUNED");
    });
    if (!points.length) return C.none("history", "No finished trial with a value among the trials shown.");
    var series = ["COMPLETE", "PRUNED"].map(function (state) {
      return {type: "scatter", name: STATE_NAMES[state], color: C.STATE_COLOURS[state], symbolSize: 7,
        data: points.filter(function (t) { return t.state === state; }).map(function (t) {
          return {value: [t.number, t.value], trial: t.number, state: STATE_NAMES[state]};
        })};
    });
    var bestSoFar = null, line = [];
    points.forEach(function (t) {
      if (t.state !== "COMPLETE") return;
      if (bestSoFar === null || better(data.study.direction, t.value, bestSoFar)) bestSoFar = t.value;
      line.push([t.number, bestSoFar]);
    });
    series.push({type: "line", name: "best so far", step: "end", showSymbol: false, color: BEST, data: line, z: 1});
    var log = logScale(points.map(function (t) { return t.value; }), function () { history(data, trials); });
    C.draw("history", {
      legend: {top: 0}, grid: {left: 70, right: 20, top: 34, bottom: 66}, tooltip: tooltip(trialTip(metric)),
      xAxis: Object.assign({type: "value", minInterval: 1, scale: true}, xName("trial")),
      yAxis: Object.assign(log ? {type: "log", axisLabel: {formatter: C.fmt}} : {type: "value", scale: true}, yName(metric)),
      dataZoom: zoom("x"), series: series
    });
  }

  /**
   * Whether the history's value axis is logarithmic: the "log scale" box, usable when every value
   * is positive, ticked at first when the values span two decades or more (a loss falling from 2
   * to 0.01 is then more than a flat line at the bottom); once the user ticks or unticks it, their choice.
   */
  function logScale(values, redraw) {
    var box = document.getElementById("history-log");
    var positive = values.every(function (v) { return v > 0; });
    box.disabled = !positive;
    if (!positive) box.checked = false;
    else if (!box.hasAttribute("data-chosen")) box.checked = Math.max.apply(null, values) >= 100 * Math.min.apply(null, values);
    box.onchange = function () { box.setAttribute("data-chosen", ""); redraw(); };
    return positive && box.checked;
  }

  /** One line per trial, epoch by epoch; pruned trials end in a cross; the best trial stands out. */
  function curves(data, trials) {
    var metric = C.metricName(data);
    var withCurves = trials.filter(function (t) { return steps(t).length > 0; });
    if (!withCurves.length) return C.none("curves", "No epoch reported by the trials shown.");
    var bestNumber = data.study.best ? data.study.best.number : -1;
    var order = {FAIL: 0, COMPLETE: 1, PRUNED: 2, RUNNING: 3, WAITING: 4, PAUSED: 5};
    withCurves.sort(function (a, b) {
      return (order[a.state] - order[b.state]) || ((a.number === bestNumber) - (b.number === bestNumber));
    });
    var names = [];
    var series = withCurves.map(function (t) {
      var isBest = t.number === bestNumber;
      var name = isBest ? "best trial" : STATE_NAMES[t.state];
      if (names.indexOf(name) < 0) names.push(name);
      var ss = steps(t);
      return {type: "line", id: "trial-" + t.number, name: name, color: isBest ? BEST : C.STATE_COLOURS[t.state],
        symbol: "circle", symbolSize: 4, z: isBest ? 3 : 2, emphasis: {focus: "series"},
        lineStyle: {width: isBest ? 3 : 1.3, opacity: isBest ? 1 : 0.7, type: t.state === "RUNNING" ? "dashed" : "solid"},
        data: ss.map(function (s, i) {
          var item = {value: [s, t.intermediate_values[String(s)]], trial: t.number, state: STATE_NAMES[t.state], epoch: s};
          if (t.state === "PRUNED" && i === ss.length - 1) {
            item.symbol = CROSS;
            item.symbolSize = 9;
          }
          return item;
        })};
    });
    C.draw("curves", {
      legend: {top: 0, data: names}, grid: {left: 70, right: 20, top: 34, bottom: 66},
      tooltip: tooltip(trialTip(metric)),
      xAxis: Object.assign({type: "value", minInterval: 1, scale: true}, xName("epoch")),
      yAxis: Object.assign({type: "value", scale: true}, yName(metric)),
      dataZoom: zoom("x"), series: series
    });
  }

  /** The share of complete trials whose value is at most x: one step per complete trial. */
  function edf(data, trials) {
    var metric = C.metricName(data);
    var complete = trials.filter(function (t) { return t.state === "COMPLETE" && C.finite(t.value); })
      .sort(function (a, b) { return a.value - b.value || a.number - b.number; });
    if (!complete.length) return C.none("edf", "No complete trial among the trials shown.");
    var n = complete.length;
    C.draw("edf", {
      grid: {left: 70, right: 20, top: 20, bottom: 66},
      tooltip: tooltip(function (p) {
        return "trial " + p.data.trial + "<br>" + C.valueLine(metric, p.value[0]) + "<br>"
          + (100 * p.value[1]).toFixed(0) + "% of complete trials at or below";
      }),
      xAxis: Object.assign({type: "value", scale: true}, xName(metric)),
      yAxis: Object.assign({type: "value", min: 0, max: 1, axisLabel: {formatter: function (v) { return (100 * v).toFixed(0) + "%"; }}},
        yName("complete trials with " + metric + " ≤ x")),
      dataZoom: zoom("x"),
      series: [{type: "line", name: "complete trials", step: "end", symbol: "circle", symbolSize: 5,
        color: C.STATE_COLOURS.COMPLETE,
        data: complete.map(function (t, i) { return {value: [t.value, (i + 1) / n], trial: t.number}; })}]
    });
  }

  /** One bar chart per bracket (or one of epochs reached): trials at each rung, and those let past it. */
  function rungs(data) {
    var box = document.getElementById("rungs");
    var picture = data.rungs;
    var groups = picture ? picture.groups.filter(function (g) { return g.rows.length; }) : [];
    box.textContent = "";
    if (!groups.length) {
      var p = document.createElement("p");
      p.className = "empty";
      p.textContent = "No trial has finished an epoch yet.";
      box.appendChild(p);
      return;
    }
    var epochs = picture.kind === "epochs";
    var note = document.createElement("p");
    note.className = "empty";
    note.textContent = epochs
      ? "No rung-based pruner: for each epoch at which some finished trial stopped, how many finished trials trained to it and how many trained beyond it."
      : "Per bracket: how many trials reached each rung (the epoch at which the pruner compares them) and how many it let past.";
    box.appendChild(note);
    groups.forEach(function (g, i) {
      var wrap = document.createElement("div");
      wrap.className = "rung-group";
      wrap.setAttribute("data-group", g.name);
      var el = document.createElement("div");
      el.id = "rungs-" + i;
      el.className = "chart";
      wrap.appendChild(el);
      box.appendChild(wrap);
      var labels = g.rows.map(function (r) {
        return epochs ? "epoch " + r.step : r.label + " (epoch " + r.step + ")";
      });
      var reached = epochs ? "trained to the epoch" : "reached the rung";
      var continued = epochs ? "trained beyond it" : "let past it";
      C.draw(el.id, {
        title: {text: g.name + " · " + g.trials + " trials", left: 0, top: 0, textStyle: {fontSize: 13}},
        legend: {top: 0, right: 10, data: [reached, continued]},
        grid: {left: 150, right: 30, top: 30, bottom: 40},
        tooltip: {trigger: "axis", axisPointer: {type: "shadow"}},
        xAxis: Object.assign({type: "value", minInterval: 1}, xName("trials")),
        yAxis: {type: "category", data: labels, inverse: true},
        series: [
          {type: "bar", name: reached, color: C.STATE_COLOURS.COMPLETE, data: g.rows.map(function (r) { return r.reached; }),
            label: {show: true, position: "right", fontSize: 11}},
          {type: "bar", name: continued, color: C.STATE_COLOURS.RUNNING, data: g.rows.map(function (r) { return r.continued; }),
            label: {show: true, position: "right", fontSize: 11}}
        ]
      }, 80 + g.rows.length * 40);
    });
  }

  /** When each trial ran, one bar per trial, coloured by state. */
  function timeline(data, trials) {
    var now = Date.parse(data.study.taken);
    var started = trials.filter(function (t) { return t.start; });
    if (!started.length) return C.none("timeline", "No trial among those shown has started.");
    var begin = function (t) { return Date.parse(t.start); };
    var finish = function (t) { return t.end ? Date.parse(t.end) : now; };
    var t0 = Math.min.apply(null, started.map(begin));
    var states = ["COMPLETE", "PRUNED", "FAIL", "RUNNING"].filter(function (s) {
      return started.some(function (t) { return t.state === s; });
    });
    var render = function (params, api) {
      var a = api.coord([api.value(1), api.value(0)]), b = api.coord([api.value(2), api.value(0)]);
      var h = Math.max(1, Math.min(14, api.size([0, 1])[1] * 0.8));
      return {type: "rect", shape: {x: a[0], y: a[1] - h / 2, width: Math.max(1.5, b[0] - a[0]), height: h},
        style: {fill: api.visual("color")}};
    };
    C.draw("timeline", {
      legend: {top: 0}, grid: {left: 70, right: 60, top: 34, bottom: 66},
      tooltip: tooltip(function (p) {
        return "trial " + p.data.trial + " (" + STATE_NAMES[p.data.state] + ")<br>ran "
          + (p.value[2] - p.value[1]).toFixed(1) + " s, from " + p.value[1].toFixed(1) + " s";
      }),
      xAxis: Object.assign({type: "value", min: 0}, xName("seconds since the first trial started")),
      // half a row of room above the first trial and below the last, so their bars are not cut by the plot's edges
      yAxis: {type: "value", minInterval: 1, inverse: true, scale: true, name: "trial", nameLocation: "middle", nameGap: 40,
        min: function (v) { return v.min - 0.5; }, max: function (v) { return v.max + 0.5; },
        axisLabel: {formatter: function (v) { return Number.isInteger(v) ? String(v) : ""; }}},
      // zoom on time too: a study resumed after a pause has runs far apart, each a sliver at full width
      dataZoom: [{type: "inside", yAxisIndex: 0}, {type: "slider", yAxisIndex: 0, width: 14, right: 8},
        {type: "inside", xAxisIndex: 0, filterMode: "none"}, {type: "slider", xAxisIndex: 0, filterMode: "none", height: 16, bottom: 6}],
      series: states.map(function (s) {
        return {type: "custom", name: STATE_NAMES[s], color: C.STATE_COLOURS[s], renderItem: render,
          encode: {x: [1, 2], y: 0},
          data: started.filter(function (t) { return t.state === s; }).map(function (t) {
            return {value: [t.number, (begin(t) - t0) / 1000, (finish(t) - t0) / 1000], trial: t.number, state: s};
          })};
      })
    }, Math.max(220, Math.min(560, 110 + started.length * 10)));
  }

  /** One trial's learning curve, with the best trial's for comparison. */
  function trialCurve(id, data, trial) {
    var metric = C.metricName(data);
    if (!steps(trial).length) return C.none(id, "This trial reported no epoch.");
    var line = function (t, name, colour) {
      return {type: "line", name: name, color: colour, symbol: "circle", symbolSize: 5,
        data: steps(t).map(function (s) {
          return {value: [s, t.intermediate_values[String(s)]], trial: t.number, state: STATE_NAMES[t.state], epoch: s};
        })};
    };
    var series = [line(trial, "trial " + trial.number, C.STATE_COLOURS[trial.state] || C.STATE_COLOURS.COMPLETE)];
    var best = data.study.best;
    if (best && best.number !== trial.number) series.push(Object.assign(line(best, "best trial (" + best.number + ")", BEST),
      {lineStyle: {type: "dashed"}}));
    C.draw(id, {
      legend: {top: 0}, grid: {left: 70, right: 20, top: 34, bottom: 44}, tooltip: tooltip(trialTip(metric)),
      xAxis: Object.assign({type: "value", minInterval: 1, scale: true}, xName("epoch")),
      yAxis: Object.assign({type: "value", scale: true}, yName(metric)),
      series: series
    });
  }

  return {history: history, curves: curves, edf: edf, rungs: rungs, timeline: timeline, trialCurve: trialCurve,
    STATE_NAMES: STATE_NAMES};
})();
