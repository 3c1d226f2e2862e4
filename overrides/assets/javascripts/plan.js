/* The reading-mode switch (长辈模式): larger text, more line spacing, stronger contrast.
   Kept in this browser's storage, so it stays on across pages and visits; no server involved. */
(function () {
  var KEY = "plan-elder-mode";
  var root = document.documentElement;

  function isOn() {
    return root.getAttribute("data-plan-elder") === "on";
  }

  function show(button) {
    button.setAttribute("aria-pressed", isOn() ? "true" : "false");
    button.textContent = isOn() ? "退出长辈模式" : "长辈模式";
    button.title = isOn() ? "恢复标准字号" : "大字版：更大的字、更宽的行距、更强的对比";
  }

  function setUp() {
    var button = document.querySelector("[data-plan-elder-toggle]");
    if (!button) return;
    button.hidden = false;
    show(button);
    button.addEventListener("click", function () {
      if (isOn()) {
        root.removeAttribute("data-plan-elder");
      } else {
        root.setAttribute("data-plan-elder", "on");
      }
      try {
        localStorage.setItem(KEY, isOn() ? "on" : "off");
      } catch (error) {
        /* Storage may be blocked: the mode then lasts for this page only. */
      }
      show(button);
    });
  }

  /* Citations are plain text anyone can select; with script on, a button copies one in a click. */
  function copyButtons() {
    var citations = document.querySelectorAll("[data-citation]");
    Array.prototype.forEach.call(citations, function (citation) {
      var text = citation.querySelector(".plan-citation__text");
      var label = citation.querySelector(".plan-citation__label");
      var button = document.createElement("button");
      var status = document.createElement("span");
      button.type = "button";
      button.className = "plan-citation__copy";
      button.textContent = citation.getAttribute("data-copy-label") || "复制引用";
      if (label) button.setAttribute("aria-label", "复制" + label.textContent.replace(/[：:]$/, ""));
      status.className = "plan-citation__status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () {
        copy(text.textContent).then(function () {
          status.textContent = "已复制";
        }, function () {
          select(text);
          status.textContent = "请按 Ctrl+C 复制已选中的文字";
        });
        setTimeout(function () { status.textContent = ""; }, 4000);
      });
      citation.appendChild(button);
      citation.appendChild(status);
    });
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    /* Plain-http hosts have no clipboard API: copy a selection the older way. */
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      area.remove();
      if (copied) resolve(); else reject(new Error("copy refused"));
    });
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // A ledger's print button: shown only where the script runs, as it needs it.
  function printButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-plan-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // The departments page's filter: shows the lines whose names hold what the reader typed.
  function filters() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-plan-filter]"), function (input) {
      var items = document.querySelectorAll(input.getAttribute("data-plan-filter"));
      input.closest(".plan-filter").hidden = false;
      input.addEventListener("input", function () {
        var typed = input.value.trim();
        Array.prototype.forEach.call(items, function (item) {
          item.hidden = typed !== "" && item.getAttribute("data-names").indexOf(typed) === -1;
        });
      });
    });
  }

  /* A long list sits behind a disclosure: a link to it, or to anything in it, opens it (as
     Chromium does by itself), and so does printing, which closes again what it opened. */
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }

  function disclosures() {
    var opened = [];
    openTarget();
    window.addEventListener("hashchange", openTarget);
    window.addEventListener("beforeprint", function () {
      Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"), function (details) {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) { details.open = false; });
      opened = [];
    });
  }

  /* The skip links (overrides/main.html) lead past the navigation to the content's start; here, to
     the page's title, which takes the focus, so that the next Tab is the content's first link. A
     title the page gave an id keeps it, as links to it may exist. */
  function skipLinks() {
    var title = document.querySelector(".md-content h1");
    if (!title) return;
    if (!title.id) title.id = "plan-title";
    title.setAttribute("tabindex", "-1");
    Array.prototype.forEach.call(document.querySelectorAll("[data-plan-skip]"), function (link) {
      link.setAttribute("href", "#" + title.id);
      /* The browser then scrolls to the title as to any anchor; not every browser moves the focus there. */
      link.addEventListener("click", function () { title.focus({ preventScroll: true }); });
    });
  }

  function start() {
    skipLinks();
    setUp();
    copyButtons();
    printButtons();
    filters();
    disclosures();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
