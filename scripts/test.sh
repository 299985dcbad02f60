#!/usr/bin/env bash
# Install everything the test suite needs (Debian tools + Python test deps) and run it all:
# lint (ruff), types (mypy), docs (cog, sphinx -W, doctest), tests (pytest). This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

# The programs that consume our output: bibtex/pdflatex, biber + biblatex, pandoc.
# issue 18: headless Chromium + its driver (the publication page seen in a browser) and
# LibreOffice Writer (the .docx opened and converted to text).
APT_PACKAGES=(texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber pandoc jing chromium chromium-driver libreoffice-writer-nogui)
need_apt=0
for tool in pdflatex bibtex biber pandoc jing chromium chromedriver soffice; do
    command -v "$tool" >/dev/null 2>&1 || need_apt=1
done
kpsewhich biblatex.sty >/dev/null 2>&1 || need_apt=1
if [ "$need_apt" = 1 ]; then
    if command -v apt-get >/dev/null 2>&1; then
        SUDO=""
        [ "$(id -u)" = 0 ] || SUDO="sudo"
        echo "installing Debian packages: ${APT_PACKAGES[*]}"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${APT_PACKAGES[@]}" >/dev/null
    else
        echo "warning: apt-get not found; tests needing ${APT_PACKAGES[*]} will skip" >&2
    fi
fi

python3 -m pip install --quiet --disable-pip-version-check -e ".[test,dev,docs]"
# issue 9: citeproc-js (npm "citeproc", pinned in tests/js/package.json), the reference engine of tests/test_citeproc_js.py
if command -v npm >/dev/null 2>&1; then npm install --prefix tests/js --no-audit --no-fund --silent; fi

python3 -m ruff check src tests
python3 -m ruff format --check src tests
python3 -m mypy
# docs: generated pages current, warning-free build, examples executed
python3 -m cogapp --check docs/*.md
python3 -m sphinx -q -W --keep-going -b html docs docs/_build/html
python3 -m sphinx -q -W --keep-going -b doctest docs docs/_build/doctest
python3 -m pytest "$@"
