// Filters of the proofreading report: severity check boxes, code, free-text search.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var code = document.getElementById("code-filter");
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  var empty = document.getElementById("empty");
  var items = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var texts = items.map(function (item) { return item.textContent.toLocaleLowerCase("bg"); });

  function apply() {
    var severities = {};
    form.querySelectorAll("input[name=severity]:checked").forEach(function (box) {
      severities[box.value] = true;
    });
    var wanted = code.value;
    var query = search.value.trim().toLocaleLowerCase("bg");
    var count = 0;
    items.forEach(function (item, index) {
      var visible = !!severities[item.dataset.severity] &&
        (!wanted || item.dataset.code === wanted) &&
        (!query || texts[index].indexOf(query) !== -1);
      item.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = "Показани " + count + " от " + items.length;
    // With no findings at all the "nothing found" line stays; otherwise it shows when none match.
    if (items.length > 0) { empty.hidden = count > 0; }
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  document.getElementById("reset").addEventListener("click", function () {
    form.querySelectorAll("input[name=severity]").forEach(function (box) { box.checked = true; });
    code.value = "";
    search.value = "";
    apply();
  });
  document.querySelectorAll(".code-link").forEach(function (button) {
    button.addEventListener("click", function () {
      code.value = button.dataset.code;
      apply();
      document.getElementById("findings-title").scrollIntoView();
    });
  });
  apply();
})();
