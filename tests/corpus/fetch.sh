#!/usr/bin/env bash
# Downloads the real-world corpus of schema.prisma files that the corpus tests read, each from its
# public repository at the pinned commit listed in sources.tsv, and checks every file's git blob
# hash. The files belong to their projects, so they are not kept in this repository.
#
# Usage: tests/corpus/fetch.sh [DEST]      (DEST defaults to ./corpus-schemas)
#        ORM_CORPUS_DIR="$PWD/corpus-schemas" cargo test --workspace
# Needs curl and git, and access to GitHub.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="${1:-corpus-schemas}"
mkdir -p "$dest"
failed=0
# Columns: file, repository, path, commit, blob (git blob sha1 of the file).
while IFS=$'\t' read -r file repo path commit blob; do
  [ "$file" = "file" ] && continue
  out="$dest/$file"
  mkdir -p "$(dirname "$out")"
  if ! curl -fsSL "https://raw.githubusercontent.com/$repo/$commit/$path" -o "$out"; then
    echo "failed to download $repo@$commit:$path" >&2
    failed=1
    continue
  fi
  got="$(git hash-object "$out")"
  if [ "$got" != "$blob" ]; then
    echo "blob mismatch for $file: expected $blob, got $got" >&2
    failed=1
  fi
done < "$here/sources.tsv"
[ "$failed" = 0 ] || exit 1
echo "corpus in $dest; run the tests with ORM_CORPUS_DIR=$(cd "$dest" && pwd)"
