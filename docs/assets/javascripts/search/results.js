/*
 * The search result list, drawn by the page as whole strings instead of by Material.
 *
 * Why: Material builds the list element by element and adds each title and snippet with
 * `innerHTML +=`, which re-parses what the element already holds; on a phone's CPU that was
 * about a third of the time from the last key to the answer on screen (`make bench`). Here the
 * whole list is one string set once. The markup is Material's own (its renderSearchResultItem,
 * Material 9), so its styles, its keyboard handling (arrows and Enter look the list up when a
 * key is pressed), search.highlight's ?h= links and search.share work as before;
 * tests/test_search_browser.py checks them.
 *
 * How: loaded before Material's script, this wraps the page's Worker constructor, so that on
 * the notes' search worker (worker.js) it listens both before and after Material. Before, it
 * takes the answer's items and leaves Material an empty list (Material then clears the list,
 * sets its suggestion and share link as usual); after, in the same task, it draws the first
 * screen of results, so no frame shows the cleared list. The rest are drawn in a task after
 * that frame, with the list aria-busy until it is whole. Any other worker, and the search of
 * a build that does not use worker.js (Zensical's), is left alone.
 */
(function () {
  "use strict";

  var script = document.getElementById("__config");
  if (!script || typeof window.Worker !== "function") return;
  var config = JSON.parse(script.textContent);
  var ours = /\/search\/worker\.js$/;
  if (!ours.test(new URL(config.search, location.href).pathname)) return;
  // Material resolves result links against the site root as seen from the page it started on;
  // instant navigation keeps that page's scripts, so this is computed once, as there.
  var base = new URL(config.base, location.href);
  var highlight = config.features.indexOf("search.highlight") !== -1;

  function t(key, value) {
    var text = config.translations[key];
    return value === undefined ? text : text.replace("#", String(value));
  }

  function escapeHTML(text) {
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;");
  }

  // One search document as a link; title and text are HTML from the worker (with <mark>s).
  function documentHTML(doc, parent, teaser) {
    var url = new URL(doc.location, base);
    var terms = Object.keys(doc.terms);
    if (highlight) {
      var found = terms.filter(function (term) { return doc.terms[term]; });
      url.searchParams.set("h", found.join(" "));
    }
    var missing = terms.filter(function (term) { return !doc.terms[term]; });
    var html =
      '<a href="' + escapeHTML(url.href) + '" class="md-search-result__link" tabindex="-1">' +
      '<article class="md-search-result__article md-typeset" data-md-score="' +
      doc.score.toFixed(2) + '">';
    html += parent
      ? '<div class="md-search-result__icon md-icon"></div><h1>' + doc.title + "</h1>"
      : "<h2>" + doc.title + "</h2>";
    if (teaser && doc.text.length > 0) html += doc.text;
    if (teaser && missing.length > 0) {
      html += '<p class="md-search-result__terms">' + t("search.result.term.missing") + ": " +
        missing.map(function (term) { return "<del>" + escapeHTML(term) + "</del>"; }).join(" ") +
        "</p>";
    }
    return html + "</article></a>";
  }

  // One page's group, as Material groups it: the page itself first, then its sections that
  // scored as well as the best of the group, then the others folded under "N more".
  function itemHTML(group) {
    var threshold = group[0].score;
    var docs = group.slice();
    var parent = docs.findIndex(function (doc) { return doc.location.indexOf("#") === -1; });
    var article = docs.splice(parent, 1)[0];
    var index = docs.findIndex(function (doc) { return doc.score < threshold; });
    if (index === -1) index = docs.length;
    var best = docs.slice(0, index);
    var more = docs.slice(index);
    var html = '<li class="md-search-result__item">' +
      documentHTML(article, true, parent === 0 && index === 0);
    best.forEach(function (doc) { html += documentHTML(doc, false, true); });
    if (more.length) {
      html += '<details class="md-search-result__more"><summary tabindex="-1"><div>' +
        (more.length === 1 ? t("search.result.more.one") : t("search.result.more.other", more.length)) +
        "</div></summary>";
      more.forEach(function (doc) { html += documentHTML(doc, false, true); });
      html += "</details>";
    }
    return html + "</li>";
  }

  // Results below the first screen are drawn in a task after the frame that shows the first
  // ones: on a phone's CPU, styling and laying out forty results in that frame delayed the
  // answer more than anything else. The list is aria-busy until it is whole.
  var FIRST_SCREEN = 5;
  var generation = 0;

  function draw(items) {
    var result = document.querySelector("[data-md-component=search-result]");
    var query = document.querySelector("[data-md-component=search-query]");
    if (!result) return;
    var meta = result.querySelector(".md-search-result__meta");
    var list = result.querySelector(".md-search-result__list");
    meta.textContent = items.length === 0
      ? t(query && query.value.length ? "search.result.none" : "search.result.placeholder")
      : items.length === 1 ? t("search.result.one") : t("search.result.other", items.length);
    var drawing = (generation += 1);
    list.innerHTML = items.slice(0, FIRST_SCREEN).map(itemHTML).join("");
    if (items.length <= FIRST_SCREEN) {
      list.removeAttribute("aria-busy");
      return;
    }
    list.setAttribute("aria-busy", "true");
    // A task queued from an animation frame callback runs after that frame is painted.
    requestAnimationFrame(function () {
      setTimeout(function () {
        if (drawing !== generation) return;  // a newer answer has been drawn
        list.insertAdjacentHTML("beforeend", items.slice(FIRST_SCREEN).map(itemHTML).join(""));
        list.removeAttribute("aria-busy");
      }, 0);
    });
  }

  // Two listeners on the notes' worker: one before Material's takes a result's items and
  // leaves Material an empty list (Material then clears the list, sets its suggestion and
  // the share link as usual); one after Material's draws the items, in the same task, so no
  // frame shows the cleared list. Material adds its listener once the constructor returns;
  // a listener added while the worker's first message (ready) is being dispatched runs after
  // Material's for every later message.
  var taken = null;
  function take(event) {
    var message = event.data;
    if (!message || message.type !== 3 || !message.data || !message.data.items) return;
    taken = message.data.items;
    message.data.items = [];
  }
  function put() {
    if (taken === null) return;
    var items = taken;
    taken = null;
    draw(items);
  }

  // As Material does for the lists it draws: a "more on this page" closed above the fold
  // scrolls back into view.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.open || !details.matches || !details.matches(".md-search-result__more")) return;
    var wrap = details.closest("[data-md-component=search-result]").parentElement;
    if (details.offsetTop <= wrap.scrollTop) wrap.scrollTo({ top: details.offsetTop });
  }, true);

  var Native = window.Worker;
  window.Worker = function (url, options) {
    var worker = new Native(url, options);
    if (ours.test(new URL(String(url), location.href).pathname)) {
      worker.addEventListener("message", take);
      worker.addEventListener("message", function after() {
        worker.removeEventListener("message", after);
        worker.addEventListener("message", put);
      });
    }
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();
