(function () {
  "use strict";
  // Transcript search: shows only the turns that contain the query (text only, no HTML).
  var box = document.getElementById("search");
  var q = document.getElementById("q");
  var list = document.getElementById("transcript-list");
  if (box && q && list) {
    var turns = Array.prototype.slice.call(list.children);
    var status = document.getElementById("q-status");
    box.hidden = false;
    q.addEventListener("input", function () {
      var needle = q.value.trim().toLowerCase();
      var shown = 0;
      turns.forEach(function (li) {
        var hit = !needle || li.textContent.toLowerCase().indexOf(needle) !== -1;
        li.hidden = !hit;
        if (hit) { shown += 1; }
      });
      status.textContent = needle ? shown + " of " + turns.length + " turns contain \u201c" + q.value.trim() + "\u201d" : "";
    });
  }
  // Printing shows every collapsible block.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
}());
