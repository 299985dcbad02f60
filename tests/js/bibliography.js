#!/usr/bin/env node
// The reference side of tests/test_citeproc_js.py: citeproc-js (npm package `citeproc`, the
// engine Zotero uses) formats a CSL-JSON file as a bibliography in one style.
//
//   node tests/js/bibliography.js ITEMS.json STYLE.csl LOCALES_DIR [LOCALE] [FORMAT]
//
// LOCALES_DIR holds locales-xx-XX.xml files (the test passes citeproc-py's own, so that both
// engines read the same terms). Prints a JSON array of {"id", "text"} in bibliography order.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const [itemsPath, stylePath, localesDir, locale, format] = process.argv.slice(2);
if (!itemsPath || !stylePath || !localesDir) {
  process.stderr.write("usage: bibliography.js ITEMS.json STYLE.csl LOCALES_DIR [LOCALE] [FORMAT]\n");
  process.exit(2);
}

const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const byId = new Map(items.map((item) => [String(item.id), item]));
const styleXml = fs.readFileSync(stylePath, "utf8");

const sys = {
  retrieveItem: (id) => byId.get(String(id)),
  retrieveLocale: (lang) => {
    const file = path.join(localesDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  },
};

const engine = new CSL.Engine(sys, styleXml, locale || undefined, Boolean(locale));
engine.setOutputFormat(format || "text");
engine.updateItems(items.map((item) => String(item.id)));
const [params, entries] = engine.makeBibliography();
const out = params.entry_ids.map((ids, i) => ({ id: String(ids[0]), text: entries[i].trim() }));
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
