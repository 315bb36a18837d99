/* The public site's only script: small enhancements, each optional (pages work without it). */
(function () {
  "use strict";
  var store = null;
  try {
    store = window.sessionStorage;
  } catch (e) {
    store = null;
  }

  // 打印: a button rather than an inline handler.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // 复制链接: shown only where the browser can copy.
  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var status = button.parentNode.querySelector("[role=status]");
        navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(function () {
          if (status) status.textContent = "链接已复制";
        });
      });
    });
  }

  // 本页链接: one tap selects the whole address, ready for the phone's own 复制.
  document.querySelectorAll(".share-sheet__link input").forEach(function (input) {
    input.addEventListener("focus", function () {
      input.select();
    });
  });

  // A listing remembers its filters for this tab; "返回案例库" links restore them.
  var listing = document.querySelector("[data-listing]");
  if (listing && store) {
    store.setItem("listing:" + listing.getAttribute("data-listing"), location.search);
  }
  document.querySelectorAll("a[data-back-to]").forEach(function (link) {
    var search = store && store.getItem("listing:" + link.getAttribute("data-back-to"));
    if (search) link.href = link.getAttribute("data-back-to") + search + "#results";
  });
})();
