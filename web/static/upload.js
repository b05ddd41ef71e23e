// Upload: files dropped on the zone or chosen with the picker are sent one request each
// (same-origin, with the form's CSRF token), then each file's ledger row is polled until
// it is filed, a duplicate, or quarantined. Text goes in with textContent only.
"use strict";
(function () {
  var form = document.getElementById("upload-form");
  if (!form) { return; }
  var zone = document.getElementById("dropzone");
  var input = form.querySelector("input[type=file]");
  var body = document.querySelector("#uploads tbody");
  var maxBytes = Number(form.getAttribute("data-max-bytes"));
  var pollUrl = form.getAttribute("data-poll");
  var docUrl = form.getAttribute("data-doc-url");
  var polling = false;
  form.classList.add("scripted");

  function show(tr, f) {
    tr.className = "state-" + f.state;
    if (f.id) { tr.setAttribute("data-id", String(f.id)); }
    tr.querySelector(".state").textContent = f.state;
    var last = tr.querySelector(".outcome");
    last.replaceChildren();
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
  }

  function row(name) {
    var tr = document.createElement("tr");
    ["filename", "state", "outcome"].forEach(function (cls) {
      var td = document.createElement("td");
      td.className = cls;
      tr.appendChild(td);
    });
    tr.querySelector(".filename").textContent = name;
    body.appendChild(tr);
    return tr;
  }

  function send(file) {
    var tr = row(file.name);
    if (file.size > maxBytes) {
      show(tr, { state: "refused", error: "larger than the limit of " + Math.floor(maxBytes / 1048576) + " MB" });
      return;
    }
    show(tr, { state: "uploading" });
    var data = new FormData();
    data.append("csrf_token", form.elements.csrf_token.value);
    data.append("folder", form.elements.folder.value);
    data.append("files", file, file.name);
    fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      if (r.status === 413) { throw new Error("larger than the limit the service accepts"); }
      if (!r.ok) { throw new Error("the upload failed (HTTP " + r.status + ")"); }
      return r.json();
    }).then(function (answer) {
      show(tr, answer.files[0]);
      poll();
    }).catch(function (err) {
      show(tr, { state: "refused", error: err.message });
    });
  }

  function sendAll(files) {
    Array.prototype.forEach.call(files, send);
  }

  function poll() {
    if (polling) { return; }
    var waiting = body.querySelectorAll("tr.state-processing[data-id]");
    if (!waiting.length) { return; }
    polling = true;
    var query = Array.prototype.map.call(waiting, function (tr) {
      return "id=" + encodeURIComponent(tr.getAttribute("data-id"));
    }).join("&");
    fetch(pollUrl + "?" + query, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { files: [] }; })
      .then(function (data) {
        data.files.forEach(function (f) {
          var tr = body.querySelector('tr[data-id="' + String(Number(f.id)) + '"]');
          if (tr) { show(tr, f); }
        });
      })
      .catch(function () {})
      .finally(function () { polling = false; window.setTimeout(poll, 1000); });
  }

  input.addEventListener("change", function () {
    sendAll(input.files);
    input.value = "";
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    sendAll(input.files);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
  zone.addEventListener("drop", function (e) {
    e.preventDefault();
    zone.classList.remove("over");
    if (e.dataTransfer && e.dataTransfer.files) { sendAll(e.dataTransfer.files); }
  });
  poll();
})();
