// ld-export publish: the claim panel of the article page. The page reads in full without this
// script; it only shows, beside the text, what a selected passage is evidence for.
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  if (!panel) { return; }
  var body = panel.querySelector(".panel-body");
  var hint = panel.querySelector(".hint");
  panel.hidden = false;

  function markOf(node) {
    while (node && node.nodeType === 1) {
      if (node.tagName === "MARK") { return node; }
      node = node.parentNode;
    }
    return null;
  }

  function anchorIri(mark) {
    return mark.getAttribute("data-iri") || mark.getAttribute("data-continues");
  }

  function partsOf(iri) {
    return document.querySelectorAll('mark[data-iri="' + CSS.escape(iri) + '"], mark[data-continues="' + CSS.escape(iri) + '"]');
  }

  function show(mark) {
    var seen = {};
    var entries = [];
    document.querySelectorAll("mark.selected, mark.related").forEach(function (m) {
      m.classList.remove("selected", "related");
    });
    partsOf(anchorIri(mark)).forEach(function (m) { m.classList.add("selected"); });
    // The passage, then the passages around it, each with what it is evidence for.
    for (var m = mark; m; m = markOf(m.parentNode)) {
      (m.getAttribute("data-for") || "").split(" ").forEach(function (id) {
        if (id && !seen[id]) { seen[id] = true; entries.push(id); }
      });
    }
    body.textContent = "";
    if (hint) { hint.hidden = true; }
    var quote = document.createElement("blockquote");
    var words = "";
    partsOf(anchorIri(mark)).forEach(function (m) { words += m.textContent; });
    quote.textContent = "“" + words + "”";
    body.appendChild(quote);
    entries.forEach(function (id) {
      var entry = document.getElementById(id);
      if (!entry) { return; }
      var copy = entry.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
      if (copy.tagName === "LI") {
        var wrap = document.createElement("ul");
        wrap.className = "list";
        wrap.appendChild(copy);
        copy = wrap;
      }
      copy.setAttribute("data-entry", id);
      body.appendChild(copy);
    });
    var claimIds = entries.filter(function (id) { return id.indexOf("c-") === 0; });
    claimIds.forEach(function (id) {
      var claim = document.getElementById(id);
      if (!claim) { return; }
      claim.querySelectorAll("a.passage").forEach(function (a) {
        var target = document.getElementById(a.getAttribute("href").split("#")[1] || "");
        if (target && target.tagName === "MARK") {
          partsOf(anchorIri(target)).forEach(function (p) { if (!p.classList.contains("selected")) { p.classList.add("related"); } });
        }
      });
    });
  }

  document.addEventListener("click", function (event) {
    var mark = markOf(event.target);
    if (mark && mark.closest("article.text")) {
      show(mark);
    }
  });
  if (location.hash) {
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "MARK") { show(target); }
  }
}());
