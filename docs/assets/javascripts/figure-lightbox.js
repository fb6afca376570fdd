/*
 * Figures full size: a button on every figure from {{ figure: NAME }} (and a click or tap on
 * the figure itself) opens it in a modal <dialog>, in the reader's palette, with its caption.
 *
 * Why a <dialog> and not a lightbox library: the platform's modal dialog already is one. It
 * sits in the top layer, keeps focus inside, closes on Esc and is announced by screen
 * readers; what is left is a dozen lines of layout. A library such as glightbox adds about
 * 70 kB of script and style to every page, fits the image to the screen (on a 390 px phone
 * the figures' 10 pt labels would shrink to 8 px), and shows it on its own dark backdrop,
 * where the light-palette variant (dark ink on a transparent background) cannot be read.
 *
 * The figures are SVGs with a transparent background and one variant per palette
 * (#only-light / #only-dark, one of them hidden by Material's CSS). The dialog takes the
 * variant the page shows now, and its background is the palette's own background colour.
 * The image is already loaded (it is on screen), so opening fetches nothing.
 *
 * Size: at least MIN_ZOOM times the figure's natural size (6.4 in = 614 CSS px wide), so that
 * the smallest text drawn in any figure (7 pt sub- and superscripts, 9.3 px at 100 %) reads at
 * 12 px (tests/test_lightbox.py measures it); on a phone that is wider than the screen and the
 * reader pans. On a larger screen the figure
 * grows to fit the window, up to MAX_ZOOM times.
 *
 * Instant navigation swaps the page's content without running this script again, so
 * clicks are handled by one listener on the document and the buttons are added on every
 * page Material signals through document$.
 */
(function () {
  "use strict";

  var MIN_ZOOM = 1.3;
  var MAX_ZOOM = 2.5;
  var dialog = null;
  var opener = null;

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "notes-lightbox";
    dialog.setAttribute("aria-labelledby", "notes-lightbox-caption");
    dialog.innerHTML =
      '<button type="button" class="notes-lightbox__close md-icon" aria-label="Close figure"' +
      ' title="Close (Esc)"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.41 17.59' +
      " 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z" +
      '"/></svg></button>' +
      '<div class="notes-lightbox__scroller"><img alt="" decoding="async"></div>' +
      '<div class="notes-lightbox__caption md-typeset" id="notes-lightbox-caption"></div>';
    dialog.querySelector(".notes-lightbox__close").addEventListener("click", function () {
      dialog.close();
    });
    // A click on the empty space around the figure closes it too, as in most lightboxes.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog || event.target.classList.contains("notes-lightbox__scroller"))
        dialog.close();
    });
    dialog.addEventListener("close", function () {
      // The event comes a task after the dialog closed: a figure opened in between keeps
      // its image, focus and page state.
      if (dialog.open) return;
      // The dialog restores focus to what had it before; a click on the image gave focus to
      // nothing, so send it back to the figure's own button either way.
      if (opener && opener.isConnected) opener.focus();
      opener = null;
      dialog.querySelector("img").removeAttribute("src");
      document.documentElement.classList.remove("notes-lightbox-open");
    });
    window.addEventListener("resize", function () {
      if (dialog.open) size();
    });
    document.body.append(dialog);
  }

  function shownImage(figure) {
    var images = figure.querySelectorAll(":scope > p > img, :scope > img");
    for (var i = 0; i < images.length; i++) {
      if (images[i].getClientRects().length > 0) return images[i];
    }
    return images[0] || null;
  }

  function size() {
    var img = dialog.querySelector("img");
    var scroller = dialog.querySelector(".notes-lightbox__scroller");
    var width = Number(img.getAttribute("width"));
    var height = Number(img.getAttribute("height"));
    var style = getComputedStyle(scroller);
    var availWidth =
      scroller.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    var availHeight =
      scroller.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    var fit = Math.min(availWidth, (availHeight * width) / height, width * MAX_ZOOM);
    var shown = Math.max(fit, width * MIN_ZOOM);
    img.style.width = shown + "px";
    img.style.height = (shown * height) / width + "px";
  }

  function open(figure) {
    var source = shownImage(figure);
    if (!source) return;
    if (!dialog) build();
    opener = figure.querySelector(".notes-figure-zoom");
    var img = dialog.querySelector("img");
    img.src = source.currentSrc || source.src;
    img.alt = source.alt;
    img.setAttribute("width", source.getAttribute("width"));
    img.setAttribute("height", source.getAttribute("height"));
    var caption = figure.querySelector("figcaption");
    dialog.querySelector(".notes-lightbox__caption").innerHTML = caption ? caption.innerHTML : "";
    document.documentElement.classList.add("notes-lightbox-open");
    dialog.showModal();
    dialog.querySelector(".notes-lightbox__scroller").scrollTo(0, 0);
    size();
    dialog.setAttribute("data-figure", figure.id);
  }

  function enhance() {
    var figures = document.querySelectorAll("figure.notes-figure");
    for (var i = 0; i < figures.length; i++) {
      var figure = figures[i];
      if (figure.querySelector(".notes-figure-zoom")) continue;
      var caption = figure.querySelector("figcaption strong");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "notes-figure-zoom md-icon";
      button.setAttribute(
        "aria-label",
        "Open " + (caption ? caption.textContent.replace(/:\s*$/, "") : "the figure") + " full size"
      );
      button.title = "Full size";
      button.innerHTML =
        '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 5h5V3H3v7h2zm5 14H5v-5H3v7h7z' +
        'm11-5h-2v5h-5v2h7zm-2-4h2V3h-7v2h5z"/></svg>';
      figure.prepend(button);
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var zoom = target.closest(".notes-figure-zoom");
    var image = zoom ? null : target.closest("figure.notes-figure img");
    if (!zoom && !image) return;
    event.preventDefault();
    open(target.closest("figure.notes-figure"));
  });

  if (typeof document$ !== "undefined") {
    document$.subscribe(enhance);
  } else {
    enhance();
  }
})();
