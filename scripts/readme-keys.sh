#!/usr/bin/env bash
# Writes the README's key tables from the key map (Sources/FleetDashboard/Keys): runs the test that
# compares them (KeyDocsTests), takes the tables it prints when they differ, and puts each between
# its `<!-- keys:MODE -->` and `<!-- /keys:MODE -->` markers. Usage: scripts/readme-keys.sh
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift test --filter KeyDocsTests > "$log" 2>&1 || true
python3 - "$log" <<'PY'
import re, sys
log = open(sys.argv[1], encoding="utf-8").read().splitlines()
tables, mode, rows = {}, None, []
for line in log:
    m = re.search(r"<!-- keys:(\w+) -->.*put there:$|README\.md's (\w+) keys differ from the key map; expected:$", line)
    if m:
        mode, rows = m.group(1) or m.group(2), []
        continue
    if mode and line.startswith("  |"):
        rows.append(line[2:])
        continue
    if mode:
        tables[mode], mode = "\n".join(rows), None
if mode:
    tables[mode] = "\n".join(rows)
text = open("README.md", encoding="utf-8").read()
for mode, table in tables.items():
    text = re.sub(r"(<!-- keys:%s -->\n)(?:.*?\n)?(<!-- /keys:%s -->)" % (mode, mode),
                  lambda m: m.group(1) + table + "\n" + m.group(2), text, flags=re.S)
open("README.md", "w", encoding="utf-8").write(text)
print("README.md: rewrote the key tables of", ", ".join(sorted(tables)) or "nothing (they match)")
PY
