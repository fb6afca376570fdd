/*
 * Perceptron explorer: the interactive widget behind {{ explorer: perceptron }}.
 *
 * site_tools/explorer.py emits a hidden HTML skeleton (labelled sliders and number fields,
 * activation radios, output spans, a live region and an empty <svg>) right after a no-JS
 * fallback block. This script draws the plot, wires the controls, then shows the widget and
 * hides the fallback. No framework, no network.
 *
 * Numerics mirror notes_lib: z = w0 + x1*w1 + x2*w2; sigmoid is computed stably
 * (e^z / (1 + e^z) for z < 0), tanh is Math.tanh, ReLU is max(0, z).
 * Display precision: z to 4 decimal places with trailing zeros dropped ("−6", "0.35");
 * ŷ to exactly 4 decimal places ("0.0025").
 *
 * Material's instant navigation swaps page content without reloading scripts, so init()
 * runs on every `document$` emission and skips widgets it has already set up.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var MINUS = "\u2212";

  var ACTIVATIONS = {
    sigmoid: {
      label: "sigmoid",
      fn: function (z) {
        // Stable for large |z|: never evaluates exp of a large positive number.
        if (z >= 0) return 1 / (1 + Math.exp(-z));
        var e = Math.exp(z);
        return e / (1 + e);
      },
      expr: function (z) { return "\u03c3(" + z + ")"; },
      pos: "\u0177 > 0.5",
      neg: "\u0177 < 0.5",
    },
    tanh: {
      label: "tanh",
      fn: function (z) { return Math.tanh(z); },
      expr: function (z) { return "tanh(" + z + ")"; },
      pos: "\u0177 > 0",
      neg: "\u0177 < 0",
    },
    relu: {
      label: "ReLU",
      fn: function (z) { return Math.max(0, z); },
      expr: function (z) { return "max(0, " + z + ")"; },
      pos: "\u0177 = z > 0",
      neg: "\u0177 = 0",
    },
  };

  var PARAMS = ["w0", "w1", "w2", "x1", "x2"];

  /* ------------------------------------------------------------------ numbers */

  function tidy(v) {
    // Undo binary round-off from repeated steps (0.1 + 0.2 -> 0.3).
    return Number(v.toFixed(10));
  }

  function minus(text) {
    return text.replace(/-/g, MINUS);
  }

  /** z-style: 4 decimal places, trailing zeros dropped, true minus sign, no "−0". */
  function fmtTrim(v) {
    var t = v.toFixed(4).replace(/\.?0+$/, "");
    if (t === "-0" || t === "") t = "0";
    return minus(t);
  }

  /** ŷ-style: exactly 4 decimal places, true minus sign, no "−0.0000". */
  function fmtFixed(v) {
    var t = v.toFixed(4);
    if (/^-0\.0+$/.test(t)) t = t.slice(1);
    return minus(t);
  }

  function paren(v) {
    return v < 0 ? "(" + fmtTrim(v) + ")" : fmtTrim(v);
  }

  /* ------------------------------------------------------------------ geometry */

  /** Sutherland–Hodgman: the part of convex polygon `poly` where sign * f(p) > 0. */
  function clip(poly, f, sign) {
    var out = [];
    for (var i = 0; i < poly.length; i++) {
      var a = poly[i];
      var b = poly[(i + 1) % poly.length];
      var fa = sign * f(a);
      var fb = sign * f(b);
      if (fa > 0) out.push(a);
      if ((fa > 0 && fb < 0) || (fa < 0 && fb > 0)) {
        var t = fa / (fa - fb);
        out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
      } else if (fa <= 0 && fb === 0) {
        out.push(b);
      }
    }
    return out.length >= 3 ? out : [];
  }

  /** The segment of the line f = 0 inside the square `poly`, or null. */
  function boundarySegment(poly, f) {
    var pts = [];
    for (var i = 0; i < poly.length; i++) {
      var a = poly[i];
      var b = poly[(i + 1) % poly.length];
      var fa = f(a);
      var fb = f(b);
      if (fa === 0) pts.push(a);
      if ((fa < 0 && fb > 0) || (fa > 0 && fb < 0)) {
        var t = fa / (fa - fb);
        pts.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
      }
    }
    if (pts.length < 2) return null;
    var best = null;
    var bestD = -1;
    for (var p = 0; p < pts.length; p++) {
      for (var q = p + 1; q < pts.length; q++) {
        var d = Math.hypot(pts[p][0] - pts[q][0], pts[p][1] - pts[q][1]);
        if (d > bestD) { bestD = d; best = [pts[p], pts[q]]; }
      }
    }
    return bestD > 1e-9 ? best : null;
  }

  function svgEl(name, attrs, parent) {
    var el = document.createElementNS(SVG_NS, name);
    for (var k in attrs) el.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(el);
    return el;
  }

  /* ------------------------------------------------------------------ widget */

  function Explorer(root) {
    this.root = root;
    var d = root.dataset;
    this.initial = {
      w0: Number(d.w0), w1: Number(d.w1), w2: Number(d.w2),
      x1: Number(d.x1), x2: Number(d.x2), activation: d.activation,
    };
    this.wMin = Number(d.weightMin);
    this.wMax = Number(d.weightMax);
    this.lo = Number(d.inputMin);
    this.hi = Number(d.inputMax);
    this.step = Number(d.step);
    this.state = Object.assign({}, this.initial);
    this.out = {};
    var outs = root.querySelectorAll("[data-out]");
    for (var i = 0; i < outs.length; i++) this.out[outs[i].dataset.out] = outs[i];
    this.ranges = {};
    this.numbers = {};
    for (var j = 0; j < PARAMS.length; j++) {
      var name = PARAMS[j];
      this.ranges[name] = root.querySelector('input[type="range"][data-param="' + name + '"]');
      this.numbers[name] = root.querySelector('input[type="number"][data-param="' + name + '"]');
    }
    this.radios = root.querySelectorAll('input[type="radio"]');
    this.svg = root.querySelector("svg.pe-plot");
    this.announceTimer = null;
    this.lastAnnounced = "";
    this.buildPlot();
    this.wire();
    this.update(null);
  }

  Explorer.prototype.isInput = function (name) {
    return name === "x1" || name === "x2";
  };

  Explorer.prototype.clampInput = function (v) {
    return Math.min(this.hi, Math.max(this.lo, v));
  };

  /* plot coordinates: data [lo, hi]^2 -> svg box (left..right, top..bottom) */
  var BOX = { left: 38, right: 330, top: 10, bottom: 302 };

  Explorer.prototype.sx = function (x) {
    return BOX.left + ((x - this.lo) / (this.hi - this.lo)) * (BOX.right - BOX.left);
  };

  Explorer.prototype.sy = function (y) {
    return BOX.bottom - ((y - this.lo) / (this.hi - this.lo)) * (BOX.bottom - BOX.top);
  };

  Explorer.prototype.points = function (poly) {
    var self = this;
    return poly.map(function (p) {
      return self.sx(p[0]).toFixed(2) + "," + self.sy(p[1]).toFixed(2);
    }).join(" ");
  };

  Explorer.prototype.buildPlot = function () {
    var svg = this.svg;
    var g = svgEl("g", { "aria-hidden": "true" }, svg);
    this.posPoly = svgEl("polygon", { class: "pe-half pe-half--pos" }, g);
    this.negPoly = svgEl("polygon", { class: "pe-half pe-half--neg" }, g);
    var grid = svgEl("g", { class: "pe-grid" }, g);
    for (var v = Math.ceil(this.lo); v <= this.hi; v++) {
      var cls = v === 0 ? "pe-axis" : "pe-gridline";
      svgEl("line", { class: cls, x1: this.sx(v), x2: this.sx(v), y1: BOX.top, y2: BOX.bottom }, grid);
      svgEl("line", { class: cls, y1: this.sy(v), y2: this.sy(v), x1: BOX.left, x2: BOX.right }, grid);
      if (v % 2 === 0) {
        svgEl("text", { class: "pe-tick", x: this.sx(v), y: BOX.bottom + 14, "text-anchor": "middle" }, grid)
          .textContent = minus(String(v));
        svgEl("text", { class: "pe-tick", x: BOX.left - 6, y: this.sy(v) + 4, "text-anchor": "end" }, grid)
          .textContent = minus(String(v));
      }
    }
    svgEl("rect", {
      class: "pe-frame", x: BOX.left, y: BOX.top,
      width: BOX.right - BOX.left, height: BOX.bottom - BOX.top,
    }, g);
    svgEl("text", { class: "pe-axis-title", x: BOX.right, y: BOX.bottom + 30, "text-anchor": "end" }, g)
      .textContent = "x\u2081";
    svgEl("text", { class: "pe-axis-title", x: 4, y: BOX.top + 12 }, g).textContent = "x\u2082";
    this.posLabel = svgEl("text", { class: "pe-region-label", "text-anchor": "middle" }, g);
    this.posLabel.textContent = "z > 0";
    this.negLabel = svgEl("text", { class: "pe-region-label", "text-anchor": "middle" }, g);
    this.negLabel.textContent = "z < 0";
    this.boundary = svgEl("line", { class: "pe-boundary" }, g);
    this.arrow = svgEl("g", { class: "pe-weight" }, g);
    this.arrowLine = svgEl("line", {}, this.arrow);
    this.arrowHead = svgEl("polygon", {}, this.arrow);
    this.arrowLabel = svgEl("text", { class: "pe-weight-label" }, this.arrow);
    this.arrowLabel.textContent = "w";

    // The draggable input point: focusable, announced as a 2-D slider.
    var h = svgEl("g", {
      class: "pe-handle", tabindex: "0", role: "slider",
      "aria-roledescription": "draggable point",
      "aria-label": "Input point x; arrow keys move it, Shift for steps of 1",
      "aria-valuemin": String(this.lo), "aria-valuemax": String(this.hi),
    }, svg);
    this.handleHit = svgEl("circle", { class: "pe-handle__hit", r: 20 }, h);
    this.handleRing = svgEl("circle", { class: "pe-handle__ring", r: 12 }, h);
    this.handleDot = svgEl("circle", { class: "pe-handle__dot", r: 6.5 }, h);
    this.handleLabel = svgEl("text", { class: "pe-handle__label", "aria-hidden": "true" }, h);
    this.handle = h;
  };

  Explorer.prototype.wire = function () {
    var self = this;
    PARAMS.forEach(function (name) {
      var range = self.ranges[name];
      var num = self.numbers[name];
      range.addEventListener("input", function () {
        self.state[name] = tidy(Number(range.value));
        self.update(range);
      });
      num.addEventListener("input", function () {
        var v = num.value.trim() === "" ? NaN : Number(num.value);
        if (!isFinite(v)) {
          num.setAttribute("aria-invalid", "true");
          return;
        }
        num.removeAttribute("aria-invalid");
        self.state[name] = self.isInput(name) ? self.clampInput(v) : v;
        self.update(num);
      });
      // On commit (Enter / blur) show the value actually used, e.g. after clamping.
      num.addEventListener("change", function () {
        num.removeAttribute("aria-invalid");
        self.update(null);
      });
    });
    Array.prototype.forEach.call(this.radios, function (radio) {
      radio.addEventListener("change", function () {
        if (radio.checked) {
          self.state.activation = radio.value;
          self.update(radio);
        }
      });
    });
    this.root.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); });
    var reset = this.root.querySelector('[data-action="reset"]');
    if (reset) reset.addEventListener("click", function () {
      self.state = Object.assign({}, self.initial);
      self.update(null);
    });

    // Pointer: press anywhere on the plot to move the point there, then drag.
    var dragging = null;
    this.svg.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      dragging = e.pointerId;
      self.svg.setPointerCapture(e.pointerId);
      self.moveTo(e);
      self.handle.focus({ preventScroll: true });
      e.preventDefault();
    });
    this.svg.addEventListener("pointermove", function (e) {
      if (dragging === e.pointerId) self.moveTo(e);
    });
    var stop = function (e) {
      if (dragging === e.pointerId) dragging = null;
    };
    this.svg.addEventListener("pointerup", stop);
    this.svg.addEventListener("pointercancel", stop);

    this.handle.addEventListener("keydown", function (e) {
      var s = e.shiftKey ? 1 : self.step;
      var dx = 0;
      var dy = 0;
      switch (e.key) {
        case "ArrowLeft": dx = -s; break;
        case "ArrowRight": dx = s; break;
        case "ArrowUp": dy = s; break;
        case "ArrowDown": dy = -s; break;
        case "PageUp": dy = 1; break;
        case "PageDown": dy = -1; break;
        default: return;
      }
      e.preventDefault();
      self.state.x1 = self.clampInput(tidy(self.state.x1 + dx));
      self.state.x2 = self.clampInput(tidy(self.state.x2 + dy));
      self.update(null);
    });
  };

  Explorer.prototype.moveTo = function (e) {
    var ctm = this.svg.getScreenCTM();
    if (!ctm) return;
    var p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    var scale = (this.hi - this.lo) / (BOX.right - BOX.left);
    var snap = function (v, step) { return tidy(Math.round(v / step) * step); };
    this.state.x1 = this.clampInput(snap(this.lo + (p.x - BOX.left) * scale, this.step));
    this.state.x2 = this.clampInput(snap(this.lo + (BOX.bottom - p.y) * scale, this.step));
    this.update(null);
  };

  /** Recompute and redraw; `source` is the control being edited (left untouched). */
  Explorer.prototype.update = function (source) {
    var s = this.state;
    var self = this;
    PARAMS.forEach(function (name) {
      var range = self.ranges[name];
      var num = self.numbers[name];
      if (range !== source) range.value = String(s[name]);
      if (num !== source) num.value = String(tidy(s[name]));
    });
    Array.prototype.forEach.call(this.radios, function (r) {
      if (r !== source) r.checked = r.value === s.activation;
    });

    var act = ACTIVATIONS[s.activation];
    var z = s.w0 + s.x1 * s.w1 + s.x2 * s.w2;
    var y = act.fn(z);
    var zText = fmtTrim(z);
    var yText = fmtFixed(y);

    this.out["z-expr"].textContent =
      fmtTrim(s.w0) + " + " + paren(s.x1) + "\u00b7" + paren(s.w1) +
      " + " + paren(s.x2) + "\u00b7" + paren(s.w2);
    this.out.z.textContent = zText;
    this.out["g-expr"].textContent = act.expr(zText);
    this.out.yhat.textContent = yText;
    var side = z > 0 ? "z > 0" : z < 0 ? "z < 0" : "z = 0";
    this.out.side.textContent =
      z === 0 ? "(x lies on the decision boundary)" : "(x lies in the " + side + " half-plane)";

    this.draw(act);
    this.scheduleAnnouncement("Output y hat = " + yText + "; z = " + zText + "; " +
      act.label + ".");
  };

  Explorer.prototype.draw = function (act) {
    var s = this.state;
    var f = function (p) { return s.w0 + s.w1 * p[0] + s.w2 * p[1]; };
    var square = [[this.lo, this.lo], [this.hi, this.lo], [this.hi, this.hi], [this.lo, this.hi]];
    var pos = clip(square, f, 1);
    var neg = clip(square, f, -1);
    this.posPoly.setAttribute("points", this.points(pos));
    this.negPoly.setAttribute("points", this.points(neg));
    this.placeLabel(this.posLabel, pos);
    this.placeLabel(this.negLabel, neg);

    var seg = boundarySegment(square, f);
    if (seg) {
      this.boundary.removeAttribute("visibility");
      this.boundary.setAttribute("x1", this.sx(seg[0][0]));
      this.boundary.setAttribute("y1", this.sy(seg[0][1]));
      this.boundary.setAttribute("x2", this.sx(seg[1][0]));
      this.boundary.setAttribute("y2", this.sy(seg[1][1]));
    } else {
      this.boundary.setAttribute("visibility", "hidden");
    }

    // w is normal to the boundary and points into z > 0; shrink it to fit the plot.
    var len = Math.max(Math.abs(s.w1), Math.abs(s.w2));
    if (len === 0) {
      this.arrow.setAttribute("visibility", "hidden");
    } else {
      this.arrow.removeAttribute("visibility");
      var k = Math.min(1, (this.hi - 0.4) / len);
      var tipX = this.sx(k * s.w1);
      var tipY = this.sy(k * s.w2);
      var ox = this.sx(0);
      var oy = this.sy(0);
      var ang = Math.atan2(tipY - oy, tipX - ox);
      var hl = 10;
      var baseX = tipX - hl * Math.cos(ang);
      var baseY = tipY - hl * Math.sin(ang);
      this.arrowLine.setAttribute("x1", ox);
      this.arrowLine.setAttribute("y1", oy);
      this.arrowLine.setAttribute("x2", baseX);
      this.arrowLine.setAttribute("y2", baseY);
      var px = 5 * Math.sin(ang);
      var py = -5 * Math.cos(ang);
      this.arrowHead.setAttribute("points", [
        tipX + "," + tipY, (baseX + px) + "," + (baseY + py), (baseX - px) + "," + (baseY - py),
      ].join(" "));
      this.arrowLabel.setAttribute("x", tipX + 10 * Math.cos(ang) - 4);
      this.arrowLabel.setAttribute("y", tipY + 10 * Math.sin(ang) + 4);
    }

    var hx = this.sx(s.x1);
    var hy = this.sy(s.x2);
    [this.handleHit, this.handleRing, this.handleDot].forEach(function (c) {
      c.setAttribute("cx", hx);
      c.setAttribute("cy", hy);
    });
    this.handleLabel.setAttribute("x", hx + (s.x1 > this.hi - 1 ? -14 : 14));
    this.handleLabel.setAttribute("text-anchor", s.x1 > this.hi - 1 ? "end" : "start");
    this.handleLabel.setAttribute("y", hy + (s.x2 > this.hi - 0.6 ? 22 : -10));
    this.handleLabel.textContent = "x = (" + fmtTrim(s.x1) + ", " + fmtTrim(s.x2) + ")";
    this.handle.setAttribute("aria-valuenow", String(s.x1));
    this.handle.setAttribute("aria-valuetext",
      "x\u2081 = " + fmtTrim(s.x1) + ", x\u2082 = " + fmtTrim(s.x2));

    this.drawLegend(act);
  };

  Explorer.prototype.placeLabel = function (label, poly) {
    // Label a region only when it is big enough to hold the text.
    var area = 0;
    for (var i = 0; i < poly.length; i++) {
      var a = poly[i];
      var b = poly[(i + 1) % poly.length];
      area += a[0] * b[1] - b[0] * a[1];
    }
    area = Math.abs(area) / 2 / Math.pow(this.hi - this.lo, 2);
    if (poly.length < 3 || area < 0.12) {
      label.setAttribute("visibility", "hidden");
      return;
    }
    var cx = 0;
    var cy = 0;
    poly.forEach(function (p) { cx += p[0]; cy += p[1]; });
    label.removeAttribute("visibility");
    label.setAttribute("x", this.sx(cx / poly.length));
    var y = this.sy(cy / poly.length);
    // Keep the text off the x₁ axis, where the axis line would run through it.
    if (Math.abs(y - this.sy(0)) < 12) y = this.sy(0) - 12;
    label.setAttribute("y", y + 4);
  };

  Explorer.prototype.drawLegend = function (act) {
    var s = this.state;
    var legend = this.out.legend;
    if (!legend) return;
    // The boundary's equation with zero terms dropped: "2 − 1.5x₂ = 0".
    var terms = s.w0 !== 0 ? fmtTrim(s.w0) : "";
    [[s.w1, "x\u2081"], [s.w2, "x\u2082"]].forEach(function (t) {
      if (t[0] === 0) return;
      var mag = Math.abs(t[0]) === 1 ? "" : fmtTrim(Math.abs(t[0]));
      if (terms === "") terms = (t[0] < 0 ? MINUS : "") + mag + t[1];
      else terms += (t[0] < 0 ? " " + MINUS + " " : " + ") + mag + t[1];
    });
    var line = s.w1 === 0 && s.w2 === 0
      ? "no decision boundary: w = 0, so z = w\u2080 everywhere"
      : "decision boundary z = 0: " + terms + " = 0";
    var items = [
      ["pe-swatch pe-swatch--pos", "z > 0: " + act.pos],
      ["pe-swatch pe-swatch--neg", "z < 0: " + act.neg],
      ["pe-swatch pe-swatch--line", line],
      ["pe-swatch pe-swatch--weight", "w = (" + fmtTrim(s.w1) + ", " + fmtTrim(s.w2) +
        "), pointing towards z > 0"],
    ];
    var key = JSON.stringify(items);
    if (key === this.legendKey) return;
    this.legendKey = key;
    legend.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var sw = document.createElement("span");
      sw.className = item[0];
      sw.setAttribute("aria-hidden", "true");
      li.appendChild(sw);
      li.appendChild(document.createTextNode(item[1]));
      legend.appendChild(li);
    });
  };

  Explorer.prototype.scheduleAnnouncement = function (text) {
    // Polite and debounced: one announcement after the reader pauses, not one per pixel.
    var self = this;
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(function () {
      if (text !== self.lastAnnounced && self.out.announce) {
        self.out.announce.textContent = text;
        self.lastAnnounced = text;
      }
    }, 600);
  };

  /* ------------------------------------------------------------------ init */

  function init() {
    var roots = document.querySelectorAll("[data-perceptron-explorer]");
    Array.prototype.forEach.call(roots, function (root) {
      if (root.dataset.peReady === "1") return;
      root.dataset.peReady = "1";
      try {
        root.perceptronExplorer = new Explorer(root);
      } catch (err) {
        // Leave the static fallback in place if anything goes wrong.
        root.hidden = true;
        if (window.console) console.error("perceptron explorer:", err);
        return;
      }
      var prev = root.previousElementSibling;
      if (prev && prev.hasAttribute("data-explorer-fallback")) prev.hidden = true;
      root.hidden = false;
      // The first announcement would only repeat what is on screen.
      clearTimeout(root.perceptronExplorer.announceTimer);
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(function () { init(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
