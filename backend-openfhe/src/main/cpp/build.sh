#!/usr/bin/env bash
# Compiles the JNI glue against an installed OpenFHE and links libhestyle_openfhe_jni.so.
# Called by Maven in the compile phase (after javac wrote the JNI headers):
#
#   build.sh JAVA_HOME NATIVE_DIR OUTPUT_LIBRARY PACKAGE VERSION
#
# OpenFHE is looked up, in order, in $HESTYLE_OPENFHE_PREFIX, in the per-user cache that
# scripts/provision-natives.sh fills (PACKAGE==VERSION), then in /usr/local and /usr. Without it the
# native build is skipped with a message (exit 0): the Java still compiles and the backend reports
# itself unavailable.
set -euo pipefail

java_home="$1"
native_dir="$2"
output="$3"
package="$4"
version="$5"
sources="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

say() { printf '[hestyle-openfhe] %s\n' "$*"; }

has_openfhe() { [[ -f "$1/include/openfhe/pke/openfhe.h" && -f "$1/include/openfhe/core/config_core.h" ]]; }

cache_root="${HESTYLE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hestyle}"
prefix=""
if [[ -n "${HESTYLE_OPENFHE_PREFIX:-}" ]]; then
    if has_openfhe "$HESTYLE_OPENFHE_PREFIX"; then
        prefix="$HESTYLE_OPENFHE_PREFIX"
    else
        say "HESTYLE_OPENFHE_PREFIX=$HESTYLE_OPENFHE_PREFIX holds no OpenFHE headers (include/openfhe/pke/openfhe.h)"
    fi
fi
if [[ -z "$prefix" ]]; then
    for candidate in "$cache_root/openfhe-$package-$version/prefix" /usr/local /usr; do
        if has_openfhe "$candidate"; then
            prefix="$candidate"
            break
        fi
    done
fi
if [[ -z "$prefix" ]]; then
    rm -f "$output"
    say "OpenFHE not found: skipping the native build of backend-openfhe (its tests will be skipped)."
    say "Run scripts/provision-natives.sh (installs $package==$version) and eval its output, or set HESTYLE_OPENFHE_PREFIX."
    exit 0
fi
prefix="$(cd "$prefix" && pwd -P)"

if [[ -e "$prefix/lib/libopenfhe.so" ]]; then
    # the single library of the registry package, built without OpenMP
    libraries=(-lopenfhe)
    openmp=()
elif [[ -e "$prefix/lib/libOPENFHEpke.so" ]]; then
    # a regular OpenFHE installation (three libraries, normally with OpenMP)
    libraries=(-lOPENFHEpke -lOPENFHEbinfhe -lOPENFHEcore)
    openmp=()
    if grep -q '^#define WITH_OPENMP' "$prefix/include/openfhe/core/config_core.h"; then
        openmp=(-fopenmp)
    fi
else
    rm -f "$output"
    say "no OpenFHE library in $prefix/lib: skipping the native build of backend-openfhe."
    exit 0
fi

cxx="${CXX:-g++}"
flags=(-std=c++17 -O2 -fPIC -Wall -Wno-unused-parameter -Wno-deprecated-declarations "${openmp[@]:--Wno-unknown-pragmas}"
       -I"$native_dir/include" -I"$java_home/include" -I"$java_home/include/linux"
       -I"$prefix/include/openfhe" -I"$prefix/include/openfhe/core" -I"$prefix/include/openfhe/pke"
       -I"$prefix/include/openfhe/binfhe")
objects="$native_dir/obj"
mkdir -p "$objects" "$(dirname "$output")"

# Rebuild an object when its source, a shared header, a JNI header or the OpenFHE prefix changed.
stamp="$objects/prefix"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$prefix" ]]; then
    rm -f "$objects"/*.o
    printf '%s' "$prefix" > "$stamp"
fi
stale=()
for source in "$sources"/*.cpp; do
    object="$objects/$(basename "${source%.cpp}").o"
    if [[ ! -f "$object" ]]; then
        stale+=("$source")
        continue
    fi
    for dependency in "$source" "$sources"/*.h "$native_dir"/include/*.h; do
        if [[ "$dependency" -nt "$object" ]]; then
            stale+=("$source")
            break
        fi
    done
done

if (( ${#stale[@]} > 0 )); then
    say "compiling ${#stale[@]} file(s) against OpenFHE in $prefix"
    jobs_max="$(nproc 2>/dev/null || echo 2)"
    pids=()
    for source in "${stale[@]}"; do
        while (( $(jobs -rp | wc -l) >= jobs_max )); do
            wait -n
        done
        "$cxx" "${flags[@]}" -c "$source" -o "$objects/$(basename "${source%.cpp}").o" &
        pids+=("$!")
    done
    failed=0
    for pid in "${pids[@]}"; do
        wait "$pid" || failed=1
    done
    if (( failed )); then
        rm -f "$output"
        say "compilation failed"
        exit 1
    fi
fi

# $ORIGIN first: the loader places a link to libopenfhe.so next to the extracted glue; the prefix's
# lib directory second, for loading straight from this build.
linked=()
for source in "$sources"/*.cpp; do
    linked+=("$objects/$(basename "${source%.cpp}").o")
done
"$cxx" -shared -o "$output" "${linked[@]}" -L"$prefix/lib" "${libraries[@]}" "${openmp[@]}" \
    -Wl,-z,defs -Wl,-rpath,'$ORIGIN' -Wl,-rpath,"$prefix/lib"
say "built $(basename "$output") against $prefix"
