#!/usr/bin/env node
// The citeproc-js anchor of bench/run.py (the same engine and arguments as
// tests/js/bibliography.js): format a CSL-JSON file as a bibliography in one style.
//
//   node bench/js/format.js ITEMS.json STYLE.csl LOCALES_DIR [LOCALE] [FORMAT] > entries.json
//
// LOCALES_DIR holds locales-xx-XX.xml files (bench/run.py passes citeproc-py's, so that both
// engines read the same terms). Prints a JSON array of {"id", "text"} in bibliography order.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const [itemsPath, stylePath, localesDir, locale, format] = process.argv.slice(2);
if (!itemsPath || !stylePath || !localesDir) {
  process.stderr.write("usage: format.js ITEMS.json STYLE.csl LOCALES_DIR [LOCALE] [FORMAT]\n");
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
// entries citeproc-js renders empty are left out and listed in bibliography_errors
const omitted = new Set((params.bibliography_errors || []).map((error) => String(error.itemID)));
const ids = params.entry_ids.map((group) => String(group[0])).filter((id) => !omitted.has(id));
const out = ids.map((id, i) => ({ id, text: entries[i].trim() }));
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
