# shellcheck shell=bash
# Sourced by the scripts that build the checkout before they run it (deploy/local/trestle-local.sh,
# bench/run-benchmark.sh), so both decide the same way whether a build is due.

# Prints why a build is needed, or nothing when it is not: the first missing output, a checkout the script never
# built, or a pom.xml, .mvn/ or src/ file newer than the stamp of the last build.
#   trestle_build_reason REPO STAMP SCRIPT [GLOB DESCRIPTION]...
# GLOB names an output the build makes (e.g. ".../kafka-lib/kafka_2.13-*.jar"), DESCRIPTION what is missing without it.
trestle_build_reason() {
    local repo=$1 stamp=$2 script=$3 changed
    shift 3
    while (($# >= 2)); do
        compgen -G "$1" >/dev/null || {
            echo "$2 is missing"
            return
        }
        shift 2
    done
    [[ -f $stamp ]] || {
        echo "this checkout was not built by $script yet"
        return
    }
    changed=$(find "$repo" \( -path "$repo/.git" -o -path "$repo/.trestle" -o -name target -o -name node_modules \) \
        -prune -o -type f \( -name pom.xml -o -path '*/src/*' -o -path "$repo/.mvn/*" \) -newer "$stamp" -print -quit)
    [[ -z $changed ]] || echo "${changed#"$repo"/} changed since the last build"
}
