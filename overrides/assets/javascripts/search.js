/* The site's own search: the header's box, over the index plansite/search_index.py writes.

   What a reader types is matched as a phrase, by substring, so Chinese needs no word
   segmentation and a phrase copied from the plan finds the measure that holds it. Each part
   of a query (parts are separated by spaces) scores, best first: a word that names the page
   (a measure's number, a department's names), the title, a lead department's name, a
   supporting one's or the text (a few points more for each further occurrence), and last a partial match: the share of the
   part's two-character pieces the page holds, always below any whole match. A page's score is
   the sum over the parts, halved for each part it misses, times its weight (a measure above
   an index page that lists it). Results are written as text, never as HTML. */
(function () {
  var MAX_RESULTS = 12;
  var KEY = 100, TITLE_EXACT = 90, TITLE = 60, LEAD = 45, TEXT = 30, PARTIAL = 24;

  /* Fold what differs only in form: case and full-width letters, digits and brackets. */
  function fold(text) {
    return text.toLowerCase().replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\u3000/g, " ");
  }
  var NOT_WORD = /[^\p{L}\p{N}]+/gu;
  function bare(text) {
    return fold(text).replace(NOT_WORD, "");
  }
  function count(haystack, needle) {
    var n = 0;
    for (var at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) n++;
    return n;
  }
  function holds(names, part) {
    return names.some(function (name) { return name.indexOf(part) !== -1; });
  }
  function pieces(part) {
    var found = [];
    for (var i = 0; i + 2 <= part.length; i++) found.push(part.slice(i, i + 2));
    return found;
  }

  function prepare(entry, order) {
    return {
      entry: entry,
      order: order,
      title: fold(entry.title),
      bareTitle: bare(entry.title),
      text: fold(entry.text),
      keys: entry.keys.map(bare),
      lead: entry.lead.map(bare),
      units: entry.units.map(bare),
    };
  }

  /* A part's score on one page, and the strings to mark in its excerpt. */
  function score(page, part) {
    var plain = bare(part);
    if (!plain) return { score: 0, marks: [] };
    if (page.keys.indexOf(plain) !== -1) return { score: KEY, marks: [part] };
    if (page.bareTitle === plain) return { score: TITLE_EXACT, marks: [part] };
    if (page.title.indexOf(part) !== -1 || page.bareTitle.indexOf(plain) !== -1) return { score: TITLE, marks: [part] };
    if (plain.length > 1 && holds(page.lead, plain)) return { score: LEAD, marks: [part] };
    if (plain.length > 1 && holds(page.units, plain)) return { score: TEXT, marks: [part] };
    var times = count(page.text, part) || count(page.text, plain);
    if (times) return { score: TEXT + Math.min(times - 1, 4), marks: [part, plain] };
    var all = pieces(plain), held = all.filter(function (p) { return page.title.indexOf(p) !== -1 || page.text.indexOf(p) !== -1; });
    if (all.length < 2 || held.length * 2 < all.length) return { score: 0, marks: [] };
    var share = held.length / all.length;
    var inTitle = held.filter(function (p) { return page.title.indexOf(p) !== -1; }).length / held.length;
    var often = held.reduce(function (sum, p) { return sum + count(page.text, p); }, 0);
    var partial = PARTIAL * share * share * (0.8 + 0.2 * inTitle) + Math.min(often, 10) * 0.3;
    return { score: Math.min(partial, PARTIAL), marks: held };
  }

  function search(pages, query) {
    var parts = fold(query).split(/\s+/).filter(function (p) { return bare(p) !== ""; });
    if (!parts.length) return [];
    var found = [];
    pages.forEach(function (page) {
      var total = 0, missed = 0, marks = [];
      parts.forEach(function (part) {
        var s = score(page, part);
        if (s.score) { total += s.score; marks = marks.concat(s.marks); } else missed++;
      });
      if (total > 0) found.push({ page: page, score: total * Math.pow(0.5, missed) * page.entry.weight, marks: marks });
    });
    found.sort(function (a, b) { return b.score - a.score || a.page.order - b.page.order; });
    return found.slice(0, MAX_RESULTS);
  }

  /* Some 70 characters of the page's text around the first match, with every match marked. */
  function excerpt(page, marks) {
    var raw = page.entry.text, text = page.text;
    var first = -1;
    marks.forEach(function (m) {
      var at = m ? text.indexOf(m) : -1;
      if (at !== -1 && (first === -1 || at < first)) first = at;
    });
    if (first === -1) return null;
    var start = Math.max(0, first - 20), end = Math.min(raw.length, start + 72);
    var paragraph = document.createElement("p");
    if (start > 0) paragraph.appendChild(document.createTextNode("…"));
    var window_ = text.slice(start, end), at = 0;
    while (at < window_.length) {
      var next = -1, length = 0;
      marks.forEach(function (m) {
        var i = m ? window_.indexOf(m, at) : -1;
        if (i !== -1 && (next === -1 || i < next || (i === next && m.length > length))) { next = i; length = m.length; }
      });
      if (next === -1) { paragraph.appendChild(document.createTextNode(raw.slice(start + at, end))); break; }
      if (next > at) paragraph.appendChild(document.createTextNode(raw.slice(start + at, start + next)));
      var mark = document.createElement("mark");
      mark.textContent = raw.slice(start + next, start + next + length);
      paragraph.appendChild(mark);
      at = next + length;
    }
    if (end < raw.length) paragraph.appendChild(document.createTextNode("…"));
    return paragraph;
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
    title.textContent = entry.title;
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

  function nothingFound(base, pages, examples) {
    /* The help page, by the kind the index gives it: its title and address are the index's. */
    var guide = pages.filter(function (page) { return page.entry.kind === "指引"; })[0];
    var help = document.createElement("div");
    help.className = "plan-search-help";
    var tips = document.createElement("p");
    /* The examples are this plan's own, from the index. */
    var ways = [examples.unit ? "单位简称（如“" + examples.unit + "”）" : "单位简称", "原文中的词语",
      examples.number ? "措施序号（如“" + examples.number + "”或“" + examples.label + "”）" : "措施序号"];
    if (examples.year_query) ways.push("“" + examples.year_query + "”这样的年份加关键词");
    tips.textContent = "可以换一种说法再试：" + ways.join("、") + "。";
    var where = document.createElement("p");
    [["也可以按", null], ["责任单位", "departments/"], ["、", null], ["目标年份", "years/"], ["或", null],
     ["方案全文", "full-text/"], ["查找。想了解补贴怎么申请，见", null], [guide.entry.title, guide.entry.url],
     ["。", null]].forEach(function (piece) {
      var node = piece[1] ? document.createElement("a") : document.createTextNode(piece[0]);
      if (piece[1]) { node.href = base + piece[1]; node.textContent = piece[0]; }
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
    var indexUrl = new URL(box.getAttribute("data-plan-search"), window.location.href);
    var base = indexUrl.href.replace(/search\.json$/, "");
    var searchPage = box.hasAttribute("data-plan-search-page");
    var pages = null, examples = {}, loading = null, timer = null, shown = [];

    function load() {
      if (!loading) {
        loading = fetch(indexUrl.href).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        }).then(function (index) {
          pages = index.pages.map(prepare);
          examples = index.examples;
        });
      }
      return loading;
    }

    function open() {
      if (toggle && !toggle.checked) toggle.checked = true;
      if (!searchPage) load().catch(function () { meta.textContent = "搜索暂时不可用，请按责任单位或目标年份查找。"; });
    }

    function close() {
      if (toggle) toggle.checked = false;
      input.blur();
    }

    function render() {
      var query = input.value;
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
      shown = search(pages, query);
      if (!shown.length) {
        meta.textContent = "没有找到符合条件的结果";
        meta.insertAdjacentElement("afterend", nothingFound(base, pages, examples));
        return;
      }
      meta.textContent = "找到 " + shown.length + " 个结果" + (shown.length === MAX_RESULTS ? "（只列出最相关的）" : "");
      shown.forEach(function (result) { list.appendChild(item(base, result)); });
    }

    function later() {
      if (searchPage) return;
      clearTimeout(timer);
      timer = setTimeout(function () { load().then(render); }, 60);
    }

    input.addEventListener("focus", open);
    input.addEventListener("input", later);
    /* An input method commits its words with a key: search then as well. */
    input.addEventListener("keyup", function (event) { if (event.key !== "Enter" && !event.key.startsWith("Arrow")) later(); });
    if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) { input.focus(); open(); } });
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
      if (event.key === "Escape") { close(); event.preventDefault(); }
      else if (event.key === "ArrowDown" && links.length) { links[Math.min(at + 1, links.length - 1)].focus(); event.preventDefault(); }
      else if (event.key === "ArrowUp" && at !== -1) { (at === 0 ? input : links[at - 1]).focus(); event.preventDefault(); }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
        event.preventDefault();
        open();
        input.focus();
      }
    });
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
