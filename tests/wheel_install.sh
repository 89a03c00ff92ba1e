#!/usr/bin/env bash
# Packaging test: build the wheel, install it (not editable) into a fresh virtual environment
# with every dependency from the package index, as a user would, then ingest the sample
# articles and serve them with the metadata.yml and plugin the wheel carries.
#
#   tests/wheel_install.sh [PYTHON]    # PYTHON has `build` installed (default: .venv/bin/python)
#
# Fails on a packaging defect: a module, metadata.yml or entry point missing from the wheel,
# or a dependency the package imports but does not declare.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
builder=${1:-.venv/bin/python}
work=$(mktemp -d "${TMPDIR:-/tmp}/quotes-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT

# From a copy of the files git knows (tracked, or new and not ignored): a build/ or
# *.egg-info/ left in the checkout can put files into the wheel that the package data leaves
# out. The sdist first, then the wheel from the sdist, as pip builds one.
mkdir "$work/src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' f; do if [[ -e $f || -L $f ]]; then printf '%s\0' "$f"; fi; done |
        xargs -0 tar -c --no-recursion | tar -x -C "$work/src"
else  # an unpacked archive of the repository
    tar -c --exclude=./.venv --exclude=./build --exclude=./dist --exclude='*.egg-info' . | tar -x -C "$work/src"
fi
"$builder" -m build --outdir "$work/dist" "$work/src" >"$work/build.log" 2>&1 || {
    cat "$work/build.log"; exit 1; }
wheel=$(ls "$work"/dist/quotes-*.whl)
echo "built $(basename "$wheel")"

# The wheel holds metadata.yml's content (not a link) and names our Datasette plugin.
"$builder" - "$wheel" "$repo/metadata.yml" <<'EOF'
import sys
import zipfile

wheel, metadata = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    names = z.namelist()
    packaged = z.read("quotes/datasette/metadata.yml")
    entry_points = z.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
with open(metadata, "rb") as f:
    assert packaged == f.read(), "quotes/datasette/metadata.yml in the wheel differs from metadata.yml"
assert "[datasette]\nquotes = quotes.datasette\n" in entry_points, entry_points
assert not [n for n in names if n.startswith(("tests/", "benchmarks/"))], "tests or benchmarks in the wheel"
for data in ("templates/quotes_speaker.html", "templates/index.html", "static/quotes.css", "static/quotes.js"):
    assert f"quotes/datasette/{data}" in names, f"{data} is not in the wheel"
assert "quotes/py.typed" in names, "py.typed is not in the wheel: type checkers would ignore the package's hints"
print(f"wheel: {len(names)} files, metadata.yml as in the repository, datasette entry point")
EOF

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check -U pip  # as the README installs
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel"

# From outside the checkout, so that nothing is imported from the repository.
cd "$work"
"$work/venv/bin/quotes" serve --help >/dev/null
"$work/venv/bin/quotes" ingest "$repo/examples/articles" --db "$work/quotes.db" --processes 1
"$work/venv/bin/python" - "$work/quotes.db" "$repo/metadata.yml" <<'EOF'
import asyncio
import contextlib
import io
import sys
from pathlib import Path

import yaml
from datasette.app import Datasette
from datasette.cli import cli

import quotes
from quotes.datasette.serve import SETTINGS, load_metadata, metadata_path, serve_args

db, repo_metadata = sys.argv[1:]
venv = Path(sys.prefix).resolve()
assert venv in Path(quotes.__file__).resolve().parents, f"quotes imported from {quotes.__file__}"
assert venv in metadata_path().parents and not metadata_path().is_symlink(), metadata_path()
expected = yaml.safe_load(Path(repo_metadata).read_text(encoding="utf-8"))
assert load_metadata() == expected


async def pages():
    ds = Datasette([db], metadata=load_metadata(), settings=SETTINGS)
    await ds.invoke_startup()
    home = await ds.client.get("/")
    table = await ds.client.get("/quotes/quotes")
    rows = await ds.client.get("/quotes/quotes.json?_shape=array")
    plugins = await ds.client.get("/-/plugins.json")
    speaker = await ds.client.get("/-/speaker/yoon-suk-yeol")
    css = await ds.client.get("/-/static-plugins/quotes/quotes.css")
    return home, table, rows, plugins, speaker, css


home, table, rows, plugins, speaker, css = asyncio.run(pages())
for response in (home, table, rows, plugins, speaker, css):
    assert response.status_code == 200, (response.url, response.status_code, response.text[:500])
assert expected["title"] in home.text, "metadata.yml's title is not on the home page"
description = expected["databases"]["quotes"]["tables"]["quotes"]["columns"]["cue_lemma"].split(",")[0]
assert description in table.text, f"metadata.yml's column descriptions ({description!r}) are not on the quotes table"
assert "<mark>" in table.text, "the plugin does not highlight quotes"
assert len(rows.json()) > 20, rows.json()
[plugin] = [p for p in plugins.json() if p["name"] == "quotes"]
assert {"render_cell", "register_facet_classes"} <= set(plugin["hooks"]), plugin

# As `quotes serve` runs Datasette (its arguments and the packaged metadata), for one request.
page = io.StringIO()
with contextlib.redirect_stdout(page):
    try:
        cli.main(args=[*serve_args(db), "--get", "/"], prog_name="datasette", standalone_mode=False)
    except SystemExit as stop:
        assert not stop.code, (stop.code, page.getvalue()[-2000:])
assert expected["title"] in page.getvalue(), page.getvalue()[-2000:]
print(f"\ninstalled wheel: home page and quotes table served with metadata.yml ({expected['title']!r}) and the plugin")
EOF
