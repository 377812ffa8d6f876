#!/usr/bin/env bash
# OpenFHE for backend-openfhe: the PyPI package heir_py (pinned below) ships a prebuilt libopenfhe.so
# together with OpenFHE's and cereal's headers so that programs can be compiled against it. We install
# that wheel unchanged with pip and expose it as a conventional prefix:
#
#   <prefix>/lib/libopenfhe.so
#   <prefix>/include/openfhe/{core,pke,binfhe}   (OpenFHE headers)
#   <prefix>/include/openfhe/cereal              (cereal headers, as an OpenFHE install lays them out)
#
# Prints `export HESTYLE_OPENFHE_PREFIX=<prefix>` on success; prints nothing on stdout otherwise.
# Environment: HESTYLE_CACHE_DIR (default ${XDG_CACHE_HOME:-$HOME/.cache}/hestyle).
set -u

# heir_py releases 2026.4.1 to 2026.6.1 carry libopenfhe.so and the headers; later ones do not.
HEIR_PY_VERSION="2026.6.1"
# Bump when the layout below changes, so that existing caches are rebuilt.
LAYOUT=1

say() { printf 'provision-natives: %s\n' "$*" >&2; }

cache_root="${HESTYLE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hestyle}"
home="$cache_root/openfhe-heir_py-$HEIR_PY_VERSION"
prefix="$home/prefix"
stamp="$home/.complete-$LAYOUT"

if [[ -f "$stamp" && -e "$prefix/lib/libopenfhe.so" ]]; then
    say "OpenFHE (heir_py $HEIR_PY_VERSION) already installed in $prefix"
    printf 'export HESTYLE_OPENFHE_PREFIX=%q\n' "$prefix"
    exit 0
fi

if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
    say "OpenFHE is provisioned for Linux x86_64 only (this is $(uname -s)-$(uname -m)); backend-openfhe will be skipped."
    say "Install OpenFHE yourself and set HESTYLE_OPENFHE_PREFIX to its install prefix to use it."
    exit 0
fi

python=""
for candidate in python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -m pip --version >/dev/null 2>&1; then
        python="$candidate"
        break
    fi
done
if [[ -z "$python" ]]; then
    say "no python with pip found; cannot install heir_py==$HEIR_PY_VERSION. backend-openfhe will be skipped."
    exit 0
fi

say "installing heir_py==$HEIR_PY_VERSION (prebuilt OpenFHE library and headers) into $home ..."
staging="$home/site.partial"
rm -rf "$staging"
mkdir -p "$home"
# --platform/--python-version make pip take the manylinux wheel whatever the local python is;
# --no-deps: we need the package's own files, not its python dependencies.
if ! PIP_ROOT_USER_ACTION=ignore "$python" -m pip install --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
        --platform manylinux_2_28_x86_64 --python-version 3.11 --implementation cp \
        --target "$staging" "heir_py==$HEIR_PY_VERSION" >&2; then
    rm -rf "$staging"
    say "could not install heir_py==$HEIR_PY_VERSION (offline?). backend-openfhe will be skipped."
    exit 0
fi

pkg="$staging/heir"
for required in "$pkg/libopenfhe.so" "$pkg/openfhe+/src/pke/include/openfhe.h" \
                "$pkg/openfhe+/src/core/include/config_core.h" "$pkg/cereal+/include/cereal/cereal.hpp"; do
    if [[ ! -e "$required" ]]; then
        rm -rf "$staging"
        say "heir_py==$HEIR_PY_VERSION does not contain ${required#"$staging"/}; backend-openfhe will be skipped."
        exit 0
    fi
done

rm -rf "$home/site" "$prefix"
mv "$staging" "$home/site"
mkdir -p "$prefix/lib" "$prefix/include/openfhe"
ln -s ../../site/heir/libopenfhe.so "$prefix/lib/libopenfhe.so"
for part in core pke binfhe; do
    ln -s "../../../site/heir/openfhe+/src/$part/include" "$prefix/include/openfhe/$part"
done
ln -s ../../../site/heir/cereal+/include/cereal "$prefix/include/openfhe/cereal"
printf 'heir_py %s\n' "$HEIR_PY_VERSION" > "$prefix/SOURCE"
touch "$stamp"

say "OpenFHE ready in $prefix"
printf 'export HESTYLE_OPENFHE_PREFIX=%q\n' "$prefix"
