#!/usr/bin/env bash
# fetch.sh [DEST] — fetch the three real pytest suites fastcollect is benchmarked on, at pinned
# versions with their sdists' sha256 checked: pytest 9.0.3 (testing/), SQLAlchemy 2.0.58 (test/)
# and Django 5.2.19 (tests/), the same three as ../shared/corpus with the same pins and hashes.
#
#   DEST defaults to $FASTCOLLECT_CORPUS, else ~/.cache/fastcollect-corpus; afterwards it holds
#   pytest-9.0.3/, sqlalchemy-2.0.58/ and django-5.2.19/. A suite already unpacked there is left
#   alone (nothing is downloaded), so a second run is instant. Needs python3 (pip) and network
#   for a suite that is missing.
#
# Django's suite is collected through an overlay (pytest.ini at its root, tests/conftest.py)
# that makes plain pytest + pytest-django collect it as tests/runtests.py would; it is copied
# from ../shared/corpus/django-overlay ($FASTCOLLECT_OVERLAY) when that is found.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest=${1:-${FASTCOLLECT_CORPUS:-$HOME/.cache/fastcollect-corpus}}
overlay=${FASTCOLLECT_OVERLAY:-$here/../../../shared/corpus/django-overlay}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)

# name version sha256-of-the-sdist
suites="pytest 9.0.3 b86ada508af81d19edeb213c681b1d48246c1a91d304c6c81a427674c17eb91c
SQLAlchemy 2.0.58 2acdcec9836b7c1514a9ad426e7731669a1186d96481a2e82c50bf2aebb49061
Django 5.2.19 ad03d8abc51dbff95ebf34b27123cf0c26a3b62db7ba0cd520783686362533d1"

while read -r name ver sha; do
  lower=$(echo "$name" | tr 'A-Z' 'a-z')
  dir=$dest/$lower-$ver
  if [ -d "$dir" ]; then
    echo "fetch: $dir is present"
    continue
  fi
  mkdir -p "$dest/_sdists"
  tgz=$dest/_sdists/$lower-$ver.tar.gz
  if [ ! -f "$tgz" ]; then
    # pip prepares an sdist's metadata before it saves it, and the system setuptools is too old
    # for these three: a small venv with current build backends does the download.
    bvenv=$dest/_build-venv
    if [ ! -x "$bvenv/bin/pip" ]; then
      python3 -m venv "$bvenv"
      "$bvenv/bin/pip" install -q -U pip setuptools setuptools-scm wheel
    fi
    tmp=$(mktemp -d)
    "$bvenv/bin/pip" download -q --no-binary :all: --no-deps --no-build-isolation -d "$tmp" "$name==$ver"
    mv "$tmp"/*.tar.gz "$tgz"
    rm -rf "$tmp"
  fi
  got=$(sha256sum "$tgz" | cut -d' ' -f1)
  if [ "$got" != "$sha" ]; then
    echo "fetch: $tgz has sha256 $got, expected $sha" >&2
    rm -f "$tgz"
    exit 1
  fi
  tmp=$(mktemp -d -p "$dest")
  tar xzf "$tgz" -C "$tmp"
  mv "$tmp"/* "$dir"
  rmdir "$tmp"
  echo "fetch: $dir"
done <<<"$suites"

django=$dest/django-5.2.19
if [ -f "$overlay/pytest.ini" ] && [ -f "$overlay/tests/conftest.py" ]; then
  cmp -s "$overlay/pytest.ini" "$django/pytest.ini" || cp "$overlay/pytest.ini" "$django/pytest.ini"
  cmp -s "$overlay/tests/conftest.py" "$django/tests/conftest.py" \
    || cp "$overlay/tests/conftest.py" "$django/tests/conftest.py"
elif [ ! -f "$django/pytest.ini" ]; then
  echo "fetch: no Django overlay at $overlay (set FASTCOLLECT_OVERLAY): $django lacks pytest.ini" >&2
  exit 1
fi
echo "fetch: suites ready in $dest"
