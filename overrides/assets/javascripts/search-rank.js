/* How the site's own search ranks pages: the scoring search.js uses, and the tests call directly.

   What a reader types is matched as a phrase, by substring, so Chinese needs no word
   segmentation and a phrase copied from the plan finds the measure that holds it. Each part
   of a query (parts are separated by spaces) scores, best first: a word that names the page
   (a measure's number, a department's names), the title, a lead department's name, a
   supporting one's or the text (a few points more for each further occurrence), and last a
   partial match: the share of the part's two-character pieces the page holds, always below any
   whole match. A part that holds an everyday word (下水道) also scores as the plan's words it
   stands for (污水收集管网: the data's search_terms), below any literal whole match. A part no
   page holds is read as the words between the asking words in it (冰箱补贴多少钱: 冰箱补贴;
   我家电梯能换吗: 电梯). A page's
   score is the sum over the parts, halved for each part it misses, times its weight (a measure
   above an index page that lists it). */
var PlanSearch = (function () {
  "use strict";
  var MAX_RESULTS = 12;
  var KEY = 100, TITLE_EXACT = 90, TITLE = 60, LEAD = 45, TEXT = 30, PARTIAL = 24;

  /* Fold what differs only in form: case and full-width letters, digits and brackets. */
  function fold(text) {
    return text.toLowerCase().replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\u3000/g, " ");
  }
  /* What is neither a letter nor a digit: spaces, punctuation and symbols, ASCII and CJK. Written
     as ranges, not \p{L}, which older phones' browsers cannot parse (one syntax error would stop
     the whole file). */
  var NOT_WORD = /[\s!-\/:-@\[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u245f\u2500-\u2775\u2794-\u27bf\u2e00-\u2e7f\u3000-\u3003\u3008-\u3020\u3030\u303d\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/g;
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

  /* The forms of a part that say it in the plan's words: for each everyday word it holds (terms:
     [word, [the plan's words]]), the part with the word replaced by each word it stands for, and
     that word alone (暖气不热: 供热不热, and 供热). */
  function planWords(part, terms) {
    var forms = [];
    (terms || []).forEach(function (term) {
      var word = fold(term[0]);
      if (part.indexOf(word) === -1) return;
      term[1].forEach(function (meant) {
        forms.push(part.split(word).join(fold(meant)));
        if (part !== word) forms.push(fold(meant));
      });
    });
    return forms;
  }

  /* A part's score through the everyday words it holds: below any literal whole match. */
  function throughTerms(page, forms) {
    var best = { score: 0, marks: [] };
    forms.forEach(function (form) {
      var s = score(page, form);
      if (s.score > best.score) best = s;
    });
    return best.score ? { score: Math.min(best.score * 0.8, TEXT - 1), marks: best.marks } : best;
  }

  /* The words a question wraps around what it asks about: 冰箱补贴多少钱, 我家电梯能换吗,
     下水道堵了找谁. Only a part no page holds is cut at them (节能 and 能效 stay whole). */
  var ASKING = /我家|我们|家里|怎么办|怎么样|怎么|怎样|如何|多少钱|多少|哪里|哪儿|在哪|什么时候|什么|能不能|能否|可不可以|可以|有没有|是不是|是否|找谁|我|能|吗|呢|吧|啊|了/g;

  /* A part no page holds whole, literally or through an everyday word, read as the words
     between the asking words in it (a character left alone between them, as 换 in 电梯能换吗,
     only where no longer word is left); a part some page holds stays as typed. */
  function asked(pages, part, terms) {
    var words = part.split(ASKING).filter(function (p) { return bare(p) !== ""; });
    var longer = words.filter(function (p) { return bare(p).length > 1; });
    if (longer.length) words = longer;
    if (words.length === 1 && words[0] === part) return [part];
    var forms = planWords(part, terms);
    var held = pages.some(function (page) {
      return score(page, part).score > PARTIAL || (forms.length && throughTerms(page, forms).score > 0);
    });
    return held || !words.length ? [part] : words;
  }

  function search(pages, query, terms) {
    var parts = [];
    fold(query).split(/\s+/).forEach(function (p) {
      if (bare(p) !== "") parts = parts.concat(asked(pages, p, terms));
    });
    if (!parts.length) return [];
    var forms = parts.map(function (part) { return planWords(part, terms); });
    var found = [];
    pages.forEach(function (page) {
      var total = 0, missed = 0, marks = [];
      parts.forEach(function (part, i) {
        var s = score(page, part);
        if (!s.score || (s.score <= PARTIAL && forms[i].length)) {
          var meant = throughTerms(page, forms[i]);
          if (meant.score > s.score) s = meant;
        }
        if (s.score) { total += s.score; marks = marks.concat(s.marks); } else missed++;
      });
      if (total > 0) found.push({ page: page, score: total * Math.pow(0.5, missed) * page.entry.weight, marks: marks });
    });
    found.sort(function (a, b) { return b.score - a.score || a.page.order - b.page.order; });
    return found.slice(0, MAX_RESULTS);
  }

  return { MAX_RESULTS: MAX_RESULTS, fold: fold, prepare: prepare, search: search };
})();
