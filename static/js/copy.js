// Copy buttons (progressive enhancement; strict CSP: no inline script).
// An element with data-copy-from="<id of an input>" gets a "Copy" button and a live status
// that says "Copied". Without this script, or without the Clipboard API (plain http other than
// localhost, old browsers), nothing is added: the field stays selectable to copy by hand.
(function () {
  "use strict";

  function setUp(holder) {
    var source = document.getElementById(holder.getAttribute("data-copy-from"));
    if (!source || holder.querySelector("button")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "usa-button usa-button--outline tandem-copy__button";
    button.textContent = holder.getAttribute("data-copy-label") || "Copy";
    var status = document.createElement("span");
    status.className = "tandem-copy__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    holder.appendChild(button);
    holder.appendChild(status);
    button.addEventListener("click", function () {
      status.textContent = "";
      navigator.clipboard.writeText(source.value).then(
        function () {
          status.textContent = holder.getAttribute("data-copied") || "Copied";
        },
        function () {
          source.focus();
          source.select();
          status.textContent = "Could not copy: the text is selected, press Ctrl+C (Command+C on a Mac).";
        }
      );
    });
  }

  function start() {
    if (!window.isSecureContext || !navigator.clipboard || !navigator.clipboard.writeText) {
      return;
    }
    document.querySelectorAll("[data-copy-from]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
