#!/usr/bin/env node
// The citation-js anchor of bench/run.py: read a CSL-JSON file and write it as BibTeX, BibLaTeX
// or CSL-JSON with citation-js (@citation-js/core + plugin-bibtex + plugin-csl).
//
//   node bench/js/export.js ITEMS.json bibtex|biblatex|csl-json OUT
"use strict";

const fs = require("fs");
const { Cite } = require("@citation-js/core");
require("@citation-js/plugin-bibtex");
require("@citation-js/plugin-csl");

const [itemsPath, format, outPath] = process.argv.slice(2);
const TEMPLATES = { bibtex: "bibtex", biblatex: "biblatex", "csl-json": "data" };
if (!itemsPath || !(format in TEMPLATES) || !outPath) {
  process.stderr.write("usage: export.js ITEMS.json bibtex|biblatex|csl-json OUT\n");
  process.exit(2);
}

const cite = new Cite(JSON.parse(fs.readFileSync(itemsPath, "utf8")));
const text = cite.format(TEMPLATES[format]);
fs.writeFileSync(outPath, typeof text === "string" ? text : JSON.stringify(text, null, 2));
