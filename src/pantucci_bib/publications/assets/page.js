// Search and filters for the publication page: plain JavaScript, nothing fetched.
(function () {
  "use strict";
  var fold = function (text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var entries = Array.prototype.slice.call(document.querySelectorAll("li.entry"));
  var years = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  var search = document.getElementById("search");
  var outlet = document.getElementById("outlet");
  var coauthor = document.getElementById("coauthor");
  var showing = document.getElementById("showing");
  var kindButtons = Array.prototype.slice.call(document.querySelectorAll(".kind-filter"));
  var kind = "";
  entries.forEach(function (li) {
    li.searchText = li.getAttribute("data-search");
    var names = li.getAttribute("data-coauthors");
    li.partners = names ? names.split("|") : [];
  });

  function apply() {
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    entries.forEach(function (li) {
      var ok = (!kind || li.getAttribute("data-kind") === kind) &&
        (!outlet.value || li.getAttribute("data-outlet") === outlet.value) &&
        (!coauthor.value || li.partners.indexOf(coauthor.value) >= 0) &&
        words.every(function (w) { return li.searchText.indexOf(w) >= 0; });
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    years.forEach(function (section) {
      section.hidden = !section.querySelector("li.entry:not([hidden])");
    });
    showing.textContent = "Showing " + shown + " of " + entries.length + ".";
  }

  function setKind(value) {
    kind = value;
    kindButtons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-kind") === value));
    });
    apply();
  }

  function fromHash() {
    var match = /^#coauthor=(.*)$/.exec(location.hash);
    if (match) {
      coauthor.value = decodeURIComponent(match[1]);
      apply();
    }
  }

  kindButtons.forEach(function (b) {
    b.addEventListener("click", function () { setKind(b.getAttribute("data-kind")); });
  });
  search.addEventListener("input", apply);
  outlet.addEventListener("change", apply);
  coauthor.addEventListener("change", apply);
  document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  document.getElementById("reset").addEventListener("click", function () {
    search.value = ""; outlet.value = ""; coauthor.value = "";
    if (location.hash) { history.replaceState(null, "", location.pathname); }
    setKind("");
  });
  window.addEventListener("hashchange", fromHash);

  // Copy one entry: the text is that of the entry's download link (a base64 data: URI). The
  // Clipboard API where the browser allows it; else the text in a visible, selected textarea
  // (copied by execCommand where that still works, else left for Ctrl+C).
  var status = document.getElementById("copy-status");
  var say = function (message) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  };
  var textOf = function (link) {
    var binary = atob(link.getAttribute("href").split(",")[1]);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) { bytes[i] = binary.charCodeAt(i); }
    return new TextDecoder("utf-8").decode(bytes);
  };
  var showText = function (button, text, what) {
    var item = button.closest("li.entry");
    var box = item.querySelector("textarea.copy-text");
    if (!box) {
      box = document.createElement("textarea");
      box.className = "copy-text";
      box.readOnly = true;
      box.rows = 6;
      box.addEventListener("keydown", function (e) {
        if (e.key === "Escape") { box.hidden = true; box.opener.focus(); }
      });
      item.appendChild(box);
    }
    box.opener = button;
    box.setAttribute("aria-label", what + " (Escape closes)");
    box.value = text;
    box.hidden = false;
    box.focus();
    box.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    say(copied ? "Copied " + what + "." : what + " selected: press Ctrl+C to copy it.");
  };
  Array.prototype.slice.call(document.querySelectorAll("button.copy")).forEach(function (button) {
    var link = button.previousElementSibling;
    var what = button.getAttribute("aria-label").replace(/^Copy /, "");
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = textOf(link);
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(
          function () { say("Copied " + what + "."); },
          function () { showText(button, text, what); }
        );
      } else {
        showText(button, text, what);
      }
    });
  });
  document.getElementById("controls").hidden = false;
  apply();
  fromHash();
})();
