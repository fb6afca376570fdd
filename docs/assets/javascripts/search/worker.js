/*
 * The notes' search engine: MiniSearch (BM25 ranking, fuzzy and prefix matching) behind
 * Material's own search box, speaking Material's search-worker protocol, so the box, its
 * keyboard handling, result list, sharing, suggestions and highlighting stay Material's.
 *
 * Why not Material's lunr worker: measured on tests/data/search_questions.yaml (make bench),
 * it puts the answering section first for about half of a student's questions. Lunr has no
 * stemming for wildcard terms (Material appends a wildcard to every term), no fuzzy matching,
 * no synonyms and no stop-word handling for question words.
 *
 * Protocol (Material 9, integrations/search/worker/message): the page posts
 * {type: 0 SETUP, data: {config, docs, options}} once and {type: 2 QUERY, data: string} per
 * keystroke; the worker answers {type: 1 READY} and {type: 3 RESULT, data: {items, suggest}},
 * where items are groups (one per page) of {location, title, text, score, terms}; title and
 * text are HTML, and terms maps each query word to whether it matched (the matched words
 * become the ?h= highlight of the link, the others are listed as missing).
 *
 * Vendored, unmodified but minified with terser (their licences head each file):
 * minisearch.min.js (npm minisearch 7.2.0) and porter2.min.js (npm wink-porter2-stemmer 2.0.1).
 */

/* global MiniSearch */
importScripts("minisearch.min.js");
self.module = { exports: {} }; // the stemmer is a CommonJS module
importScripts("porter2.min.js");
const stemWord = self.module.exports;

// A query longer than this is cut (after its stop words and repeated words are dropped):
// it bounds the work per keystroke.
const MAX_QUERY_CHARS = 2000;
const MAX_QUERY_TERMS = 24;
const MAX_HITS = 40;
// Ranking weights, chosen on tests/data/search_questions.yaml (make bench measures them).
const TITLE_BOOST = 4; // a word in a section's heading
const PAGE_NAME_BOOST = 1.5; // a word in the title of the section's page
const PAGE_TITLE_BOOST = 2;
const QUESTION_WEIGHT = 1;
const COVERAGE_POWER = 3;
const SYNONYM_WEIGHT = 0.35;
const PHRASE_BONUS = 1; // up to ×2 for a section holding every adjacent pair of typed words
const SYMBOL = /^[A-Za-z_][\w]*([._][\w]+)+$/; // sigmoid_grad, Perceptron.decision_boundary
const MIN_RELATIVE_SCORE = 0.02;

// English stop words plus the words questions are made of ("what does ... do", "how can I").
// They carry no topic, so they are neither indexed nor searched; a query of nothing else
// finds nothing rather than everything.
const STOP_WORDS = new Set(`a about above after again all also am an and any are aren't as at
  be because been before being below between both but by can can't cannot could couldn't did
  didn't do does doesn't doing don't down during each either else ever every few for from
  further get gets got had has hasn't have haven't having he her here hers herself him himself
  his how however i i'm if in into is isn't it it's its itself just let many me might more most
  much must my myself need needs no nor not of off often on once only or other our ours out
  over own per quite rather really same shall she should shouldn't so some such than that
  that's the their theirs them themselves then there these they this those through thus to too
  under until up upon us very via was wasn't we were weren't what what's when where whether
  while who whom will with within without won't would wouldn't yet you your yours`
  .split(/\s+/));

// Words a question is made of. Headings are often questions ("Which one should I use?",
// "Will I pass this class?"), so these are matched in titles, but not in running text,
// where they are everywhere.
const QUESTION_WORDS = new Set(`what which why how when where should can could does do did
  i use used using one mean means meaning explain difference`.split(/\s+/));

const WORD = /[\p{L}\p{N}_]+/gu; // a word as the snippet marker sees it
const TOKEN = /[\p{L}\p{N}_.\-']+/gu; // a token: words joined by - . _ ' stay together first

// British and American spellings meet: the notes write "optimisation", students type both.
function normalise(term) {
  return term
    .replace(/’/g, "'")
    .replace(/^'+|'+$/g, "")
    .replace(/is(e|ed|es|ing|ation|ations|er|ers)$/, "iz$1")
    .replace(/yse(s|d)?$/, "yze$1")
    .replace(/our$/, "or")
    .replace(/^centr(e|ed)$/, "center");
}

// Index and query terms go through the same steps, so "Saturating" finds "saturated" and
// "regularization" finds "Regularisation". Returns null for a stop word (not indexed).
// Remembered: the stemmer is a chain of regular expressions, and snippets re-process the
// words of every result on every keystroke.
const processed = new Map();
// Whether a document's title holds more than half of the words typed.
function titleCovers(doc) {
  let found = 0;
  for (const t of typedTerms) if (doc.titleTerms.has(t)) found += 1;
  return found * 2 > typedTerms.size;
}

function processTerm(raw, field) {
  if (field === "plainText" || field === "pageTitle") {
    if (QUESTION_WORDS.has(raw.toLowerCase())) return null;
  }
  let out = processed.get(raw);
  if (out === undefined) {
    const term = normalise(raw.toLowerCase());
    if (!term || STOP_WORDS.has(term)) out = null;
    else if (/[._]/.test(term) || /\d/.test(term)) out = term; // identifiers, numbers
    else out = stemWord(term);
    processed.set(raw, out);
  }
  return out;
}

// "non-linear" is one token and two: "nonlinear" (what "nonlinearity" stems to) and its
// parts; "Perceptron.decision_boundary" is itself and "perceptron", "decision", "boundary".
function tokenize(text) {
  const out = [];
  for (const [token] of text.matchAll(TOKEN)) {
    const clean = token.replace(/^[.\-']+|[.\-']+$/g, "");
    if (!clean) continue;
    const parts = clean.split(/[.\-_']+/).filter(Boolean);
    if (parts.length > 1) {
      out.push(/[._]/.test(clean) ? clean : parts.join(""));
      out.push(...parts);
    } else {
      out.push(clean);
    }
  }
  return out;
}

function decode(text) {
  return text
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'").replace(/&amp;/g, "&");
}

// Material's index text is HTML with a few kept tags (p, li, code, sub, sup, ...).
function plain(html) {
  return decode(html.replace(/<\/?(sub|sup)>/g, "").replace(/<[^>]+>/g, " "));
}

let docs = []; // Material's documents, plus what the engine needs: page title, plain text
let engine = null;
let typedTerms = new Set(); // processed words of the current query, as typed
let vocabulary = new Set(); // every processed term in the index
let docFrequency = new Map(); // processed term -> how many documents hold it
let synonyms = new Map(); // lower-case term -> words added to the query (glossary + curated)

function setup({ config, docs: raw }) {
  const titles = new Map(raw.filter((d) => !d.location.includes("#"))
    .map((d) => [d.location, plain(d.title)]));
  docs = raw.map((doc, id) => {
    const page = doc.location.split("#")[0];
    return {
      ...doc,
      id,
      page,
      pageTitle: doc.location.includes("#") ? titles.get(page) || "" : "",
      plainTitle: plain(doc.title),
      plainText: plain(doc.text),
      isPage: !doc.location.includes("#"),
    };
  });
  synonyms = new Map(Object.entries((config && config.synonyms) || {})
    .map(([term, words]) => [term.toLowerCase(), words]));
  // Set-up runs on every page load: each field is split into words once, for the index
  // and for the vocabulary below.
  const fields = ["plainTitle", "pageTitle", "plainText"];
  const split = new Map();
  const wordsOf = (text) => split.get(text) ?? split.set(text, tokenize(text)).get(text);
  engine = new MiniSearch({
    idField: "id",
    fields,
    tokenize: wordsOf,
    processTerm,
    searchOptions: {
      tokenize,
      boost: { plainTitle: TITLE_BOOST, pageTitle: PAGE_NAME_BOOST, plainText: 1 },
      // Typos: one edit in five letters, for words the notes do not contain (fuzzy matching
      // is most of the time a search takes, and a known word is no typo); short words
      // (ELU, ReLU, tanh) must be exact.
      fuzzy: (term) => (term.length > 4 && !/[._]/.test(term) && !vocabulary.has(term) ? 0.2 : false),
      maxFuzzy: 2,
      // The last word is usually still being typed.
      prefix: (term, i, terms) => i === terms.length - 1 && term.length > 2,
      weights: { fuzzy: 0.4, prefix: 0.5 },
      combineWith: "OR",
      // Material's per-page boost from front matter (`search: boost:`), e.g. the API pages
      // rank below the notes that explain the same function.
      // A page's opening ranks above its sections when its title holds most of the query
      // ("perceptron" opens the perceptron page), much as Material's own ranking does.
      boostDocument: (id, term) => (docs[id].boost ?? 1) *
        (docs[id].isPage && docs[id].titleTerms.has(term) && titleCovers(docs[id]) ? PAGE_TITLE_BOOST : 1),
      // Words the query gained from synonyms count less than the words typed.
      // Question words only break ties between headings.
      boostTerm: (term) => (!typedTerms.has(term) ? SYNONYM_WEIGHT
        : QUESTION_WORDS.has(term) ? QUESTION_WEIGHT : 1),
    },
  });
  engine.addAll(docs);
  vocabulary = new Set();
  docFrequency = new Map();
  for (const doc of docs) {
    const terms = new Set();
    for (const field of fields) {
      for (const t of wordsOf(doc[field])) {
        const p = processTerm(t);
        if (p !== null) terms.add(p);
      }
    }
    for (const p of terms) {
      vocabulary.add(p);
      docFrequency.set(p, (docFrequency.get(p) || 0) + 1);
    }
    doc.titleTerms = new Set(wordsOf(doc.plainTitle).map((t) => processTerm(t)));
  }
  split.clear();
}

// What phrase matching, snippets and highlights need of a document, worked out the first
// time it is a hit: most documents are not, and set-up runs on every page load.
function details(doc) {
  if (!doc.sentences) {
    doc.lower = ` ${plain(doc.title)} ${doc.plainText} `.toLowerCase().replace(/[^\p{L}\p{N}_.]+/gu, " ");
    doc.sentences = sentencesOf(doc.text);
    doc.surface = surfaceOf(doc);
  }
  return doc;
}

// The query as typed, its stop words dropped, abbreviations and synonyms added.
function expand(query) {
  const words = query.slice(0, MAX_QUERY_CHARS).match(TOKEN) || [];
  const typed = [...new Set(words.map((w) => w.replace(/^[.\-']+|[.\-']+$/g, ""))
    .filter((w) => w && processTerm(w) !== null))].slice(0, MAX_QUERY_TERMS);
  const extra = [];
  const lower = typed.map((w) => w.toLowerCase());
  const termsOf = (text) => new Set(tokenize(text).map((t) => processTerm(t)).filter((t) => t !== null));
  // One concept per word typed: found in a document through the word itself or through
  // every word of one of its synonyms ("MLP" is found in "multi-layer perceptron").
  const concepts = lower.map((w) => ({ terms: termsOf(w), alts: [], question: QUESTION_WORDS.has(w) }));
  for (let n = 3; n >= 1; n--) {
    for (let i = 0; i + n <= lower.length; i++) {
      const phrase = lower.slice(i, i + n).join(" ");
      if (!synonyms.has(phrase)) continue;
      extra.push(synonyms.get(phrase));
      for (let j = i; j < i + n; j++) concepts[j].alts.push(termsOf(synonyms.get(phrase)));
    }
  }
  return { typed, extra, concepts: concepts.filter((c) => !c.question && c.terms.size) };
}

const escapeHTML = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

// <mark> the words of an HTML fragment whose processed form matched; tags and entities
// are left alone.
function markWords(html, stems) {
  return html.replace(/(<[^>]*>|&[#\w]+;)|([\p{L}\p{N}_]+)/gu, (all, skip, word) => {
    if (skip) return skip;
    const p = processTerm(word);
    return p !== null && stems.has(p) ? `<mark>${word}</mark>` : word;
  });
}

// A sentence cut out of a section can hold half of an element (a code block is split into
// its lines): close what it opens and drop what it closes without opening, so that each
// snippet is whole HTML and cannot spill into the results drawn after it.
const VOID_TAGS = new Set(["br", "hr", "img", "wbr"]);
function balance(html) {
  const open = [];
  const closeAll = (names) => names.reverse().map((name) => `</${name}>`).join("");
  const body = html.replace(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/gi, (tag, slash, name) => {
    name = name.toLowerCase();
    if (VOID_TAGS.has(name)) return tag;
    if (!slash) {
      open.push(name);
      return tag;
    }
    const i = open.lastIndexOf(name);
    return i === -1 ? "" : closeAll(open.splice(i));
  });
  return body + closeAll(open);
}

// A section's sentences, each with the processed terms it contains, split once at set-up:
// at block tags and at full stops.
function sentencesOf(html) {
  const out = [];
  for (const block of html.replace(/<\/?(p|li|ul|ol|pre)>/g, "\n").split(/\n+/)) {
    for (const s of block.split(/(?<=[.!?])\s+(?=[A-Z(])/)) {
      const text = s.trim();
      if (!text) continue;
      const terms = new Set();
      for (const [w] of plain(text).matchAll(WORD)) {
        const p = processTerm(w);
        if (p !== null) terms.add(p);
      }
      out.push({ html: balance(text), terms, length: plain(text).length });
    }
  }
  return out;
}

// Processed term -> the words of a document it stands for (what ?h= highlights).
function surfaceOf(doc) {
  const map = new Map();
  for (const [w] of `${doc.plainTitle} ${doc.plainText}`.matchAll(WORD)) {
    const p = processTerm(w);
    if (p === null) continue;
    if (!map.has(p)) map.set(p, new Set());
    map.get(p).add(w.toLowerCase());
  }
  return map;
}

// The sentence(s) of a section that best match, so the reader sees the answer, not the
// section's first lines.
function snippet(doc, stems) {
  const { sentences } = details(doc);
  if (!sentences.length) return "";
  let best = 0;
  let bestScore = -1;
  sentences.forEach((s, i) => {
    let found = 0;
    for (const p of stems) if (s.terms.has(p)) found += 1;
    const score = found * 10 - i * 0.01;
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  let text = sentences[best].html;
  if (sentences[best].length < 120 && sentences[best + 1]) text += " " + sentences[best + 1].html;
  return `<p>${best > 0 ? "… " : ""}${markWords(text, stems)}</p>`;
}

// Three corrections BM25 cannot make on its own. A document that holds more of the
// concepts asked about ranks higher, as in Material's own ranking: BM25 adds up the words
// found, so a long section rich in one common word can beat one that holds them all.
// Adjacent typed words found side by side ("chain rule", "cost function") count for more
// than the same words apart. A query that is an identifier (sigmoid_grad) is answered first
// by the API entry of that name.
function rerank(hits, query, typed, concepts) {
  // Each concept weighs by how rare it is in the notes (its inverse document frequency):
  // missing "GPUs" costs more than missing "learning".
  const weight = concepts.map((c) => {
    let df = Math.max(0, ...[...c.terms].map((t) => docFrequency.get(t) || 0));
    if (!df && c.alts.length) {
      df = Math.min(...c.alts.map((alt) => Math.min(...[...alt].map((t) => docFrequency.get(t) || 0))));
    }
    return Math.log(1 + docs.length / (1 + df));
  });
  const total = weight.reduce((a, b) => a + b, 0);
  for (const hit of hits) {
    if (!concepts.length || !total) break;
    const found = new Set(hit.queryTerms);
    let covered = 0;
    concepts.forEach((c, i) => {
      if ([...c.terms].some((t) => found.has(t))
        || c.alts.some((alt) => [...alt].every((t) => found.has(t)))) covered += weight[i];
    });
    hit.score *= (1 + covered / total) ** COVERAGE_POWER;
  }
  const words = typed.map((w) => w.toLowerCase()).filter((w) => !QUESTION_WORDS.has(w));
  const pairs = [];
  for (let i = 0; i + 1 < words.length; i++) pairs.push(` ${words[i]} ${words[i + 1]} `);
  for (const hit of hits) {
    if (!pairs.length) break;
    const { lower } = details(docs[hit.id]);
    const found = pairs.filter((p) => lower.includes(p)).length;
    hit.score *= 1 + (PHRASE_BONUS * found) / pairs.length;
  }
  const symbol = query.trim();
  if (SYMBOL.test(symbol)) {
    const top = hits.length ? Math.max(...hits.map((h) => h.score)) : 1;
    const tail = "." + symbol.toLowerCase();
    for (const doc of docs) {
      const anchor = doc.location.split("#")[1];
      if (!anchor || !(`.${anchor.toLowerCase()}`).endsWith(tail)) continue;
      let hit = hits.find((h) => h.id === doc.id);
      if (!hit) hits.push((hit = { id: doc.id, score: 0, match: {} }));
      hit.score += 2 * top;
      for (const t of tokenize(symbol)) if (processTerm(t) !== null) hit.match[processTerm(t)] = ["plainTitle"];
    }
  }
  return hits.sort((a, b) => b.score - a.score);
}

function search(query) {
  const { typed, extra, concepts } = expand(query);
  if (!typed.length) return { items: [] };
  const text = [...typed, ...extra].join(" ");
  typedTerms = new Set(typed.flatMap((w) => tokenize(w)).map((t) => processTerm(t)));
  const all = rerank(engine.search(text), query, typed, concepts);
  if (!all.length) return { items: [] };
  // What a reader can use: the best MAX_HITS, and none that matched only in passing (a
  // small fraction of the best score: one common word of a long question).
  const hits = all.filter((hit) => hit.score >= all[0].score * MIN_RELATIVE_SCORE)
    .slice(0, MAX_HITS);

  const typedStems = new Map(); // processed form -> the word as typed
  for (const w of typed) for (const t of tokenize(w)) {
    const p = processTerm(t);
    if (p !== null && !typedStems.has(p)) typedStems.set(p, w);
  }

  const groups = new Map();
  for (const hit of hits) {
    const doc = docs[hit.id];
    const stems = new Set(Object.keys(hit.match));
    const terms = {};
    for (const p of stems) for (const w of details(doc).surface.get(p) || []) terms[w] = true;
    // A question word ("why", "how") is looked for in headings only; a section without it
    // is not missing anything the reader asked about.
    for (const [p, w] of typedStems) {
      const found = stems.has(p) || [...stems].some((s) => s.startsWith(p) || p.startsWith(s));
      if (!found && !QUESTION_WORDS.has(w.toLowerCase())) terms[w.toLowerCase()] = false;
    }
    const item = {
      location: doc.location,
      title: markWords(doc.title, stems),
      text: snippet(doc, stems),
      score: hit.score,
      terms,
    };
    if (!groups.has(doc.page)) groups.set(doc.page, []);
    groups.get(doc.page).push(item);
  }

  // Material's list shows a page's own entry first in each group; a page whose opening
  // did not match is listed by its title alone (score 0, as Material's worker does).
  const items = [...groups.entries()].map(([page, group]) => {
    if (!group.some((item) => item.location === page)) {
      const doc = docs.find((d) => d.location === page);
      if (doc) group.push({ location: page, title: escapeHTML(doc.plainTitle), text: "", score: 0, terms: {} });
    }
    return group;
  });

  // Suggest completing the word being typed with a word of the best answer.
  const last = typed[typed.length - 1].toLowerCase();
  let suggest = [];
  const best = docs[hits[0].id];
  for (const [w] of `${best.plainTitle} ${best.plainText}`.matchAll(WORD)) {
    const lw = w.toLowerCase();
    if (lw.startsWith(last) && lw !== last) {
      suggest = [lw];
      break;
    }
  }
  return { items, suggest };
}

addEventListener("message", (ev) => {
  const message = ev.data || {};
  switch (message.type) {
    case 0:
      setup(message.data);
      postMessage({ type: 1 });
      break;
    case 2:
      try {
        postMessage({ type: 3, data: search(String(message.data)) });
      } catch (err) {
        console.warn("search failed:", err);
        postMessage({ type: 3, data: { items: [] } });
      }
      break;
    default:
      throw new TypeError("Invalid message type");
  }
});
