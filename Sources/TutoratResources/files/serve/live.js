/* tutorat serve: reloads this page when it changes and shows build errors over it. Added by the server only. */
(function () {
  "use strict";
  var script = document.currentScript;
  var pages = (script && script.getAttribute("data-pages")) || "";
  var instance = null;
  var overlay = null;

  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function element(tag, style, text) {
    var node = document.createElement(tag);
    if (style) { node.style.cssText = style; }
    if (text) { node.textContent = text; }
    return node;
  }

  function show(report) {
    hide();
    overlay = element("div", "position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:24px;" +
      "background:rgba(17,17,17,.94);color:#f5f5f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left");
    overlay.id = "tutorat-live-errors";
    overlay.setAttribute("role", "alert");
    overlay.appendChild(element("p", "margin:0 0 16px;font:bold 18px/1.4 system-ui,sans-serif", report.title));
    var list = element("ul", "list-style:none;margin:0;padding:0");
    report.errors.forEach(function (error) {
      var item = element("li", "margin:0 0 14px;white-space:pre-wrap;overflow-wrap:anywhere");
      if (error.location) { item.appendChild(element("span", "color:#ffd27f", error.location + ": ")); }
      item.appendChild(element("span", "color:#ff8a80", "error: "));
      item.appendChild(document.createTextNode(error.message));
      if (error.hint) { item.appendChild(element("div", "color:#b0bec5", "hint: " + error.hint)); }
      list.appendChild(item);
    });
    overlay.appendChild(list);
    if (report.more > 0) { overlay.appendChild(element("p", "margin:0 0 14px", "… and " + report.more + " more (tutorat check lists them all).")); }
    overlay.appendChild(element("p", "margin:16px 0;font:14px/1.5 system-ui,sans-serif;color:#cfd8dc", report.note));
    var close = element("button", "font:14px system-ui,sans-serif;padding:6px 14px;cursor:pointer", "Close");
    close.type = "button";
    close.addEventListener("click", hide);
    overlay.appendChild(close);
    (document.body || document.documentElement).appendChild(overlay);
  }

  if (!window.EventSource) { return; }
  var source = new EventSource("/__tutorat/events?pages=" + encodeURIComponent(pages));
  source.addEventListener("hello", function (event) {
    // A new server (restarted): the page may be out of date.
    if (instance !== null && instance !== event.data) { location.reload(); }
    instance = event.data;
  });
  // serve --edit: a reload never cuts a form being sent (the answer shows the
  // entry anyway) nor throws away what a tutor is typing (the post's hash then
  // says the file changed, and the form comes back with the values typed).
  var busy = false;
  document.addEventListener("submit", function () { busy = true; });
  document.addEventListener("input", function (event) {
    if (event.target.form && event.target.form.classList.contains("edit-form")) { busy = true; }
  });
  source.addEventListener("reload", function () { if (!busy) { location.reload(); } });
  source.addEventListener("errors", function (event) { show(JSON.parse(event.data)); });
  source.addEventListener("ok", hide);
})();
