#!/usr/bin/env node
// The reference side of tests/test_citeproc_js.py: citeproc-js (npm package `citeproc`, the
// engine Zotero uses) formats a CSL-JSON file as a bibliography in one style.
//
//   node tests/js/bibliography.js ITEMS.json STYLE.csl LOCALES_DIR [LOCALE] [FORMAT] [links]
//   node tests/js/bibliography.js --batch JOBS.json
//
// LOCALES_DIR holds locales-xx-XX.xml files (the test passes citeproc-py's own, so that both
// engines read the same terms). Prints a JSON array of {"id", "text"} in bibliography order.
// A sixth argument `links` turns on citeproc-js's wrap_url_and_doi, as Zotero does for HTML
// bibliographies: URLs and DOIs become <a href> links (tests/test_user_library.py).
//
// --batch formats several item lists in one style with one engine (building the engine of a
// long style such as chicago-author-date takes seconds): JOBS.json is
//   {"style": STYLE.csl, "locales": LOCALES_DIR, "locale": "", "jobs": [
//     {"items": ITEMS.json, "format": "text", "links": false}, ...]}
// and the output is a JSON array holding each job's array, in the order of the jobs.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

function makeEngine(stylePath, localesDir, locale, retrieveItem) {
  const sys = {
    retrieveItem,
    retrieveLocale: (lang) => {
      const file = path.join(localesDir, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    },
  };
  const styleXml = fs.readFileSync(stylePath, "utf8");
  return new CSL.Engine(sys, styleXml, locale || undefined, Boolean(locale));
}

function bibliography(engine, items, format, links) {
  engine.setOutputFormat(format || "text");
  engine.opt.development_extensions.wrap_url_and_doi = Boolean(links);
  engine.updateItems(items.map((item) => String(item.id)));
  const [params, entries] = engine.makeBibliography();
  // an entry citeproc-js renders empty is left out of `entries` and listed in
  // bibliography_errors, so the ids are paired with the entries after leaving those out
  const omitted = new Set((params.bibliography_errors || []).map((error) => String(error.itemID)));
  const ids = params.entry_ids.map((group) => String(group[0])).filter((id) => !omitted.has(id));
  return ids.map((id, i) => ({ id, text: entries[i].trim() }));
}

function readItems(itemsPath) {
  return JSON.parse(fs.readFileSync(itemsPath, "utf8"));
}

const args = process.argv.slice(2);
if (args[0] === "--batch" && args.length === 2) {
  const batch = JSON.parse(fs.readFileSync(args[1], "utf8"));
  let byId = new Map();
  const engine = makeEngine(batch.style, batch.locales, batch.locale, (id) => byId.get(String(id)));
  const out = batch.jobs.map((job) => {
    const items = readItems(job.items);
    byId = new Map(items.map((item) => [String(item.id), item]));
    return bibliography(engine, items, job.format, job.links);
  });
  process.stdout.write(JSON.stringify(out) + "\n");
} else {
  const [itemsPath, stylePath, localesDir, locale, format, links] = args;
  if (!itemsPath || !stylePath || !localesDir || (links && links !== "links")) {
    process.stderr.write(
      "usage: bibliography.js ITEMS.json STYLE.csl LOCALES_DIR [LOCALE] [FORMAT] [links]\n" +
        "       bibliography.js --batch JOBS.json\n",
    );
    process.exit(2);
  }
  const items = readItems(itemsPath);
  const byId = new Map(items.map((item) => [String(item.id), item]));
  const engine = makeEngine(stylePath, localesDir, locale, (id) => byId.get(String(id)));
  const out = bibliography(engine, items, format, links);
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
}
