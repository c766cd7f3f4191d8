// An htmx request that fails (Tandem busy, a server error, the network down) swaps nothing in,
// so without this the EC would see no change and could think a draft was kept or a row added.
// The message stays at the foot of the window, announced once (role="alert"), until a request
// succeeds again. htmx fires these events on the element that sent the request; they bubble.
(function () {
  "use strict";
  var BUSY = "Tandem is busy for a moment: your last change was not sent. Wait a few seconds, then go on typing or press the button again.";
  var OFFLINE = "Tandem cannot be reached: your last change was not sent. Check your connection; what you typed is still on this page.";
  var FAILED = "Something went wrong on our side: your last change was not sent. Try again; if it keeps happening, save the page and tell your supervisor.";

  // Made on the first failure, not carried by every page: a page's own alerts stay its only ones.
  function box(make) {
    var holder = document.getElementById("tandem-request-problem");
    if (!holder && make) {
      holder = document.createElement("div");
      holder.id = "tandem-request-problem";
      holder.className = "usa-alert usa-alert--error usa-alert--slim tandem-request-problem";
      holder.setAttribute("role", "alert");
      var body = document.createElement("div");
      body.className = "usa-alert__body";
      var text = document.createElement("p");
      text.className = "usa-alert__text";
      body.appendChild(text);
      holder.appendChild(body);
      document.body.appendChild(holder);
    }
    return holder;
  }

  function show(message) {
    var holder = box(true);
    holder.querySelector(".usa-alert__text").textContent = message;
    holder.hidden = false;
  }

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail && event.detail.xhr;
    show(xhr && xhr.status === 503 ? BUSY : FAILED);
  });
  document.addEventListener("htmx:sendError", function () {
    show(OFFLINE);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var holder = box(false);
    if (holder && event.detail && event.detail.successful) {
      holder.hidden = true;
    }
  });
})();
