/* How the site's own search ranks pages: the scoring search.js uses, and the tests call directly.

   A ranking model, as full-text engines that serve Chinese use (Lucene's CJK analyzer, Pagefind,
   Elasticsearch's cjk bigrams): text is cut into two-character pieces, so Chinese needs no word
   segmentation, and each page is scored with BM25F over its fields. Every piece of the query
   counts, weighted by how rare it is in the plan (idf), its count in the page saturating (K1)
   and longer pages normalised (B), and a piece found earns at least a share of its weight
   however long the page (BM25+'s lower bound); a page's fields weigh what they are worth (its
   number and title, its lead departments, its supporting ones, its text). A part matched whole,
   as a phrase, earns a bonus of its pieces' weight (more in the title), and a word that names the
   page (（十七）, 第十七项, a department's names) ranks it first. The everyday words of the data's
   search_terms expand the query: the plan's words they stand for (暖气: 供热) join it, their pieces
   sharing the everyday word's own weight so that a long expansion cannot outweigh the rest. The
   pieces wholly inside a question word (有没有, 怎么, 哪个, 吗) are left out, as a full-text
   engine's stop words are, unless nothing else the part asks for is in the plan. A piece neither
   the plan nor an everyday word holds, a character away from one typed with the same syllables
   (点梯: 电梯), is read as that one too, as a pinyin keyboard's wrong pick, and a word the reader
   split (贷到款, 换个新的) as the plan's word joined; letters an input method left unconverted
   (dianti) as the plan's words typed with those syllables, and traditional characters (電梯) as
   the simplified ones the plan writes. A query finds nothing only when no page holds any of its
   pieces. Parts are separated by spaces; a page's score is the sum over them, times its weight (a
   measure above an index page). A piece is counted in the pages when a query first asks for it. */
var PlanSearch = (function () {
  "use strict";
  var MAX_RESULTS = 12;
  // BM25's usual constants: how fast a piece's count saturates, how much a page's length counts.
  var K1 = 1.2, B = 0.75;
  // BM25+ (Lv and Zhai, 2011): a piece found counts at least this share of its weight, so that a
  // long page holding the question's rare word is not outscored by a short one missing it.
  var DELTA = 0.25;
  // What a piece found in each field is worth, against the text's 1.
  var FIELDS = { title: 3, keys: 3, lead: 2, units: 1, text: 1 };
  // A part matched whole earns its pieces' weight once more, twice in a title or a lead department's
  // name; a word that names the page ranks it above anything the pieces can add up to.
  var PHRASE = 1, PHRASE_IN_TITLE = 2, KEY = 40, KEY_INSIDE = 20;
  // The kinds of page a name inside a question asks for (search_index.py's kinds).
  var NAMED = { "单位": true, "措施": true };
  // An everyday word's expansion counts at most this share of the word itself; a piece read by
  // its sound (点梯 as 电梯), this share of the piece typed right.
  var EXPANSION = 0.8, SOUND = 0.8;
  // What a reader puts inside a word that can be split (贷到款, 换个新, 报了废, 换辆新); the longest part
  // read for mistypes and split words: a question is shorter, a pasted paragraph is searched as it is.
  var SPLIT = "个了过到完辆台件套部张", READ_AT_MOST = 40;
  // The words that ask rather than say: a question's particles, question words and pronouns. A
  // piece wholly inside one (有没, 没有, 哪个) says nothing of what is asked about.
  var QUESTION = ("有没有 能不能 会不会 是不是 要不要 可不可以 可以吗 怎么办 怎么样 怎么 怎样 咋办 咋样 咋 " +
    "哪个 哪些 哪家 哪里 哪儿 去哪 在哪 哪 什么 啥 谁 多少 吗 呢 吧 啊 呀 嘛 了 的 " +
    "我们 我家 咱们 我 你 他 她 自己 到底 还是 这种 那个 这个").split(" ");

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
  /* The pieces a text is indexed by: a run of Latin letters and digits whole (2025, csv), and
     each two characters of any other run (更新改造: 更新, 新改, 改造); a lone character itself. */
  function pieces(text) {
    var found = [];
    // Never across punctuation: 重点，改造 holds no 点改.
    fold(text).split(NOT_WORD).forEach(function (words) {
      (words.match(/[a-z0-9]+|[^a-z0-9]+/g) || []).forEach(function (run) {
        if (/^[a-z0-9]/.test(run) || run.length === 1) { found.push(run); return; }
        for (var i = 0; i + 2 <= run.length; i++) found.push(run.slice(i, i + 2));
      });
    });
    return found;
  }

  function prepare(entry, order) {
    var fields = {
      title: bare(entry.title),
      keys: entry.keys.map(bare).join("|"),
      lead: entry.lead.map(bare).join("|"),
      units: entry.units.map(bare).join("|"),
      text: bare(entry.text),
    };
    return {
      entry: entry, order: order, fields: fields, length: 0, keys: entry.keys.map(bare),
      // search.js marks the excerpt in the text as folded, whose length is the original's.
      title: fold(entry.title), text: fold(entry.text),
    };
  }

  /* What the whole index says: the pages' fields as one text, each field's start, page and
     weight beside it, and their mean weighted length. Made on the first query of two characters
     or more (a reader's first key, a single character, needs none of it) and kept with the pages;
     a piece is counted in it when a query first asks for it, not every piece of every page. */
  function stats(pages) {
    if (pages.planStats) return pages.planStats;
    var text = [], starts = [], owners = [], weights = [], at = 0, total = 0;
    pages.forEach(function (page) {
      var entry = page.entry;
      var written = { title: [entry.title], keys: entry.keys, lead: entry.lead, units: entry.units, text: [entry.text] };
      page.length = 0;
      Object.keys(FIELDS).forEach(function (field) {
        written[field].forEach(function (value) {
          // Never across punctuation: 重点，改造 holds no 点改.
          var words = fold(value).replace(NOT_WORD, " ") + " ";
          text.push(words);
          starts.push(at);
          owners.push(page.order);
          weights.push(FIELDS[field]);
          at += words.length;
        });
        page.length += FIELDS[field] * page.fields[field].length;
      });
      total += page.length;
    });
    var found = {
      text: text.join(""), starts: starts, owners: owners, weights: weights, counted: new Map(),
      n: pages.length, mean: total / pages.length || 1,
    };
    Object.defineProperty(pages, "planStats", { value: found });
    return found;
  }
  /* Whether a character is part of a word that is no run of letters and digits (a Chinese one). */
  function inWord(c) {
    return c !== undefined && c !== " " && !/[a-z0-9]/.test(c);
  }
  /* A piece's count in each page, each field's weight times the times it stands there as
     pieces() cuts the field (a run of letters and digits whole: 2025 is no 202; a lone
     character alone), and the pages holding it. */
  function counts(s, piece) {
    var found = s.counted.get(piece);
    if (found) return found;
    found = { df: 0, tf: new Map() };
    var latin = /^[a-z0-9]/.test(piece), field = 0;
    for (var at = s.text.indexOf(piece); at !== -1; at = s.text.indexOf(piece, at + 1)) {
      var before = s.text[at - 1], after = s.text[at + piece.length];
      if (latin ? /[a-z0-9]/.test(before || "") || /[a-z0-9]/.test(after || "") : piece.length === 1 && (inWord(before) || inWord(after))) continue;
      while (field + 1 < s.starts.length && s.starts[field + 1] <= at) field++;
      var page = s.owners[field];
      if (!found.tf.has(page)) found.df++;
      found.tf.set(page, (found.tf.get(page) || 0) + s.weights[field]);
    }
    s.counted.set(piece, found);
    return found;
  }
  function holds(s, piece) {
    return counts(s, piece).df > 0;
  }
  function idf(s, piece) {
    var d = counts(s, piece).df;
    return d ? Math.log(1 + (s.n - d + 0.5) / (d + 0.5)) : 0;
  }
  function holding(page, part) {
    return [page.title, page.fields.lead, page.fields.units, page.text].some(function (v) {
      return v.indexOf(part) !== -1;
    });
  }

  /* The forms of a part in the plan's words: for each everyday word it holds (terms: [word, [the
     plan's words]]), the part with the word replaced, and the plan's word alone. */
  function planWords(part, terms) {
    var forms = [];
    (terms || []).forEach(function (term) {
      var word = bare(term[0]);
      if (part.indexOf(word) === -1) return;
      term[1].forEach(function (meant) {
        forms.push(part.split(word).join(bare(meant)));
        forms.push(bare(meant));
      });
    });
    return forms;
  }

  /* Which characters of the part stand inside a question word. */
  function questionWords(part) {
    var inside = [];
    QUESTION.forEach(function (word) {
      for (var at = part.indexOf(word); at !== -1; at = part.indexOf(word, at + 1)) {
        for (var k = 0; k < word.length; k++) inside[at + k] = true;
      }
    });
    return inside;
  }

  /* The part's own pieces, less those that stand only inside its question words. */
  function asked(part) {
    var inside = questionWords(part);
    return pieces(part).filter(function (piece) {
      for (var at = part.indexOf(piece); at !== -1; at = part.indexOf(piece, at + 1)) {
        if (!inside[at] || !inside[at + piece.length - 1]) return true;
      }
      return false;
    });
  }

  /* The weighted pieces a part is scored by: its own, then those of the plan's words its everyday
     words stand for, sharing the everyday word's own weight (the idf of its pieces), so that a
     long expansion cannot outweigh the rest of the question. */
  function queryPieces(part, terms, s) {
    var q = {};
    asked(part).forEach(function (piece) { q[piece] = 1; });
    (terms || []).forEach(function (term) {
      var word = bare(term[0]);
      if (bare(part).indexOf(word) === -1) return;
      var mass = pieces(word).reduce(function (sum, piece) { return sum + Math.max(idf(s, piece), 0.5); }, 0);
      term[1].forEach(function (meant) {
        var theirs = pieces(bare(meant));
        var weight = Math.min(EXPANSION, EXPANSION * mass / (theirs.reduce(function (sum, piece) {
          return sum + idf(s, piece);
        }, 0) || 1));
        theirs.forEach(function (piece) { q[piece] = Math.max(q[piece] || 0, weight); });
      });
    });
    // A question that is nothing but its question words (怎么样) still finds the page that says 怎么.
    if (!Object.keys(q).some(function (piece) { return holds(s, piece); })) {
      pieces(part).forEach(function (piece) { q[piece] = 1; });
    }
    return q;
  }

  /* The characters a pinyin keyboard offers with each (sounds: groups of characters typed
     alike), and the pieces the everyday words hold; made on the first piece the plan lacks. */
  function typedAlike(s, terms, sounds) {
    if (s.alike) return s.alike;
    var group = {}, spoken = {};
    Object.keys(sounds).forEach(function (syllable) {
      var chars = sounds[syllable];
      for (var k = 0; k < chars.length; k++) group[chars[k]] = chars;
    });
    (terms || []).forEach(function (term) {
      pieces(term[0]).forEach(function (piece) { spoken[piece] = true; });
    });
    s.alike = { group: group, spoken: spoken };
    return s.alike;
  }

  /* The part as the reader meant it, where a piece neither the plan nor an everyday word holds
     is one character away from one that is, typed with the same syllable (以旧换心: 以旧换新):
     one form per such reading. */
  function misread(part, terms, s, sounds) {
    if (!sounds || part.length > READ_AT_MOST) return [];
    var asking = questionWords(part), forms = [], alike = null, putIn = [];
    var known = function (piece) {
      return piece.length === 2 && !!(holds(s, piece) || alike.spoken[piece]);
    };
    for (var at = 0; at + 2 <= part.length; at++) {
      var piece = part.slice(at, at + 2);
      if (!/^[\u4e00-\u9fff]{2}$/.test(piece) || holds(s, piece)) continue;
      // A word the reader split (贷到款, 换个新的, 报了废): the plan's word without what was put in.
      var whole = part[at] + part[at + 2];
      if (at + 3 <= part.length && SPLIT.indexOf(part[at + 1]) !== -1 && !holds(s, part.slice(at + 1, at + 3)) &&
          holds(s, whole)) {
        var joined = part.slice(0, at + 1) + part.slice(at + 2);
        if (forms.indexOf(joined) === -1) forms.push(joined);
        putIn[at + 1] = true;
      }
      alike = alike || typedAlike(s, terms, sounds);
      if (alike.spoken[piece]) continue;
      // One character mistyped, and only one that neither the reader's other words, a question
      // word (是不是, 了) nor a split word (换辆新的: 辆 is no 两) vouch for.
      [at, at + 1].forEach(function (wrong) {
        var beside = wrong === at ? (at > 0 ? part.slice(at - 1, at + 1) : "") : part.slice(at + 1, at + 3);
        if (asking[wrong] || putIn[wrong] || known(beside)) return;
        var typed = part[wrong];
        (alike.group[typed] || "").split("").forEach(function (meant) {
          if (meant === typed) return;
          var form = part.slice(0, wrong) + meant + part.slice(wrong + 1);
          if (known(form.slice(at, at + 2)) && forms.indexOf(form) === -1) forms.push(form);
        });
      });
    }
    return forms;
  }

  /* The part as the reader meant it, where a run of letters the plan does not hold is pinyin an
     input method left unconverted (dianti, yijiuhuanxin): the run replaced by the words the plan
     (or an everyday word) writes with those syllables, covering as many of them as it can in as
     few words as it can, for each way to cut the run into syllables. */
  function spelt(part, terms, s, sounds) {
    var forms = [];
    if (!sounds || part.length > READ_AT_MOST) return forms;
    (part.match(/[a-z]{4,}/g) || []).forEach(function (run) {
      if (holds(s, run)) return;
      syllableCuts(run, sounds).forEach(function (cut) {
        var best = [];
        best[cut.length] = { covered: 0, words: 0, text: "" };
        for (var at = cut.length - 1; at >= 0; at--) {
          var after = best[at + 1], chosen = { covered: after.covered, words: after.words, text: after.text };
          // A word spelt by these syllables begins with one spelt by fewer: the first to fail ends it.
          for (var end = at + 2, word; end <= cut.length && (word = spelling(s, terms, cut.slice(at, end), sounds)); end++) {
            var covered = end - at + best[end].covered, words = 1 + best[end].words;
            if (covered > chosen.covered || (covered === chosen.covered && words < chosen.words)) {
              chosen = { covered: covered, words: words, text: word + best[end].text };
            }
          }
          best[at] = chosen;
        }
        var form = part.replace(run, best[0].text);
        if (best[0].text && forms.indexOf(form) === -1) forms.push(form);
      });
    });
    return forms;
  }
  /* Whether letters are syllables the plan's characters are typed with, each whole. */
  function syllables(letters, sounds) {
    return /^[a-z]+$/.test(letters) && syllableCuts(letters, sounds).length + (sounds.hasOwnProperty(letters) ? 1 : 0) > 0;
  }
  /* The ways to cut letters wholly into the fewest syllables the plan's characters are typed
     with (a few at most): none for one syllable alone (xian is no 西安, nor 县 rather than 现). */
  function syllableCuts(letters, sounds) {
    // Where a cut can go on to the end from (so that no way is followed that cannot: xianxian…v).
    var finishes = [], cuts = [];
    finishes[letters.length] = true;
    for (var from = letters.length - 1; from >= 0; from--) {
      for (var to = from + 1; to <= Math.min(letters.length, from + 6) && !finishes[from]; to++) {
        finishes[from] = finishes[to] && sounds.hasOwnProperty(letters.slice(from, to));
      }
    }
    (function cut(at, made) {
      if (cuts.length >= 4) return;
      if (at === letters.length) { cuts.push(made); return; }
      for (var end = Math.min(letters.length, at + 6); end > at; end--) {
        if (finishes[end] && sounds.hasOwnProperty(letters.slice(at, end))) cut(end, made.concat([letters.slice(at, end)]));
      }
    })(0, []);
    var fewest = Math.min.apply(null, cuts.map(function (made) { return made.length; }));
    return fewest > 1 ? cuts.filter(function (made) { return made.length === fewest; }) : [];
  }
  /* The word the plan and its everyday words write most often with these syllables, one
     character typed with each. */
  function spelling(s, terms, syllables, sounds) {
    if (s.spoken === undefined) {
      s.spoken = s.text + " " + (terms || []).map(function (term) { return bare(term[0]); }).join(" ");
      s.spelt = {};
    }
    var key = syllables.join(" ");
    if (!s.spelt.hasOwnProperty(key)) s.spelt[key] = mostWritten(s.spoken, syllables, sounds);
    return s.spelt[key];
  }
  function mostWritten(text, syllables, sounds) {
    var pattern = new RegExp(syllables.map(function (syllable) { return "[" + sounds[syllable] + "]"; }).join(""), "g");
    var seen = {}, best = null;
    (text.match(pattern) || []).forEach(function (word) {
      seen[word] = (seen[word] || 0) + 1;
      if (!best || seen[word] > seen[best]) best = word;
    });
    return best;
  }

  /* A page's score for the pieces, and the pieces it holds, those that count most first: the
     excerpt shows the text around the first of them (电梯, not the 老旧 an everyday word added). */
  function bm25(page, q, s) {
    var score = 0, found = [];
    var norm = K1 * (1 - B + B * page.length / s.mean);
    Object.keys(q).forEach(function (piece) {
      var tf = counts(s, piece).tf.get(page.order);
      if (!tf) return;
      var counted = q[piece] * idf(s, piece) * (tf * (K1 + 1) / (tf + norm) + DELTA);
      score += counted;
      found.push([counted, piece]);
    });
    found.sort(function (a, b) { return b[0] - a[0]; });
    return { score: score, marks: found.map(function (f) { return f[1]; }) };
  }

  /* The bonus of a part matched whole: a key, the title, a lead department, the other fields. A
     single character, which no two-character piece holds, is scored here alone by how rare it is. */
  function phrase(page, part, s) {
    if (page.keys.indexOf(part) !== -1) return KEY;
    // A department's name or a measure's number inside a question (工信局负责哪些事, 第十五项讲的啥),
    // of three characters or more; not a year (2027年煤矿…), a topic's or a chapter's name, which
    // say what the question is about rather than which page it asks for.
    if (NAMED[page.entry.kind] && page.keys.some(function (key) {
      return key.length > 2 && !/^[0-9]/.test(key) && part.indexOf(key) !== -1;
    })) return KEY_INSIDE;
    var weight = part.length > 1
      ? pieces(part).reduce(function (sum, piece) { return sum + idf(s, piece); }, 0)
      : (s.chars[part] = s.chars[part] || Math.log(1 + s.n / (1 + s.pages.filter(function (p) {
        return holding(p, part);
      }).length)));
    // Whole in the text as written: a part never spans punctuation (重点，改造 is no 重点改造).
    var f = page.fields;
    if (page.title.indexOf(part) !== -1 || f.title === part || f.lead.indexOf(part) !== -1) {
      return PHRASE_IN_TITLE * weight;
    }
    return f.units.indexOf(part) !== -1 || page.text.indexOf(part) !== -1 ? PHRASE * weight : 0;
  }

  /* The query with each traditional character as the simplified one the plan writes (電梯: 电梯;
     readings.simplified: each traditional character, then its simplified one). */
  function simplified(query, readings) {
    var pairs = (readings && readings.simplified) || "";
    return query.replace(/[^\x00-\u3400]/g, function (c) {
      var at = pairs.indexOf(c);
      return at !== -1 && at % 2 === 0 ? pairs[at + 1] : c;
    });
  }

  function search(pages, query, terms, readings) {
    var parts = [], sounds = readings && readings.sounds;
    fold(simplified(query, readings)).split(/\s+/).forEach(function (p) {
      var b = bare(p), last = parts.length - 1;
      // Pinyin typed a syllable or a word at a time (yi jiu huan xin, jiazhuang dianti) is read as
      // one run of letters.
      if (sounds && last >= 0 && syllables(parts[last], sounds) && syllables(b, sounds)) parts[last] += b;
      else if (b) parts.push(b);
    });
    if (!parts.length) return [];
    var s = parts.some(function (part) { return part.length > 1; }) ? stats(pages) : { n: pages.length };
    if (!pages.planChars) Object.defineProperty(pages, "planChars", { value: {} });
    s.pages = pages;
    s.chars = pages.planChars;
    // A query's pieces come from the part as typed without its symbols: <img src=x> asks for
    // "imgsrcx" pieces, not for x or 1 wherever they stand.
    var heard = parts.map(function (part) {
      return part.length > 1 ? misread(part, terms, s, sounds).concat(spelt(part, terms, s, sounds)) : [];
    });
    var queries = parts.map(function (part, i) {
      if (part.length < 2) return {};
      var q = queryPieces(part, terms, s);
      heard[i].forEach(function (form) {
        var meant = queryPieces(form, terms, s);
        Object.keys(meant).forEach(function (piece) { q[piece] = Math.max(q[piece] || 0, SOUND * meant[piece]); });
      });
      return q;
    });
    var forms = parts.map(function (part, i) {
      return heard[i].reduce(function (all, form) {
        return all.concat([form], planWords(form, terms));
      }, planWords(part, terms));
    });
    var found = [];
    pages.forEach(function (page) {
      var total = 0, marks = [];
      parts.forEach(function (part, i) {
        var b = part.length > 1 ? bm25(page, queries[i], s) : { score: 0, marks: [] };
        var bonus = phrase(page, part, s);
        if (bonus) b.marks.unshift(part);
        forms[i].forEach(function (form) { bonus = Math.max(bonus, EXPANSION * phrase(page, form, s)); });
        total += b.score + bonus;
        // A lone character counted (年 of 2025年) is no match to show: it would mark every 年.
        marks = marks.concat(b.marks.filter(function (mark) { return mark.length > 1 || mark === part; }));
      });
      if (total > 0) found.push({ page: page, score: total * page.entry.weight, marks: marks });
    });
    found.sort(function (a, b) { return b.score - a.score || a.page.order - b.page.order; });
    return found.slice(0, MAX_RESULTS);
  }

  return { MAX_RESULTS: MAX_RESULTS, fold: fold, prepare: prepare, search: search };
})();
