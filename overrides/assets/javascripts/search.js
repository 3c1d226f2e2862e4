/* The site's own search box in the header, over the index plansite/site/search_index.py writes,
   ranked by search-rank.js (PlanSearch), which loads first. Results are written as text, never
   as HTML. */
(function () {
  "use strict";
  // How long a reader's pause between keys is, in milliseconds.
  var PAUSE = 60;
  /* Some 70 characters of the page's text around the match that counts most (marks come in that
     order: a part matched whole, then the pieces that weigh most), with every match marked; the
     text's start where it holds none (a measure found by its department's name). */
  function excerpt(page, marks) {
    var raw = page.entry.text, text = page.text;
    var first = -1;
    marks.some(function (m) {
      first = m ? text.indexOf(m) : -1;
      return first !== -1;
    });
    if (!raw) return null;
    first = Math.max(first, 0);
    var start = Math.max(0, first - 20), end = Math.min(raw.length, start + 72);
    var paragraph = document.createElement("p");
    if (start > 0) paragraph.appendChild(document.createTextNode("…"));
    marked(paragraph, raw.slice(start, end), text.slice(start, end), marks);
    if (end < raw.length) paragraph.appendChild(document.createTextNode("…"));
    return paragraph;
  }

  /* ``raw`` into ``element`` as text, every match of ``marks`` in ``folded`` (raw folded, of the
     same length) marked; matches that overlap are marked as one (装电 and 电梯: 装电梯). */
  function marked(element, raw, folded, marks) {
    var at = 0;
    while (at < folded.length) {
      var next = -1, length = 0;
      marks.forEach(function (m) {
        var i = m ? folded.indexOf(m, at) : -1;
        if (i !== -1 && (next === -1 || i < next || (i === next && m.length > length))) { next = i; length = m.length; }
      });
      if (next === -1) { element.appendChild(document.createTextNode(raw.slice(at))); break; }
      for (var grown = true; grown;) {
        grown = false;
        marks.forEach(function (m) {
          var i = m ? folded.indexOf(m, next) : -1;
          if (i !== -1 && i < next + length && i + m.length > next + length) { length = i + m.length - next; grown = true; }
        });
      }
      if (next > at) element.appendChild(document.createTextNode(raw.slice(at, next)));
      var mark = document.createElement("mark");
      mark.textContent = raw.slice(next, next + length);
      element.appendChild(mark);
      at = next + length;
    }
  }

  function item(base, result) {
    var entry = result.page.entry;
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = base + entry.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset plan-search-result";
    var title = document.createElement("h1");
    marked(title, entry.title, result.page.title, result.marks);
    var kind = document.createElement("p");
    kind.className = "plan-search-result__kind";
    kind.textContent = entry.context ? entry.kind + " · " + entry.context : entry.kind;
    article.appendChild(title);
    article.appendChild(kind);
    var text = excerpt(result.page, result.marks);
    if (text) article.appendChild(text);
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function nothingFound(base, index) {
    var help = document.createElement("div");
    help.className = "plan-search-help";
    var tips = document.createElement("p");
    /* The examples, the pages to look in instead and the help page are this plan's own, from the index. */
    var examples = index.examples;
    var ways = [examples.unit ? "单位简称（如“" + examples.unit + "”）" : "单位简称", "原文中的词语",
      examples.number ? "措施序号（如“" + examples.number + "”或“" + examples.label + "”）" : "措施序号"];
    if (examples.year_query) ways.push("“" + examples.year_query + "”这样的年份加关键词");
    tips.textContent = "可以换一种说法再试：" + ways.join("、") + "。";
    var where = document.createElement("p");
    var pieces = [["也可以按", null]];
    index.elsewhere.forEach(function (page, i) {
      if (i) pieces.push([i === index.elsewhere.length - 1 ? "或" : "、", null]);
      pieces.push([page.title, page.url]);
    });
    pieces.push(["查找。想了解补贴怎么申请，见", null], [index.help.title, index.help.url], ["。", null]);
    pieces.forEach(function (piece) {
      var node = piece[1] === null ? document.createTextNode(piece[0]) : document.createElement("a");
      if (piece[1] !== null) { node.href = base + piece[1]; node.textContent = piece[0]; }
      where.appendChild(node);
    });
    help.appendChild(tips);
    help.appendChild(where);
    return help;
  }

  function setUp(box) {
    var toggle = document.getElementById("__search");
    var input = box.querySelector(".md-search__input");
    var meta = box.querySelector(".md-search-result__meta");
    var list = box.querySelector(".md-search-result__list");
    var form = box.querySelector("form");
    var folded = [box.querySelector(".md-search__options"), box.querySelector(".md-search__output")];
    var indexUrl = new URL(box.getAttribute("data-plan-search"), window.location.href);
    var base = new URL(box.getAttribute("data-plan-base"), window.location.href).href;
    var searchPage = box.hasAttribute("data-plan-search-page");
    var index = null, pages = null, loading = null, timer = null, shown = [], returning = false;
    var lastKey = 0;

    function load() {
      if (!loading) {
        loading = fetch(indexUrl.href).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        }).then(function (loaded) {
          index = loaded;
          pages = loaded.pages.map(PlanSearch.prepare);
        });
      }
      return loading;
    }

    /* While search is closed its button and results, hidden (or folded away on a phone), take no
       focus: Tab goes from the box straight on. */
    function settle() {
      var closed = !toggle || !toggle.checked;
      folded.forEach(function (part) {
        if (closed) part.setAttribute("inert", ""); else part.removeAttribute("inert");
      });
    }

    function open() {
      if (toggle && !toggle.checked) toggle.checked = true;
      settle();
      if (!searchPage) load().catch(function () { meta.textContent = "搜索暂时不可用，请按责任单位或目标年份查找。"; });
    }

    /* Escape gives the focus back to the box, which stays closed until the reader types or comes
       back to it; leaving the box (Tab, Shift+Tab) just closes it. */
    function close(refocus) {
      if (toggle) toggle.checked = false;
      if (refocus) {
        returning = true;
        input.focus();
        returning = false;
      }
      settle();
    }

    function render() {
      var query = input.value;
      /* Already shown (a key's keyup after its input, a pause after the last key): drawn again,
         the list would take away a result the reader has just moved to with the arrow keys. */
      if (list.getAttribute("data-plan-query") === query) return;
      var old = box.querySelector(".plan-search-help");
      if (old) old.remove();
      list.textContent = "";
      /* Which query the results shown are for: a search that answers late never passes for a newer one. */
      list.setAttribute("data-plan-query", query);
      if (!query.trim()) {
        meta.textContent = "输入单位名称、关键词或措施序号";
        shown = [];
        return;
      }
      shown = PlanSearch.search(pages, query, index.terms, index.readings);
      if (!shown.length) {
        meta.textContent = "没有找到符合条件的结果";
        meta.insertAdjacentElement("afterend", nothingFound(base, index));
        return;
      }
      meta.textContent = shown.length === PlanSearch.MAX_RESULTS ? "列出最相关的 " + shown.length + " 个结果" :
        "找到 " + shown.length + " 个结果";
      shown.forEach(function (result) { list.appendChild(item(base, result)); });
    }

    /* The first results as soon as the index is in (it takes longer than a keystroke to come), and
       at once for a key or an input method's word after a pause; while the reader types on, once
       they pause, so a search does not run at every key. */
    function later() {
      if (searchPage) return;
      clearTimeout(timer);
      var now = Date.now(), typingOn = now - lastKey < PAUSE;
      lastKey = now;
      if (!index) load().then(render);
      else if (typingOn) timer = setTimeout(render, PAUSE);
      else render();
    }

    input.addEventListener("focus", function () { if (!returning) open(); });
    input.addEventListener("click", open);
    input.addEventListener("input", function () { open(); later(); });
    /* An input method commits its words with a key: search then as well. */
    input.addEventListener("keyup", function (event) { if (event.key !== "Enter" && !event.key.startsWith("Arrow")) later(); });
    if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) { input.focus(); open(); } else settle(); });
    box.addEventListener("focusout", function (event) {
      var to = event.relatedTarget;
      if (to && !box.contains(to) && toggle && toggle.checked) close(false);
    });
    form.addEventListener("reset", function () { setTimeout(function () { render(); input.focus(); }, 0); });
    form.addEventListener("submit", function (event) {
      if (searchPage) return; /* the search page reads ?q= */
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
    box.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && links.length) { open(); links[Math.min(at + 1, links.length - 1)].focus(); event.preventDefault(); }
      else if (event.key === "ArrowUp" && at !== -1) { (at === 0 ? input : links[at - 1]).focus(); event.preventDefault(); }
    });
    document.addEventListener("keydown", function (event) {
      /* Escape while an input method composes words only cancels the composition. */
      if (event.key === "Escape" && !event.isComposing && toggle && toggle.checked) {
        close(true);
        event.preventDefault();
        return;
      }
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
        event.preventDefault();
        open();
        input.focus();
      }
    });
    settle();
  }

  function start() {
    var box = document.querySelector("[data-plan-search]");
    if (box) setUp(box);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
