// The survey page without a server: the filled-in form becomes the line to
// paste under `responses:` in the progress file. Without this script the
// form still shows, and prints to be filled in by hand.
(function () {
  "use strict";
  var form = document.getElementById("survey-form");
  var block = document.getElementById("survey-yaml-block");
  var output = document.getElementById("survey-yaml");
  var copy = document.getElementById("survey-copy");
  var status = document.getElementById("survey-copied");
  if (!form || !block || !output) return;
  block.hidden = false;

  // A YAML plain scalar when it reads back as the same text, a double-quoted one otherwise
  // (a JSON string is a valid YAML double-quoted scalar).
  function scalar(text) {
    return /^[0-9A-Za-z\u00C0-\u024F][0-9A-Za-z\u00C0-\u024F .'\u2019-]*$/.test(text) &&
      !/^(y|n|yes|no|true|false|on|off|null)$/i.test(text) && !/ $/.test(text) ? text : JSON.stringify(text);
  }

  function value(name) {
    var field = form.elements[name];
    if (!field) return "";
    if (field.value !== undefined && field.tagName) return field.value.trim();
    for (var i = 0; i < field.length; i++) if (field[i].checked) return field[i].value;
    return "";
  }

  function update() {
    var answers = [];
    var questions = form.querySelectorAll("[data-question]");
    for (var i = 0; i < questions.length; i++) {
      var id = questions[i].getAttribute("data-question");
      var answer = value("q-" + id);
      if (answer !== "") answers.push(id + ": " + (questions[i].getAttribute("data-type") === "text" ? scalar(answer) : answer));
    }
    output.value = "  - {survey: " + form.getAttribute("data-survey") + ", date: " + (value("date") || "YYYY-MM-DD") +
      ", by: " + (value("by") || "tutee") + ", answers: {" + answers.join(", ") + "}}";
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();

  if (copy) {
    copy.addEventListener("click", function () {
      output.select();
      var done = function () { if (status) status.textContent = copy.getAttribute("data-done") || "\u2713"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(output.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  }
})();
