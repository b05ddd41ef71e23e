// Intake status: poll the same-origin JSON every few seconds and redraw the table.
// Values go in with textContent only, so nothing from a file name can run.
"use strict";
(function () {
  var table = document.getElementById("files");
  if (!table) { return; }
  var url = table.getAttribute("data-poll");
  var docUrl = table.getAttribute("data-doc-url");
  var body = table.querySelector("tbody");

  function cell(row, text, cls) {
    var td = document.createElement("td");
    if (cls) { td.className = cls; }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function draw(data) {
    var counts = document.querySelectorAll("#counts [data-state]");
    counts.forEach(function (chip) {
      var n = data.counts[chip.getAttribute("data-state")] || 0;
      chip.querySelector("strong").textContent = String(n);
    });
    var rows = document.createDocumentFragment();
    data.files.forEach(function (f) {
      var tr = document.createElement("tr");
      tr.className = "state-" + f.state;
      cell(tr, f.created_at.replace("T", " "));
      cell(tr, f.original_name, "filename");
      cell(tr, f.source_path, "filename");
      cell(tr, f.state + (f.attempts > 1 ? " (" + f.attempts + " attempts)" : ""));
      var last = cell(tr, "");
      if (f.document_id) {
        var a = document.createElement("a");
        a.href = docUrl.replace(/\/0$/, "/" + String(Number(f.document_id)));
        a.textContent = "document " + f.document_id;
        last.appendChild(a);
      }
      if (f.error) {
        var span = document.createElement("span");
        span.className = "reason";
        span.textContent = " " + f.error;
        last.appendChild(span);
      }
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { draw(data); } })
      .catch(function () {})
      .finally(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 2000);
})();
