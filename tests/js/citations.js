#!/usr/bin/env node
// The reference side of tests/test_citations.py: citeproc-js formats a document's citations,
// in order, as a word processor plugin would (processCitationCluster, one call per citation).
//
//   node tests/js/citations.js ITEMS.json STYLE.csl LOCALES_DIR CITATIONS.json [FORMAT]
//
// CITATIONS.json is a list of {"noteIndex": N, "cites": [{"id", "locator", "label", "prefix",
// "suffix", "suppress-author", "author-only"}]}. Prints a JSON object: "citations", the final
// text of each citation in document order, and "bibliography", the entries of what was cited.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const [itemsPath, stylePath, localesDir, citationsPath, format] = process.argv.slice(2);
if (!itemsPath || !stylePath || !localesDir || !citationsPath) {
  process.stderr.write("usage: citations.js ITEMS.json STYLE.csl LOCALES_DIR CITATIONS.json [FORMAT]\n");
  process.exit(2);
}

const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const byId = new Map(items.map((item) => [String(item.id), item]));
const document = JSON.parse(fs.readFileSync(citationsPath, "utf8"));

const sys = {
  retrieveItem: (id) => byId.get(String(id)),
  retrieveLocale: (lang) => {
    const file = path.join(localesDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  },
};

const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, "utf8"));
engine.setOutputFormat(format || "text");
const texts = [];
const before = [];
document.forEach((citation, index) => {
  const cluster = {
    citationID: `C${index}`,
    citationItems: citation.cites,
    properties: { noteIndex: citation.noteIndex },
  };
  const [, updates] = engine.processCitationCluster(cluster, before, []);
  before.push([cluster.citationID, citation.noteIndex]);
  for (const [position, text] of updates) {
    texts[position] = text;
  }
});
let bibliography = [];
if (engine.bibliography) {
  const [params, entries] = engine.makeBibliography();
  // entries citeproc-js renders empty are left out and listed in bibliography_errors
  const omitted = new Set((params.bibliography_errors || []).map((error) => String(error.itemID)));
  const ids = params.entry_ids.map((group) => String(group[0])).filter((id) => !omitted.has(id));
  bibliography = ids.map((id, i) => ({ id, text: entries[i].trim() }));
}
process.stdout.write(JSON.stringify({ citations: texts, bibliography }, null, 1) + "\n");
