/* tutorat, default theme: search over the public pages.
   Reads the index that `tutorat build` writes (search/search-index.js, which
   sets window.TUTORAT_SEARCH_INDEX), so it works opened from disk, offline,
   and sends no request. Every word it shows comes from the page (data-*). */
(function () {
  "use strict";

  var container = document.getElementById("search");
  if (!container) return;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var words = container.dataset;
  var index = window.TUTORAT_SEARCH_INDEX;
  var MAX_RESULTS = 50;

  /* The same folding as the index (SearchIndex.fold): accents and case
     removed, œ and æ spelt out, anything but letters and digits a space. */
  function fold(text) {
    return String(text)
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae");
  }

  function format(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return String(template || "").replace(/\{(\d+)\}/g, function (match, n) {
      return args[Number(n)] !== undefined ? args[Number(n)] : match;
    });
  }

  form.hidden = false;
  if (!Array.isArray(index)) {
    status.textContent = words.unavailable || "";
    input.disabled = true;
    return;
  }

  var root = new URL(words.root || "", window.location.href);
  var entries = index.map(function (entry) {
    return {
      entry: entry,
      title: fold(entry.title),
      text: " " + entry.text + " ",
      href: new URL(entry.url, root).href
    };
  });

  function score(item, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      var at = item.text.indexOf(term);
      if (at < 0) return 0;
      total += 1;
      if (item.title.indexOf(term) >= 0) total += 10;
      if (item.text.indexOf(" " + term) >= 0) total += 2;
      var count = 0;
      while (at >= 0 && count < 10) {
        count += 1;
        at = item.text.indexOf(term, at + term.length);
      }
      total += count;
    }
    return total;
  }

  function search(query) {
    var terms = fold(query).split(" ").filter(Boolean);
    if (terms.length === 0) return null;
    return entries
      .map(function (item) { return { item: item, score: score(item, terms) }; })
      .filter(function (found) { return found.score > 0; })
      .sort(function (a, b) {
        return b.score - a.score || a.item.entry.title.localeCompare(b.item.entry.title);
      });
  }

  function show(query) {
    var found = search(query);
    list.textContent = "";
    if (found === null) {
      status.textContent = words.prompt || "";
      list.hidden = true;
      return;
    }
    var shown = query.trim();
    if (found.length === 0) {
      status.textContent = format(words.none, shown);
    } else if (found.length === 1) {
      status.textContent = format(words.one, shown);
    } else {
      status.textContent = format(words.many, String(found.length), shown);
    }
    found.slice(0, MAX_RESULTS).forEach(function (result) {
      var entry = result.item.entry;
      var item = document.createElement("li");
      item.className = "search-result";
      var heading = document.createElement("h2");
      heading.className = "search-result-title";
      var link = document.createElement("a");
      link.href = result.item.href;
      link.textContent = entry.title;
      heading.appendChild(link);
      var kind = document.createElement("p");
      kind.className = "search-result-kind";
      kind.textContent = entry.kind;
      item.appendChild(heading);
      item.appendChild(kind);
      if (entry.excerpt) {
        var excerpt = document.createElement("p");
        excerpt.className = "search-result-excerpt";
        excerpt.textContent = entry.excerpt;
        item.appendChild(excerpt);
      }
      list.appendChild(item);
    });
    list.hidden = found.length === 0;
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { show(input.value); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    show(input.value);
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    show(initial);
  } else {
    status.textContent = words.prompt || "";
  }
})();
