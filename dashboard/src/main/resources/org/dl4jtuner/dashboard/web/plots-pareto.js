/*
 * dl4j-tuner plots of a study of several objectives (data.study.pareto, null otherwise): the
 * complete trials in two objectives the page lets you pick, front members highlighted and the
 * others faded, and the front's hypervolume after each complete trial. For one objective both
 * panels stay hidden.
 */
"use strict";

var ParetoPlots = (function () {
  var C = Charts;
  var FRONT = "#f08c00";
  var chosen = {x: 0, y: 1};

  function panels(visible) {
    ["pareto-panel", "hypervolume-panel"].forEach(function (id) { document.getElementById(id).hidden = !visible; });
  }

  /** Fills a select with the objectives, keeping the choice, and redraws on change. */
  function selector(id, names, key, data) {
    var select = document.getElementById(id);
    if (select.options.length !== names.length) {
      select.innerHTML = "";
      names.forEach(function (n, i) {
        var o = document.createElement("option");
        o.value = String(i);
        o.textContent = n;
        select.appendChild(o);
      });
    }
    select.value = String(chosen[key]);
    select.onchange = function () { chosen[key] = Number(select.value); front(data); };
  }

  function label(p, names) {
    return "trial " + p.data.trial + " (" + p.data.kind + ")<br>" + names.map(function (n, i) {
      return C.valueLine(n, p.data.values[i]);
    }).join("<br>");
  }

  /** Complete trials in two objectives: the front, then dominated and infeasible trials faded. */
  function front(data) {
    var pareto = data.study.pareto;
    panels(!!pareto);
    if (!pareto) return;
    var names = pareto.metrics;
    if (chosen.x >= names.length) chosen.x = 0;
    if (chosen.y >= names.length) chosen.y = 1;
    selector("pareto-x", names, "x", data);
    selector("pareto-y", names, "y", data);
    var onFront = {};
    pareto.front.forEach(function (n) { onFront[n] = true; });
    var complete = data.trials.filter(function (t) {
      return t.state === "COMPLETE" && t.values && t.values.length === names.length
        && C.finite(t.values[chosen.x]) && C.finite(t.values[chosen.y]);
    });
    if (!complete.length) return C.none("pareto", "No complete trial yet.");
    function point(t, kind) {
      return {value: [t.values[chosen.x], t.values[chosen.y]], trial: t.number, kind: kind, values: t.values};
    }
    var series = [
      {type: "scatter", name: "front", color: FRONT, symbolSize: 11, z: 3,
        data: complete.filter(function (t) { return onFront[t.number]; }).map(function (t) { return point(t, "front"); })},
      {type: "scatter", name: "dominated", color: C.STATE_COLOURS.COMPLETE, symbolSize: 7, itemStyle: {opacity: 0.3},
        data: complete.filter(function (t) { return !onFront[t.number] && t.feasible !== false; })
          .map(function (t) { return point(t, "dominated"); })},
      {type: "scatter", name: "infeasible", color: C.STATE_COLOURS.FAIL, symbol: "diamond", symbolSize: 7,
        itemStyle: {opacity: 0.3},
        data: complete.filter(function (t) { return !onFront[t.number] && t.feasible === false; })
          .map(function (t) { return point(t, "infeasible"); })}
    ];
    C.draw("pareto", {
      legend: {top: 0}, grid: {left: 80, right: 20, top: 34, bottom: 50},
      tooltip: {trigger: "item", confine: true, formatter: function (p) { return label(p, names); }},
      xAxis: {type: "value", scale: true, name: names[chosen.x], nameLocation: "middle", nameGap: 28},
      yAxis: {type: "value", scale: true, name: names[chosen.y], nameLocation: "middle", nameGap: 62},
      series: series
    });
  }

  /** The front's hypervolume after each complete trial, by trial number. */
  function hypervolume(data) {
    var pareto = data.study.pareto;
    if (!pareto) return;
    var history = pareto.hypervolume_history;
    if (!history.length) return C.none("hypervolume", "No complete trial yet.");
    C.draw("hypervolume", {
      grid: {left: 80, right: 20, top: 20, bottom: 50},
      tooltip: {trigger: "item", confine: true, formatter: function (p) {
        return "after trial " + p.data.trial + "<br>" + C.valueLine("hypervolume", p.value[1]);
      }},
      xAxis: {type: "value", minInterval: 1, scale: true, name: "trial", nameLocation: "middle", nameGap: 28},
      yAxis: {type: "value", scale: true, name: "hypervolume", nameLocation: "middle", nameGap: 62},
      series: [{type: "line", name: "hypervolume", step: "end", color: FRONT,
        data: history.map(function (h) { return {value: [h[0], h[1]], trial: h[0]}; })}]
    });
  }

  return {front: front, hypervolume: hypervolume};
})();
