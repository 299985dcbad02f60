#!/usr/bin/env node
// The citeproc-js anchor of bench/citations.py: a document's citations, through one of three
// citeproc-js paths, timed inside the process as well as by the bench.
//
//   node bench/js/citations_bench.js MODE ITEMS.json STYLE.csl LOCALES_DIR CITATIONS.json OUT.json
//
// MODE is
//   process  one processCitationCluster call per citation, citationsPre growing (as a word
//            processor plugin inserts citations one by one; tests/js/citations.js);
//   rebuild  rebuildProcessorState(citations, "text"): citeproc-js's batch refresh of a whole
//            document (what Zotero runs on "refresh"), positions and disambiguation included;
//   make     updateItems(cited ids) then makeCitationCluster per citation: the cheapest batch
//            path; it computes no positions (every cite is "first": no ibid).
// CITATIONS.json is a list of {"noteIndex", "cites": [{"id", "locator", "label", "prefix"}]}.
// Writes {"citations": [text, ...], "seconds": time of the formatting alone} to OUT.json.
// citeproc is taken from bench/js/node_modules if installed there, else tests/js/node_modules.
"use strict";

const fs = require("fs");
const path = require("path");

function loadCiteproc() {
  for (const dir of [path.join(__dirname, "node_modules"), path.join(__dirname, "..", "..", "tests", "js", "node_modules")]) {
    const candidate = path.join(dir, "citeproc");
    if (fs.existsSync(candidate)) {
      return require(candidate);
    }
  }
  return require("citeproc");
}

const CSL = loadCiteproc();
const [mode, itemsPath, stylePath, localesDir, citationsPath, outPath] = process.argv.slice(2);
if (!["process", "rebuild", "make"].includes(mode) || !outPath) {
  process.stderr.write(
    "usage: citations_bench.js process|rebuild|make ITEMS.json STYLE.csl LOCALES_DIR CITATIONS.json OUT.json\n",
  );
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

const start = process.hrtime.bigint();
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, "utf8"));
engine.setOutputFormat("text");
const clusters = document.map((citation, index) => ({
  citationID: `C${index}`,
  citationItems: citation.cites,
  properties: { noteIndex: citation.noteIndex },
}));
const texts = new Array(clusters.length);
if (mode === "process") {
  const before = [];
  clusters.forEach((cluster) => {
    const [, updates] = engine.processCitationCluster(cluster, before, []);
    before.push([cluster.citationID, cluster.properties.noteIndex]);
    for (const [position, text] of updates) {
      texts[position] = text;
    }
  });
} else if (mode === "rebuild") {
  const triples = engine.rebuildProcessorState(clusters, "text");
  triples.forEach(([, , text], position) => {
    texts[position] = text;
  });
} else {
  const seen = new Set();
  const ids = [];
  for (const cluster of clusters) {
    for (const cite of cluster.citationItems) {
      if (!seen.has(String(cite.id))) {
        seen.add(String(cite.id));
        ids.push(String(cite.id));
      }
    }
  }
  engine.updateItems(ids);
  clusters.forEach((cluster, position) => {
    texts[position] = engine.makeCitationCluster(cluster.citationItems);
  });
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
fs.writeFileSync(outPath, JSON.stringify({ citations: texts, seconds }) + "\n");
