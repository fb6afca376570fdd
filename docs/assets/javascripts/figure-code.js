/*
 * "Code for this figure" blocks: build the highlighted listing when a reader opens one.
 *
 * site_tools/figure_markup.py (defer_code_listings) ships each listing inside
 * <noscript class="notes-deferred-code">. With scripting on, the browser keeps that as a
 * single text node instead of hundreds of highlighted <span>s, which made long notes slow
 * to load. Opening the block (by a click, a link to an anchor inside it, or Material
 * opening every block for printing) fires "toggle"; this script then puts the listing in
 * place with the copy button Material gives its other code blocks. Without JavaScript the
 * <noscript> shows the listing as it is.
 *
 * "toggle" does not bubble, so one capturing listener on the document catches every
 * block, including those that Material's instant navigation swaps in later.
 */
(function () {
  "use strict";

  var counter = 0;

  function copyLabel() {
    var config = document.getElementById("__config");
    try {
      return JSON.parse(config.textContent).translations["clipboard.copy"];
    } catch (error) {
      return "Copy to clipboard";
    }
  }

  function reveal(holder) {
    // A page loaded normally holds the listing as raw text; one that instant navigation
    // parsed with DOMParser (scripting off) holds it as elements.
    var html = holder.children.length ? holder.innerHTML : holder.textContent;
    var box = document.createElement("div");
    box.innerHTML = html;
    box.querySelectorAll("pre").forEach(function (pre) {
      var code = pre.querySelector("code");
      if (!code) return;
      pre.id = "notes-figure-code-" + ++counter;
      code.tabIndex = 0; // scrollable listings must be reachable from the keyboard
      // Material's copy handler is delegated from the document: a button of the shape it
      // renders for its own code blocks works here too.
      var nav = document.createElement("nav");
      nav.className = "md-code__nav";
      var button = document.createElement("button");
      button.className = "md-code__button";
      button.title = copyLabel();
      button.setAttribute("data-clipboard-target", "#" + pre.id + " > code");
      button.setAttribute("data-md-type", "copy");
      nav.append(button);
      pre.insertBefore(nav, code);
    });
    holder.replaceWith.apply(holder, Array.prototype.slice.call(box.childNodes));
  }

  document.addEventListener(
    "toggle",
    function (event) {
      var details = event.target;
      if (!(details instanceof HTMLDetailsElement) || !details.open) return;
      details.querySelectorAll("noscript.notes-deferred-code").forEach(reveal);
    },
    true
  );
})();
