// "Preparing the PDF…" while a draft is rendered (progressive enhancement; strict CSP).
// A form or link with data-pdf-progress="<id of a role=status element>" opens its PDF in this
// tab as before; while the server renders it (a few seconds), the status says so, the form or
// link is marked aria-busy and its button is not pressed twice. Without this script the link
// or form works the same, with the hint on the page that a PDF takes a few seconds.
(function () {
  "use strict";
  var MESSAGE = "Preparing the PDF… this takes a few seconds. It opens in this tab when ready.";
  var busy = [];

  function start(trigger) {
    var status = document.getElementById(trigger.getAttribute("data-pdf-progress"));
    if (status) {
      status.textContent = trigger.getAttribute("data-pdf-message") || MESSAGE;
      status.classList.add("tandem-pdf-status--busy");
    }
    trigger.setAttribute("aria-busy", "true");
    trigger.classList.add("tandem-pdf--busy");
    busy.push({ trigger: trigger, status: status });
  }

  function reset() {
    busy.forEach(function (item) {
      item.trigger.removeAttribute("aria-busy");
      item.trigger.classList.remove("tandem-pdf--busy");
      if (item.status) {
        item.status.textContent = "";
        item.status.classList.remove("tandem-pdf-status--busy");
      }
    });
    busy = [];
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-pdf-progress]");
    if (!form || event.defaultPrevented) {
      return;
    }
    if (form.getAttribute("aria-busy") === "true") {
      event.preventDefault(); // already on its way: a second press would render it twice
      return;
    }
    start(form);
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-pdf-progress]");
    // A new tab or window (Ctrl, Command, Shift, middle button) leaves this page as it is.
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey ||
        event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    start(link);
  });

  // Back from the PDF: the page may come back as it was left, so clear the message.
  window.addEventListener("pageshow", reset);
})();
