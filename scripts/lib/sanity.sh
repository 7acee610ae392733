# Sourced by scripts/test and scripts/test-matrix (not run on its own): ansible-test sanity and integration
# from a copy of the collection. Needs ROOT, OUT, TEST_HOME and VENV (a virtualenv with Python >= 3.8, used to copy).
# shellcheck shell=bash

# ansible-test must run from ansible_collections/<namespace>/<name>: a copy of the files git
# knows about (tracked, and untracked but not ignored) -- so tests/output and .venv* stay out.
COLLECTION_COPY="$OUT/collections/ansible_collections/dokploy/dokploy"

copy_collection() {
    rm -rf "$COLLECTION_COPY"
    mkdir -p "$COLLECTION_COPY"
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git -C "$ROOT" ls-files -z -co --exclude-standard \
            | "$VENV/bin/python" -c '
import os, shutil, sys
dest = sys.argv[1]
for path in sys.stdin.buffer.read().decode("utf-8", "surrogateescape").split("\0"):
    if not path or not os.path.lexists(path):
        continue  # deleted in the work tree but still in the index
    target = os.path.join(dest, path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copy2(path, target, follow_symlinks=False)
' "$COLLECTION_COPY"
    else
        # Not a git work tree (e.g. an exported tarball): copy all but the artefacts.
        tar -C "$ROOT" --exclude=./tests/output --exclude='./.venv*' --exclude=./.git \
            --exclude='__pycache__' --exclude='*.pyc' --exclude=.pytest_cache -cf - . \
            | tar -C "$COLLECTION_COPY" -xf -
    fi
    # ansible-test looks for the nearest .git upwards to list the content; without one of its own,
    # the copy would be seen through the outer repository, where tests/output is ignored (so
    # "All targets skipped"). An empty repository makes it list the copy's files as untracked.
    git -C "$COLLECTION_COPY" init -q
}

# ansible-test --venv bootstraps pip in each virtualenv with a get-pip script it downloads
# from outside the package registry, which this network cannot reach. This stand-in has the
# same interface: it runs ensurepip, then pip-installs its arguments (the pinned pip) from PyPI.
install_get_pip_standin() {
    local venv=$1 version cache cert
    version=$("$venv/bin/python" - <<'PY'
import re, ansible_test, os
src = open(os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")).read()
print(re.search(r"default_packages = dict\(\s*pip='([^']+)'", src).group(1))
PY
)
    cache="$TEST_HOME/.ansible/test/cache/get_pip_${version//./_}.py"
    cert=${PIP_CERT:-}
    if [[ -z "$cert" ]]; then
        cert=$("$venv/bin/python" -c 'import ssl; p = ssl.get_default_verify_paths(); print(p.cafile or "")')
    fi
    mkdir -p "$(dirname "$cache")"
    cat > "$cache" <<PY
# Offline stand-in for get-pip.py $version (written by scripts/test).
import subprocess
import sys

CERT = "$cert"
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade", "--default-pip"])
cmd = [sys.executable, "-m", "pip", "install"]
if CERT:
    cmd += ["--cert", CERT]
sys.exit(subprocess.call(cmd + args))
PY
}

# ansible_test_in_copy VENV PYTHON COMMAND ARGS...: `ansible-test COMMAND --venv --python PYTHON ARGS...` of VENV's
# ansible-core, run in the copy.
ansible_test_in_copy() {
    local venv=$1 python=$2 command=$3 base_bin core
    shift 3
    core=$("$venv/bin/python" -c 'import ansible; print(ansible.__version__)')
    install_get_pip_standin "$venv"
    # ansible-test --venv looks up "pythonX.Y" on PATH: put the virtualenv's base interpreter
    # first (a pyenv shim for a version that is not pyenv's active one would fail).
    base_bin=$(sed -n 's/^home = //p' "$venv/pyvenv.cfg")
    echo "ansible-test $command: ansible-core $core, Python $python ($base_bin/python$python)"
    (
        cd "$COLLECTION_COPY"
        export HOME="$TEST_HOME"
        export PATH="$base_bin:$venv/bin:$PATH"
        "$venv/bin/ansible-test" "$command" --venv --python "$python" --color no "$@"
    )
}

run_sanity() {
    # Skipped sanity tests (none needs more than PyPI, none is skipped so far):
    ansible_test_in_copy "$1" "$2" sanity ${SANITY_SKIP[@]+"${SANITY_SKIP[@]}"}
}

# run_integration VENV PYTHON TARGET...: integration targets as contributors run them; each target's
# setup_dokploy_simulator (meta/main.yml) starts the simulator (tests/simulator of the copy) in the background,
# and the virtualenv ansible-test makes gets tests/integration/requirements.txt (requests) from PyPI.
run_integration() {
    ansible_test_in_copy "$1" "$2" integration "${@:3}"
}
