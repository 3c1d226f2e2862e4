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
    button.textContent = isOn() ? "退出长辈模式" : "长辈模式（大字版）";
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

  /* When a search finds nothing, suggest what does work instead of a bare "no results". */
  function helpWhenNothingFound() {
    var meta = document.querySelector(".md-search-result__meta");
    var holder = document.querySelector("[data-plan-base]");
    if (!meta || !holder) return;
    var base = holder.getAttribute("data-plan-base").replace(/\/?$/, "/");
    var help = document.createElement("div");
    help.className = "plan-search-help";
    help.innerHTML =
      "<p>可以换一种说法再试：单位简称（如“市工信局”）、关键词（如“电梯”“二手车”）、" +
      "措施序号（如“17”或“（十七）”），或“2025 环卫”这样的年份加关键词。</p>" +
      "<p>也可以按<a href='" + base + "departments/'>责任单位</a>、" +
      "<a href='" + base + "years/'>目标年份</a>或<a href='" + base + "full-text/'>方案全文</a>查找。</p>";
    /* In the page only while nothing is found: the theme's arrow keys step through every link
       in the results, and a hidden one would trap them. */
    new MutationObserver(function () {
      var list = document.querySelector(".md-search-result__list");
      var empty = !list || list.children.length === 0;
      if (empty && /没有找到/.test(meta.textContent)) {
        if (!help.isConnected) meta.insertAdjacentElement("afterend", help);
      } else if (help.isConnected) {
        help.remove();
      }
    }).observe(meta, { childList: true, characterData: true, subtree: true });
  }

  /* The theme's search dialog has no accessible name; screen readers announce this one. */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "搜索");
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

  function start() {
    setUp();
    copyButtons();
    printButtons();
    filters();
    helpWhenNothingFound();
    nameSearchDialog();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
