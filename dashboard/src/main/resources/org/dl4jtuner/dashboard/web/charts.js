/*
 * dl4j-tuner charts: what every chart of the dashboard shares, on top of Apache ECharts (bundled
 * in the jar, inlined in reports). Charts are drawn with ECharts' SVG renderer, and after each
 * draw the chart's element gets data-summary: JSON read back from the option and the axes
 * ECharts actually rendered (series lengths and items, axis names and tick labels, colour bars),
 * so that tests and scripts can check what is on screen.
 */
"use strict";

var Charts = (function () {
  var STATE_COLOURS = {COMPLETE: "#2f6fdf", PRUNED: "#d9463b", RUNNING: "#1a9d5a", FAIL: "#8a8f98", WAITING: "#b0b6c0", PAUSED: "#e0a030"};
  /** Colour for the metric, worst to best (viridis). */
  var METRIC_COLOURS = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"];
  /** Colour for the trial number, first to last (a single-hue ramp, unlike the metric's). */
  var NUMBER_COLOURS = ["#fde0c5", "#f59e72", "#d4542f", "#7a1f0c"];
  var FONT = {fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif"};
  var instances = {};
  var onTrial = function () {};

  /** A number in 4 significant digits, as the command line prints parameters. */
  function fmt(v) {
    if (v === null || v === undefined) return "-";
    if (typeof v !== "number") return String(v);
    if (!isFinite(v)) return String(v);
    if (v === 0) return "0";
    var a = Math.abs(v);
    if (a >= 1e5 || a < 1e-3) return v.toExponential(2).replace(/\.?0+e/, "e");
    return String(Number(v.toPrecision(4)));
  }

  function finite(v) { return typeof v === "number" && isFinite(v); }

  /** The chart in element id, made on first use with the SVG renderer; clicks on a trial open it. */
  function chartIn(id) {
    var el = document.getElementById(id);
    var chart = instances[id];
    if (!chart || chart.isDisposed() || chart.getDom() !== el) {
      if (chart && !chart.isDisposed()) chart.dispose();
      chart = echarts.init(el, null, {renderer: "svg"});
      chart.on("click", function (p) {
        var trial = p.data && p.data.trial !== undefined ? p.data.trial : null;
        if (trial !== null) onTrial(trial);
      });
      instances[id] = chart;
    }
    return chart;
  }

  /** Draws option in element id (replacing what was there) and records its summary. */
  function draw(id, option, height) {
    var el = document.getElementById(id);
    el.classList.remove("empty-chart");
    if (height) el.style.height = height + "px";
    var chart = chartIn(id);
    if (height) chart.resize();
    unclipped(option.series);
    chart.setOption(Object.assign({animation: false, textStyle: FONT}, option), true);
    el.setAttribute("data-summary", JSON.stringify(describe(chart)));
    return chart;
  }

  /**
   * Points on the edge of a plot (the first trial, a value at the top of its range, a parameter
   * at its bound) are drawn whole rather than cut in half by the plot's border: series of points,
   * lines and bars are not clipped unless they say so.
   */
  function unclipped(series) {
    (Array.isArray(series) ? series : series ? [series] : []).forEach(function (s) {
      if ((s.type === "scatter" || s.type === "line" || s.type === "custom") && s.clip === undefined) s.clip = false;
    });
  }

  /** Replaces a chart by a message. */
  function none(id, message) {
    var chart = instances[id];
    if (chart && !chart.isDisposed()) chart.dispose();
    delete instances[id];
    var el = document.getElementById(id);
    el.textContent = "";
    el.removeAttribute("style");
    el.classList.add("empty-chart");
    el.setAttribute("data-summary", JSON.stringify({empty: message}));
    var p = document.createElement("p");
    p.className = "empty";
    p.textContent = message;
    el.appendChild(p);
  }

  /** What the chart shows, read back from ECharts: the merged option and the rendered axes. */
  function describe(chart) {
    var option = chart.getOption();
    var model = chart.getModel();
    var axes = [];
    ["xAxis", "yAxis", "parallelAxis"].forEach(function (kind) {
      model.eachComponent(kind, function (axisModel) {
        var axis = axisModel.axis;
        axes.push({kind: kind, name: axisModel.get("name") || "", type: axisModel.get("type"),
          labels: axis ? axis.getViewLabels().map(function (l) { return l.formattedLabel; }) : []});
      });
    });
    var legend = [];
    model.eachComponent("legend", function (legendModel) {
      legendModel.getData().forEach(function (item) { legend.push(item.get("name")); });
    });
    return {
      title: (option.title || []).map(function (t) { return [t.text || "", t.subtext || ""].join(" ").trim(); }),
      axes: axes,
      series: (option.series || []).map(function (s) {
        return {type: s.type, name: s.name || "", id: s.id || "", clip: s.clip !== false, length: (s.data || []).length,
          items: (s.data || []).map(function (d) {
            return d && typeof d === "object" && !Array.isArray(d) ? {trial: d.trial, value: d.value} : {value: d};
          })};
      }),
      legend: legend,
      zooms: (option.dataZoom || []).map(function (z) { return {type: z.type, x: z.xAxisIndex, y: z.yAxisIndex}; }),
      visualMaps: (option.visualMap || []).map(function (v) { return {text: v.text || [], min: v.min, max: v.max}; })
    };
  }

  /** A tooltip line naming the metric. */
  function valueLine(metric, v) { return metric + ": " + fmt(v); }

  /**
   * How a parameter is put on an axis: its ECharts axis type, the position of a value on it, and
   * a label formatter. Log ranges get log axes, ints integer ticks, categories their choices;
   * when `missing` (a conditional parameter some trials lack), the axis gets an "n/a" position
   * just below its range.
   */
  function paramAxis(range, values, missing) {
    var axis = {position: function (v) { return v; }, label: fmt, na: null};
    if (range && range.type === "categorical") {
      var choices = range.choices.map(String).concat(missing ? ["n/a"] : []);
      axis.option = {type: "category", data: choices};
      axis.position = function (v) { return v === undefined || v === null ? "n/a" : String(v); };
      axis.choices = choices;
      return axis;
    }
    var nums = values.filter(finite);
    var lo = range ? range.low : Math.min.apply(null, nums), hi = range ? range.high : Math.max.apply(null, nums);
    var log = !!(range && range.log && lo > 0);
    var integer = !!(range && range.type === "int");
    axis.option = {type: log ? "log" : "value", scale: true, min: lo, max: hi};
    if (integer) axis.option.minInterval = 1;
    if (missing) {
      axis.na = log ? lo / Math.pow(hi / lo, 0.12) : lo - Math.max((hi - lo) * 0.12, integer ? 1 : 1e-12);
      axis.option.min = axis.na;
      var na = axis.na;
      axis.label = function (v) { return Math.abs(v - na) <= Math.abs(na) * 1e-9 + 1e-12 ? "n/a" : fmt(v); };
      axis.position = function (v) { return finite(v) ? v : na; };
    }
    axis.option.axisLabel = {formatter: axis.label, hideOverlap: true};
    return axis;
  }

  /** A visualMap colouring by the metric, yellow for better, with a labelled colour bar. */
  function metricColours(data, dimension, seriesIndex, extent, place) {
    var maximize = data.study.direction === "MAXIMIZE";
    var metric = metricName(data);
    return Object.assign({type: "continuous", dimension: dimension, seriesIndex: seriesIndex,
      min: extent[0], max: extent[1] > extent[0] ? extent[1] : extent[0] + 1e-9,
      text: [metric + (maximize ? " (better)" : " (worse)"), metric + (maximize ? " (worse)" : " (better)")],
      inRange: {color: maximize ? METRIC_COLOURS : METRIC_COLOURS.slice().reverse()},
      calculable: true, precision: 3, itemHeight: 120, textStyle: {fontSize: 11}}, place || {right: 4, top: "middle"});
  }

  /** A visualMap colouring by trial number, with a labelled colour bar. */
  function numberColours(dimension, seriesIndex, extent, place) {
    return Object.assign({type: "continuous", dimension: dimension, seriesIndex: seriesIndex,
      min: extent[0], max: extent[1] > extent[0] ? extent[1] : extent[0] + 1,
      text: ["trial number (later)", "trial number (earlier)"], inRange: {color: NUMBER_COLOURS},
      calculable: true, precision: 0, itemHeight: 120, textStyle: {fontSize: 11}}, place || {right: 4, top: "middle"});
  }

  /** The study's metric (of several objectives, the first), or "value" when the study does not record one. */
  function metricName(data) {
    return data.study.metric || (data.study.pareto && data.study.pareto.metrics[0]) || "value";
  }

  function extent(values) { return [Math.min.apply(null, values), Math.max.apply(null, values)]; }

  function resizeAll() {
    Object.keys(instances).forEach(function (id) { if (!instances[id].isDisposed()) instances[id].resize(); });
  }
  window.addEventListener("resize", resizeAll);

  return {
    STATE_COLOURS: STATE_COLOURS, fmt: fmt, finite: finite, draw: draw, none: none, describe: describe,
    paramAxis: paramAxis, metricColours: metricColours, numberColours: numberColours, metricName: metricName,
    valueLine: valueLine, extent: extent, resizeAll: resizeAll,
    onTrial: function (f) { onTrial = f; }
  };
})();
