# shellcheck shell=bash
# community.docker for the tools that read the install role (ansible-lint, galaxy-importer's lint, molecule).
# It is a Galaxy collection, not a pip package; the `ansible` package on PyPI ships it, so it is taken from
# there (pip download, no install) into a collections path: ensure_community_docker DIR PYTHON. With it comes its
# own dependency, community.library_inventory_filtering_v1 (ansible-doc and antsibull-docs want the whole closure).
COMMUNITY_ANSIBLE_PACKAGE="ansible==12.3.0"  # its community.docker 4.8.5

ensure_community_docker() {
    local dir=$1 python=$2 tmp
    if [[ -f "$dir/ansible_collections/community/docker/MANIFEST.json" \
          && -f "$dir/ansible_collections/community/library_inventory_filtering_v1/MANIFEST.json" ]]; then
        return 0
    fi
    # the wheel (54 MB) is kept in tests/output/community-cache: scripts/docs starts from an empty folder each time
    local cache
    cache="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/tests/output/community-cache"
    mkdir -p "$cache"
    if ! compgen -G "$cache/ansible-${COMMUNITY_ANSIBLE_PACKAGE#ansible==}-*.whl" >/dev/null; then
        "$python" -m pip download --quiet --no-deps "$COMMUNITY_ANSIBLE_PACKAGE" -d "$cache"
    fi
    tmp=$(mktemp -d)
    "$python" -m zipfile -e "$cache"/ansible-"${COMMUNITY_ANSIBLE_PACKAGE#ansible==}"-*.whl "$tmp/x"
    mkdir -p "$dir/ansible_collections/community"
    rm -rf "$dir/ansible_collections/community/docker" "$dir/ansible_collections/community/library_inventory_filtering_v1"
    cp -a "$tmp/x/ansible_collections/community/docker" "$tmp/x/ansible_collections/community/library_inventory_filtering_v1" \
        "$dir/ansible_collections/community/"
    rm -rf "$tmp"
    echo "community.docker $("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["collection_info"]["version"])' \
        "$dir/ansible_collections/community/docker/MANIFEST.json") in $dir"
}
