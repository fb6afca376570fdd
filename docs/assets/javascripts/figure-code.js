/*
 * "Code for this figure" blocks: show the figure function's highlighted source when a
 * reader opens one.
 *
 * The pages do not carry the listings (site_tools/figure_markup.py explains why); each block
 * holds a placeholder <p class="notes-figure-listing" data-function="module.function">, and
 * the build writes every listing, highlighted, into figures/code.json. Opening a block (a
 * click, a link to an anchor inside it, Material opening every block for printing) fires
 * "toggle"; this script then fetches that file once per visit and puts the listing in place
 * of the placeholder, with the copy button Material gives its other code blocks. Without
 * JavaScript the placeholder's text points to the API entry, which shows the source too.
 *
 * "toggle" does not bubble, so one capturing listener on the document catches every block,
 * including those that Material's instant navigation swaps in later. Instant navigation
 * does not run this script again, so the site root is resolved once, as Material does.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("__config").textContent);
  var listingsUrl = new URL("figures/code.json", new URL(config.base + "/", location.href));
  var copyLabel = (config.translations || {})["clipboard.copy"] || "Copy to clipboard";
  var listings = null; // one fetch per visit; reset after a failure so that a retry can work
  var counter = 0;

  function load() {
    if (listings === null) {
      listings = fetch(listingsUrl).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status + " for " + listingsUrl);
        return response.json();
      });
      listings.catch(function () {
        listings = null;
      });
    }
    return listings;
  }

  function copyButton(pre) {
    // Material's copy handler is delegated from the document: a button of the shape it
    // renders for its own code blocks works here too.
    var nav = document.createElement("nav");
    nav.className = "md-code__nav";
    var button = document.createElement("button");
    button.className = "md-code__button";
    button.title = copyLabel;
    button.setAttribute("data-clipboard-target", "#" + pre.id + " > code");
    button.setAttribute("data-md-type", "copy");
    nav.append(button);
    return nav;
  }

  function fill(placeholder, all) {
    var name = placeholder.getAttribute("data-function");
    var html = all[name];
    if (html === undefined) throw new Error("no listing for " + name);
    var box = document.createElement("div");
    box.innerHTML = html;
    var pre = box.querySelector("pre");
    var code = pre && pre.querySelector("code");
    if (code) {
      pre.id = "notes-figure-code-" + ++counter;
      code.tabIndex = 0; // a listing wider than the block scrolls: reachable by keyboard
      pre.insertBefore(copyButton(pre), code);
    }
    placeholder.replaceWith.apply(placeholder, Array.prototype.slice.call(box.childNodes));
  }

  function reveal(details) {
    var placeholders = details.querySelectorAll("p.notes-figure-listing:not([aria-busy])");
    if (!placeholders.length) return;
    placeholders.forEach(function (p) {
      p.setAttribute("aria-busy", "true");
    });
    load()
      .then(function (all) {
        placeholders.forEach(function (p) {
          fill(p, all);
        });
      })
      .catch(function (error) {
        placeholders.forEach(function (p) {
          p.removeAttribute("aria-busy");
          var note = p.querySelector(".notes-figure-listing-error") || document.createElement("strong");
          note.className = "notes-figure-listing-error";
          note.textContent = "The code could not be loaded (" + error.message + "). ";
          p.prepend(note);
        });
        console.warn("figure-code:", error);
      });
  }

  document.addEventListener(
    "toggle",
    function (event) {
      var details = event.target;
      if (details instanceof HTMLDetailsElement && details.open) reveal(details);
    },
    true
  );
})();
