/* Material's tooltips (content.tooltips), made to meet WCAG 1.3.1 and 1.4.13.
 *
 * In a landmark: Material appends each tooltip to <body>, after the footer and
 * outside every landmark, so a screen-reader user moving by landmarks meets
 * stray text (axe: "region"). Each one is moved into <main> as soon as it is
 * added. <main> is not positioned, so the tooltip keeps <body> as its
 * containing block and shows exactly where Material placed it; it stays tied to
 * its citation by aria-describedby, which Material sets on hover and on focus.
 *
 * Dismissible: Escape hides the tooltips shown (guides.css hides a tooltip
 * marked data-dismissed), without moving the pointer or the focus; the next
 * focus or hover shows them again. */
(function () {
  "use strict";
  var main = document.querySelector("main");
  if (!main || !("MutationObserver" in window)) return;
  var ACTIVE = "md-tooltip2--active";

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      Array.prototype.forEach.call(record.addedNodes, function (node) {
        if (node.nodeType === 1 && node.classList.contains("md-tooltip2")) {
          main.appendChild(node);
        }
      });
    });
  }).observe(document.body, { childList: true });

  function each(selector, action) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), action);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    each("." + ACTIVE, function (tooltip) { tooltip.setAttribute("data-dismissed", ""); });
  });
  // The next focus or pointer move onto an element lets Material show tooltips again.
  function undismiss() {
    each(".md-tooltip2[data-dismissed]", function (tooltip) {
      tooltip.removeAttribute("data-dismissed");
    });
  }
  document.addEventListener("focusin", undismiss);
  document.addEventListener("mouseover", undismiss);
})();
