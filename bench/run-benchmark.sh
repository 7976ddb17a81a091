#!/usr/bin/env bash
# Trestle benchmark: one command that builds what is missing, then runs io.trestle.bench.Main, which starts its own
# Kafka broker (KRaft), dev registry, Odoo stand-in and the services on free ports with state under
# bench/target/bench-state, measures, writes bench/target/benchmark/benchmark-report.{md,json} and stops everything.
# See bench/README.md.
#
#   bench/run-benchmark.sh [--build|--no-build] [--assets N] [--readings M] [--live-readings L] [--out DIR] [...]
#   bench/run-benchmark.sh --help
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$SCRIPT_DIR/.." && pwd -P)
STATE=$REPO/bench/target/bench-state
BENCH_LIB=$REPO/bench/target/bench-lib
BUILD_STAMP=$REPO/bench/target/bench-build.stamp
# shellcheck source-path=SCRIPTDIR/.. source=build-config/build-freshness.sh
source "$REPO/build-config/build-freshness.sh"
RUNNER_JAVA_OPTS=${TRESTLE_BENCH_JAVA_OPTS:--Xmx2g}

die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

find_java() {
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        JAVA=$JAVA_HOME/bin/java
    elif command -v java >/dev/null 2>&1; then
        JAVA=$(command -v java)
    else
        die "java not found: install a Java 17 JDK or set JAVA_HOME"
    fi
    local major
    major=$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    if [[ ! $major =~ ^[0-9]+$ ]] || ((major < 17)); then
        die "$JAVA is not Java 17 or newer (set JAVA_HOME)"
    fi
}

# Why a build is needed, or nothing: every runtime the benchmark starts exists and no pom.xml or src/ file changed
# since the last build made by this script.
build_reason() {
    local service outputs=()
    for service in equipment-connector telemetry-aggregator odoo-sink; do
        outputs+=("$REPO/services/$service/target/quarkus-app/quarkus-run.jar" "services/$service's package")
    done
    trestle_build_reason "$REPO" "$BUILD_STAMP" run-benchmark.sh "${outputs[@]}" \
        "$REPO/deploy/local/target/kafka-lib/kafka_2.13-*.jar" "the Kafka classpath (deploy/local/target/kafka-lib)" \
        "$REPO/deploy/local/target/registry-lib/trestle-dev-registry-*.jar" "the registry classpath" \
        "$REPO/deploy/local/target/odoo-lib/trestle-odoo-standin-*.jar" "the Odoo stand-in classpath" \
        "$BENCH_LIB/trestle-bench-*.jar" "the benchmark (bench/target/bench-lib)"
}

build() {
    local mode=$1 reason
    [[ $mode == skip ]] && return
    reason=$(build_reason)
    if [[ $mode != force && -z $reason ]]; then
        echo "==> Build is up to date (--build forces one)"
        return
    fi
    mkdir -p "$REPO/bench/target"
    local log=$REPO/bench/target/bench-build.log next_stamp
    echo "==> Building: ./mvnw -B -q -pl bench -am package -DskipTests (${reason:-forced}); log: $log"
    next_stamp=$(mktemp "$REPO/bench/target/bench-build.stamp.XXXXXX")
    if ! (cd "$REPO" && ./mvnw -B -q -pl bench -am package -DskipTests) >"$log" 2>&1; then
        rm -f "$next_stamp"
        tail -n 40 "$log" >&2
        die "the build failed (full output: $log)"
    fi
    mv -f "$next_stamp" "$BUILD_STAMP"
}

# Stops what a runner that was killed outright (SIGKILL) left running: the processes named by its pid files that
# still carry this state folder on their command line. A runner that ends normally or on Ctrl-C stops them itself.
cleanup() {
    local file pid
    for file in "$STATE"/pids/*.pid; do
        [[ -f $file ]] || continue
        pid=$(<"$file")
        [[ $pid =~ ^[0-9]+$ ]] || continue
        if [[ -r /proc/$pid/cmdline ]] && tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "-Dtrestle.bench.home=$STATE"; then
            printf 'Stopping %s (pid %s) left by the runner\n' "$(basename "$file" .pid)" "$pid" >&2
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 100); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.2
            done
            kill -KILL "$pid" 2>/dev/null || true
        fi
        rm -f "$file"
    done
}

main() {
    local build_mode=auto show_help=
    local -a runner_args=()
    while (($#)); do
        case $1 in
            --build) build_mode=force ;;
            --no-build) build_mode=skip ;;
            -h | --help) show_help=1 ;;
            *) runner_args+=("$1") ;;
        esac
        shift
    done
    find_java
    if [[ -n ${show_help:-} ]]; then
        sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
        echo "  --build / --no-build  force / skip the build (default: build when something is missing or changed)"
        if compgen -G "$BENCH_LIB/*.jar" >/dev/null; then
            "$JAVA" -cp "$BENCH_LIB/*" io.trestle.bench.Main --help
        else
            echo "  (the runner's options are listed once it is built: bench/run-benchmark.sh --build --help)"
        fi
        return 0
    fi
    build "$build_mode"
    trap cleanup EXIT
    # shellcheck disable=SC2086 # the options are a word list
    "$JAVA" $RUNNER_JAVA_OPTS -cp "$BENCH_LIB/*" io.trestle.bench.Main --repository "$REPO" \
        ${runner_args[@]+"${runner_args[@]}"}
}

main "$@"
