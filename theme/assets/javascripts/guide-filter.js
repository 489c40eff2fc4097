/* Filters the landing page's guide cards by level and muscle.
 * Progressive enhancement: without JavaScript the form stays hidden and every
 * card is shown. */
(function () {
  "use strict";
  var form = document.querySelector("[data-guide-filter]");
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll(".guide-card"));
  var count = form.querySelector(".guide-filter__count");

  function apply() {
    var level = form.elements.level.value;
    var muscle = form.elements.muscle.value;
    var shown = 0;
    cards.forEach(function (card) {
      var muscles = card.getAttribute("data-muscles").split("|");
      var visible = (!level || card.getAttribute("data-level") === level) &&
        (!muscle || muscles.indexOf(muscle) !== -1);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown + (shown === 1 ? " guide" : " guides") + " shown";
  }

  // A link may preset the filters (a guide's breadcrumb: ?level=beginner).
  var params = new URLSearchParams(window.location.search);
  ["level", "muscle"].forEach(function (name) {
    var select = form.elements[name];
    var wanted = params.get(name);
    var known = wanted && Array.prototype.some.call(select.options, function (option) {
      return option.value === wanted;
    });
    if (known) select.value = wanted;
  });

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
