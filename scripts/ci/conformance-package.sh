#!/usr/bin/env bash
# The conformance suite as a user installs it, outside the repository:
#   1. `npm pack`, install the tarball into a scratch project, and run
#      `attn-coreset vectors check` (bundled vectors) and `conform` from it;
#   2. pip-install the Python package (conformance/adapters/python, taken
#      from the installed npm package) into a fresh venv of Debian's python3
#      and run pytest with the plugin against the bundled exact example
#      (must pass) and the sink + recent-window example (must fail).
# Needs a built dist/ (npm run build). PyPI is not used: the venv sees
# Debian's pytest and setuptools (--system-site-packages), pip runs with
# --no-index --no-build-isolation.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
repo=$PWD
PY=/usr/bin/python3

need_apt=()
$PY -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
$PY -m pip --version >/dev/null 2>&1 || need_apt+=(python3-pip)
$PY -c 'import pytest' 2>/dev/null || need_apt+=(python3-pytest)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]} with apt-get"
  apt-get install -y "${need_apt[@]}"
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
t0=$SECONDS

tarball=$(npm pack --silent --pack-destination "$scratch" | tail -n 1)
echo "packed $tarball ($(du -k "$scratch/$tarball" | cut -f1) KiB)"
tar -tzf "$scratch/$tarball" > "$scratch/contents"
for f in conformance/protocol.md conformance/schema/request.json conformance/vectors/v1/attention.json \
         conformance/adapters/node/adapter.mjs conformance/adapters/python/attn_coreset_adapter.py \
         conformance/adapters/python/pytest_attn_coreset.py conformance/adapters/python/pyproject.toml \
         conformance/CI.md conformance/PROFILES.md dist/src/cli/main.js dist/src/index.js dist/src/internal.js \
         CHANGELOG.md; do
  grep -qx "package/$f" "$scratch/contents" || { echo "FAIL: $f is not in the tarball"; exit 1; }
done

mkdir -p "$scratch/node-project"
cd "$scratch/node-project"
npm init -y >/dev/null
npm install --no-audit --no-fund "$scratch/$tarball" >/dev/null
pkg=node_modules/attn-coreset
npx --no-install attn-coreset vectors check
node --input-type=module -e "import { serve } from 'attn-coreset/conformance/adapters/node/adapter.mjs'; if (typeof serve !== 'function') process.exit(1);"
# The entry points as a user imports them: the public surface, the unstable
# internal entry (falsify lives there, not in the main entry), the reference twin.
node --input-type=module -e "
import * as api from 'attn-coreset';
import * as internal from 'attn-coreset/internal';
import * as Ref from 'attn-coreset/reference';
const inst = api.sphereInstance({ n: 32, d: 4, seed: 1 });
const { coreset } = api.buildCoreset(inst, { rho: 1, size: 8 });
const q = new Float64Array([1, 0, 0, 0]);
const ok = typeof api.verify === 'function' && !('falsify' in api) && typeof internal.falsify === 'function'
  && Math.abs(Ref.coresetError(inst, q, coreset).toNumber() - api.coresetError(inst, q, coreset)) < 1e-12;
if (!ok) { console.error('FAIL: the package entry points'); process.exit(1); }
console.log('entry points: attn-coreset, attn-coreset/internal, attn-coreset/reference ok');
"
npx --no-install attn-coreset vectors check --impl "node $pkg/conformance/adapters/node/example-exact.mjs"
npx --no-install attn-coreset conform --impl "node $pkg/conformance/adapters/node/example-exact.mjs" --profile quick
echo "npm package: ok ($((SECONDS - t0)) s)"

t1=$SECONDS
$PY -m venv --system-site-packages "$scratch/venv"
"$scratch/venv/bin/python" -m pip install --quiet --no-index --no-build-isolation "$PWD/$pkg/conformance/adapters/python"
mkdir -p "$scratch/py-project"
cd "$scratch/py-project"
export ATTN_CORESET_CLI="node $scratch/node-project/$pkg/dist/src/cli/main.js"
# The plugin's one-case-per-item report; -p no:cacheprovider keeps the scratch dir clean.
"$scratch/venv/bin/python" -m pytest -p no:cacheprovider -q \
  --attn-coreset-function attn_coreset_examples:exact --attn-coreset-args "--profile quick --timeout 20000" | tee "$scratch/exact.log"
grep -Eq '^[0-9]+ passed' "$scratch/exact.log" || { echo "FAIL: the exact example did not pass as test items"; exit 1; }

set +e
"$scratch/venv/bin/python" -m pytest -p no:cacheprovider -q \
  --attn-coreset-function attn_coreset_examples:sink_window --attn-coreset-args "--profile quick --timeout 20000" > "$scratch/wrong.log" 2>&1
wrong=$?
set -e
tail -n 5 "$scratch/wrong.log"
[ "$wrong" -eq 1 ] || { echo "FAIL: pytest exited $wrong for the sink-window example (expected 1: failed items)"; cat "$scratch/wrong.log"; exit 1; }
grep -Eq '[0-9]+ failed' "$scratch/wrong.log" || { echo "FAIL: no failed test items for the sink-window example"; exit 1; }
grep -q 'not-eps-coreset' "$scratch/wrong.log" || { echo "FAIL: the failure messages carry no witness"; exit 1; }
echo "python package: ok ($((SECONDS - t1)) s)"
