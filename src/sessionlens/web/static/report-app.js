(function () {
  "use strict";
  // A deep link from a search hit (report?hl=words#turn-6): mark the query's words in the
  // target and bring the first one into view below any sticky bar (the transcript search).
  var params = new URLSearchParams(window.location.search);
  var words = (params.get("hl") || "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  var id = window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : "";
  var target = id ? document.getElementById(id) : null;
  if (!target && !words.length) { return; }
  var scope = target || document.getElementById("main") || document.body;
  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  // the search engine stems words ("divides" finds "divide"): match words by their stem
  var stems = words.filter(function (w) { return w.length > 1; }).map(function (w) {
    return escapeRe(w.length > 4 ? w.slice(0, w.length - 2) : w);
  });
  var marks = [];
  if (stems.length) {
    var re = new RegExp("(?<![\\p{L}\\p{N}])(?:" + stems.join("|") + ")[\\p{L}\\p{N}]*", "giu");
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      re.lastIndex = 0;
      if (!re.test(text) || node.parentNode.closest("script, style, mark, .search")) { return; }
      re.lastIndex = 0;
      var frag = document.createDocumentFragment();
      var last = 0;
      text.replace(re, function (m, offset) {
        frag.appendChild(document.createTextNode(text.slice(last, offset)));
        var mk = document.createElement("mark");
        mk.className = "sl-hit";
        mk.textContent = m;
        frag.appendChild(mk);
        marks.push(mk);
        last = offset + m.length;
        return m;
      });
      frag.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(frag, node);
    });
  }
  var focus = marks[0] || target;
  if (!focus) { return; }
  for (var d = focus.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) { d.open = true; }
  if (target) { target.classList.add("sl-target"); }
  function stickyHeight() {
    var h = 0;
    Array.prototype.forEach.call(document.querySelectorAll(".search, [data-sticky]"), function (el) {
      var pos = window.getComputedStyle(el).position;
      if ((pos === "sticky" || pos === "fixed") && !el.hidden) { h = Math.max(h, el.getBoundingClientRect().height); }
    });
    return h;
  }
  function bringIntoView() {
    var box = (target || focus).getBoundingClientRect();
    window.scrollTo(0, window.scrollY + box.top - stickyHeight() - 16);
  }
  bringIntoView();
  window.addEventListener("load", bringIntoView);
}());
