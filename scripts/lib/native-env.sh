# Sourced by ./hestyle and scripts/test.sh; defines hestyle_provision_natives.
#
# NATIVE PROVISIONING HOOK. scripts/provision-natives.sh (shipped with the native backends) makes the
# native libraries available on this machine and prints `export VAR=value` lines describing where they
# are. Those lines, and only those, are applied to the calling shell's environment so that the Maven
# build and the JVM see them. Without the script (or if it is not executable) nothing happens.

# Usage: hestyle_provision_natives ROOT   - returns non-zero if the provisioning script fails.
hestyle_provision_natives() {
    local script="$1/scripts/provision-natives.sh" output line
    [[ -x "$script" ]] || return 0
    output="$("$script")" || { echo "hestyle: $script failed" >&2; return 1; }
    while IFS= read -r line; do
        if [[ "$line" =~ ^export\ [A-Za-z_][A-Za-z0-9_]*= ]]; then
            eval "$line"
        fi
    done <<< "$output"
}
