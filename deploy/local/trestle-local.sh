#!/usr/bin/env bash
# Trestle local stack: a real Kafka broker (KRaft, one node), the dev schema registry, an Odoo 17 stand-in (or a real
# Odoo given by TRESTLE_ODOO_URL, _DATABASE, _LOGIN and _API_KEY) and every built service, as plain Java processes
# on 127.0.0.1, without Docker. See deploy/local/README.md.
#
#   deploy/local/trestle-local.sh [up] [--no-build|--build] [--no-demo]
#   deploy/local/trestle-local.sh down [--purge]
#   deploy/local/trestle-local.sh status
#   deploy/local/trestle-local.sh logs [component] [-f]
#   deploy/local/trestle-local.sh demo
#
# Everything it writes lives under <repo>/.trestle/local (override with TRESTLE_LOCAL_HOME).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$SCRIPT_DIR/../.." && pwd -P)
STATE=${TRESTLE_LOCAL_HOME:-$REPO/.trestle/local}

HOST=127.0.0.1
KAFKA_PORT=${TRESTLE_KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${TRESTLE_KAFKA_CONTROLLER_PORT:-9093}
REGISTRY_PORT=${TRESTLE_REGISTRY_PORT:-8081}
ODOO_PORT=${TRESTLE_ODOO_PORT:-8069}
BOOTSTRAP=$HOST:$KAFKA_PORT
REGISTRY_URL=http://$HOST:$REGISTRY_PORT
REGISTRY_V3=$REGISTRY_URL/apis/registry/v3
REGISTRY_CCOMPAT=$REGISTRY_URL/apis/ccompat/v7

KAFKA_TIMEOUT=${TRESTLE_KAFKA_TIMEOUT:-60}
REGISTRY_TIMEOUT=${TRESTLE_REGISTRY_TIMEOUT:-60}
ODOO_TIMEOUT=${TRESTLE_ODOO_TIMEOUT:-60}
SERVICE_TIMEOUT=${TRESTLE_SERVICE_TIMEOUT:-120}
DEMO_TIMEOUT=${TRESTLE_DEMO_TIMEOUT:-60}
STOP_TIMEOUT=${TRESTLE_STOP_TIMEOUT:-30}

KAFKA_JAVA_OPTS=${TRESTLE_KAFKA_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20}
REGISTRY_JAVA_OPTS=${TRESTLE_REGISTRY_JAVA_OPTS:--Xmx256m}
ODOO_JAVA_OPTS=${TRESTLE_ODOO_JAVA_OPTS:--Xmx256m}
SERVICE_JAVA_OPTS=${TRESTLE_SERVICE_JAVA_OPTS:--Xmx512m}
PYTHON=${TRESTLE_PYTHON:-/usr/bin/python3}
PYTHON_APT="apt-get install -y python3-confluent-kafka python3-avro python3-requests"

KAFKA_LIB=$SCRIPT_DIR/target/kafka-lib
REGISTRY_LIB=$SCRIPT_DIR/target/registry-lib
ODOO_LIB=$SCRIPT_DIR/target/odoo-lib
TOOLS_LIB=$SCRIPT_DIR/target/tools-lib
# Lives with the build's outputs, so './mvnw clean' also forgets that the checkout was built.
BUILD_STAMP=$SCRIPT_DIR/target/trestle-local-build.stamp
# shellcheck source-path=SCRIPTDIR/../.. source=build-config/build-freshness.sh
source "$REPO/build-config/build-freshness.sh"
SERVICE_CONF_DIR=$SCRIPT_DIR/services
TOPIC_PARTITIONS=${TRESTLE_TOPIC_PARTITIONS:-3}
DEMO_DIR=$SCRIPT_DIR/demo
READER=$SCRIPT_DIR/read_avro_topic.py
ODOO_RPC=$SCRIPT_DIR/odoo_jsonrpc.py

TOPIC_TELEMETRY=trestle.equipment.telemetry.v1
TOPIC_COST=trestle.cost.posting.v1
TOPIC_QUARANTINE=trestle.integration.quarantine.v1
DEMO_SERVICE=equipment-connector
DEMO_CLIENT=local-demo
AGGREGATOR_SERVICE=telemetry-aggregator
SINK_SERVICE=odoo-sink
CONNECTOR_SERVICE=odoo-connector
SINK_GROUP_DEFAULT=trestle-odoo-sink # the sink's trestle.odoo-sink.consumer-group (prefix of one group per input), unless its properties file sets one

# The Odoo stand-in: database, admin login and uid as in the recording it imitates (../shared/odoo); its admin API key
# is made once per state folder ($STATE/odoo/admin-api-key). The analytic account the sink books unallocated usage on.
STANDIN_DATABASE=constr
STANDIN_LOGIN="admin"
STANDIN_PASSWORD="admin"
UNALLOCATED_ACCOUNT_NAME="Trestle: unallocated equipment usage"

# ---------------------------------------------------------------------------------------------- helpers

info() { printf '%s\n' "$*"; }
step() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

now_ms() { date +%s%3N; }
since() { # seconds since a now_ms value, one decimal
    local ms=$(($(now_ms) - $1))
    printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100))
}

usage() {
    cat <<EOF
Usage: deploy/local/trestle-local.sh [command] [options]

Commands:
  up [--no-build|--build] [--no-demo]
                   Build what is missing or out of date (./mvnw -B -q install -DskipTests), then start Kafka,
                   the registry, the Odoo stand-in (unless TRESTLE_ODOO_URL & co. name a real Odoo) and every
                   built service (services/*/target/quarkus-app/quarkus-run.jar), send the demo feed, show it
                   in Odoo and print where to look. What already runs is left alone. (default command)
  down [--purge]   Stop services, Odoo stand-in, registry and Kafka; --purge also deletes ${STATE/#$REPO\//}
  status           Each component with its pid, health, URL and log; exit 3 when something is down
  logs [component] [-f]
                   Without a component: the log files. With one: its last 200 lines (-f: follow)
  demo             Send the demo feed again and show the cost postings and the analytic lines in Odoo
  help             This text

Environment (defaults): TRESTLE_KAFKA_PORT (9092), TRESTLE_KAFKA_CONTROLLER_PORT (9093),
  TRESTLE_REGISTRY_PORT (8081), TRESTLE_ODOO_PORT (8069, the stand-in), TRESTLE_LOCAL_HOME (<repo>/.trestle/local),
  TRESTLE_PYTHON (/usr/bin/python3), TRESTLE_TOPIC_PARTITIONS (3, for topics created on first start),
  TRESTLE_KAFKA_TIMEOUT (60), TRESTLE_REGISTRY_TIMEOUT (60), TRESTLE_ODOO_TIMEOUT (60), TRESTLE_SERVICE_TIMEOUT (120),
  TRESTLE_DEMO_TIMEOUT (60), TRESTLE_STOP_TIMEOUT (30) in seconds; TRESTLE_KAFKA_JAVA_OPTS,
  TRESTLE_REGISTRY_JAVA_OPTS, TRESTLE_ODOO_JAVA_OPTS, TRESTLE_SERVICE_JAVA_OPTS.
  Service ports: deploy/local/services/<service>.properties.
  A real Odoo instead of the stand-in (all four, for every command): TRESTLE_ODOO_URL (e.g. https://erp.example.com),
  TRESTLE_ODOO_DATABASE, TRESTLE_ODOO_LOGIN, TRESTLE_ODOO_API_KEY (or the user's password).
EOF
}

find_java() {
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        JAVA=$JAVA_HOME/bin/java
    elif command -v java >/dev/null 2>&1; then
        JAVA=$(command -v java)
    else
        die "java not found: install a Java 17 JDK (Debian: apt-get install -y openjdk-17-jdk-headless) or set JAVA_HOME"
    fi
    local version major
    version=$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    major=${version%%.*}
    if [[ ! $major =~ ^[0-9]+$ ]] || ((major < 17)); then
        die "$JAVA is Java '${version:-unknown}'; Trestle needs Java 17 or newer (set JAVA_HOME)"
    fi
}

require_tools() {
    ((BASH_VERSINFO[0] >= 4)) || die "bash 4 or newer is required (this is $BASH_VERSION)"
    command -v curl >/dev/null 2>&1 || die "curl not found (Debian: apt-get install -y curl)"
    command -v setsid >/dev/null 2>&1 || die "setsid not found (Debian: apt-get install -y util-linux)"
    find_java
}

# Python with the Debian packages the Avro reader needs; prints why not when they are missing.
python_ready() {
    if [[ ! -x $PYTHON ]]; then
        PYTHON_PROBLEM="$PYTHON not found (install python3, or set TRESTLE_PYTHON)"
        return 1
    fi
    if ! "$PYTHON" -c 'import confluent_kafka, avro' >/dev/null 2>&1; then
        PYTHON_PROBLEM="$PYTHON lacks python3-confluent-kafka / python3-avro (as root: $PYTHON_APT)"
        return 1
    fi
    return 0
}

pid_file() { printf '%s/pids/%s.pid' "$STATE" "$1"; }
log_file() { printf '%s/logs/%s.log' "$STATE" "$1"; }

# Whether a pid is one of ours: the process carries -Dtrestle.local.component=<name> and this stack's home.
is_ours() {
    local pid=$1 name=$2 cmdline
    [[ -r /proc/$pid/cmdline ]] || return 1
    cmdline=$(tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline") || return 1
    grep -qxF -- "-Dtrestle.local.component=$name" <<<"$cmdline" &&
        grep -qxF -- "-Dtrestle.local.home=$STATE" <<<"$cmdline"
}

# Pids of this stack's processes (by the -Dtrestle.local.home marker), optionally only those of one component.
pids_by_marker() {
    local marker="-Dtrestle.local.home=$STATE" file pid
    [[ -n ${1:-} ]] && marker="-Dtrestle.local.component=$1"
    while IFS= read -r file; do
        pid=${file#/proc/}
        pid=${pid%/cmdline}
        if [[ -n ${1:-} ]]; then
            is_ours "$pid" "$1" && printf '%s\n' "$pid"
        elif grep -qxF -- "-Dtrestle.local.home=$STATE" < <(tr '\0' '\n' 2>/dev/null <"$file"); then
            printf '%s\n' "$pid"
        fi
    done < <(grep -lsaF -- "$marker" /proc/[0-9]*/cmdline 2>/dev/null)
    return 0
}

# Prints the pid of a running component. A pid file whose process is gone (or is someone else's) is removed; a
# process of ours without a pid file (deleted by hand) is found by its command line and gets its pid file back.
running_pid() {
    local name=$1 file pid
    file=$(pid_file "$name")
    if [[ -f $file ]]; then
        pid=$(<"$file")
        if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && is_ours "$pid" "$name"; then
            printf '%s' "$pid"
            return 0
        fi
        rm -f "$file"
    fi
    pid=$(pids_by_marker "$name" | head -n 1)
    [[ -n $pid ]] || return 1
    [[ -d ${file%/*} ]] && echo "$pid" >"$file"
    printf '%s' "$pid"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

http_status() { curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true; }

# NAME=value pairs that launch exports to the process it starts, and only to it: secrets given this way stay out of
# the command line (/proc/<pid>/environ is readable by the owner only).
LAUNCH_ENV=()

# Starts a detached process (own session, stdin closed) that writes its pid file before exec'ing the command.
launch() {
    local name=$1 workdir=$2
    shift 2
    local pidf log
    pidf=$(pid_file "$name")
    log=$(log_file "$name")
    [[ -f $log ]] && mv -f "$log" "$log.1"
    rm -f "$pidf"
    # shellcheck disable=SC2016 # $$ and $@ belong to the inner bash
    # fd 9 is the lock of this script (with_lock): the long-running process must not inherit it.
    (
        for pair in ${LAUNCH_ENV[@]+"${LAUNCH_ENV[@]}"}; do export "${pair?}"; done
        cd "$workdir" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidf" "$@" >"$log" 2>&1 </dev/null 9>&-
    ) &
    local tries=0
    while [[ ! -s $pidf ]]; do
        ((++tries > 50)) && die "could not start $name (no pid file after 5 s); see $log"
        sleep 0.1
    done
}

# Waits until "$check" succeeds for a launched component, or it dies, or the deadline passes.
await() {
    local name=$1 timeout=$2 check=$3 log=$4 started=$5 pid
    pid=$(<"$(pid_file "$name")")
    local deadline=$(($(now_ms) + timeout * 1000))
    while ! $check; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$(pid_file "$name")"
            printf 'ERROR: %s exited during start-up. Last lines of %s:\n' "$name" "$log" >&2
            tail -n 25 "$log" | sed 's/^/    /' >&2
            return 1
        fi
        if (($(now_ms) > deadline)); then
            printf 'ERROR: %s (pid %s) was not ready after %s s; stopping it. Look at %s:\n' \
                "$name" "$pid" "$timeout" "$log" >&2
            tail -n 25 "$log" | sed 's/^/    /' >&2
            stop_component "$name" >/dev/null
            return 1
        fi
        sleep 0.2
    done
    info "    $name ready in $(since "$started") (pid $pid)"
}

# SIGTERM, wait, then SIGKILL; removes the pid file.
stop_component() {
    local name=$1 pid timeout=${2:-$STOP_TIMEOUT}
    if ! pid=$(running_pid "$name"); then
        return 1
    fi
    local started
    started=$(now_ms)
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$(($(now_ms) + timeout * 1000))
    while kill -0 "$pid" 2>/dev/null; do
        if (($(now_ms) > deadline)); then
            warn "$name (pid $pid) did not stop within $timeout s after SIGTERM; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
            break
        fi
        sleep 0.2
    done
    rm -f "$(pid_file "$name")"
    info "    stopped $name (pid $pid) in $(since "$started")"
}

# "key=value" lines of a Java-style properties file (comments and blank lines skipped), one per output line.
read_properties() {
    local file=$1 line key value
    [[ -f $file ]] || return 0
    while IFS= read -r line || [[ -n $line ]]; do
        line=${line#"${line%%[![:space:]]*}"}
        [[ -z $line || $line == \#* || $line == \!* ]] && continue
        [[ $line == *=* ]] || {
            warn "$file: ignoring line without '=': $line"
            continue
        }
        key=${line%%=*}
        key=${key%"${key##*[![:space:]]}"}
        value=${line#*=}
        value=${value#"${value%%[![:space:]]*}"}
        value=${value%"${value##*[![:space:]]}"}
        printf '%s=%s\n' "$key" "$value"
    done <"$file"
}

property() { # property <file> <key>: the last value of key, empty when absent
    read_properties "$1" | awk -v key="$2" 'index($0, key "=") == 1 { value = substr($0, length(key) + 2) } END { print value }'
}

with_lock() {
    mkdir -p "$STATE"
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$STATE/.lock"
        flock -n 9 || die "another trestle-local.sh is working on $STATE right now; wait for it to finish"
    fi
}

init_state() {
    mkdir -p "$STATE"/{kafka,registry,logs/kafka,pids,services}
    # Marks the folder as ours, so 'down --purge' never deletes a folder it did not create.
    [[ -f $STATE/.trestle-local ]] || echo "Trestle local stack state; 'deploy/local/trestle-local.sh down --purge' deletes it." >"$STATE/.trestle-local"
}

# ---------------------------------------------------------------------------------------------- build

# Prints why a build is needed, or nothing when outputs exist and no pom.xml or src/ file is newer than the last build.
build_reason() {
    trestle_build_reason "$REPO" "$BUILD_STAMP" trestle-local.sh \
        "$KAFKA_LIB/kafka_2.13-*.jar" "the Kafka classpath (deploy/local/target/kafka-lib)" \
        "$REGISTRY_LIB/trestle-dev-registry-*.jar" "the registry classpath (deploy/local/target/registry-lib)" \
        "$ODOO_LIB/trestle-odoo-standin-*.jar" "the Odoo stand-in classpath (deploy/local/target/odoo-lib)" \
        "$TOOLS_LIB/trestle-local-stack-tools-*.jar" "the tools classpath (deploy/local/target/tools-lib)"
}

build() {
    local mode=$1 reason
    if [[ $mode == skip ]]; then
        info "==> Build skipped (--no-build)"
        return
    fi
    reason=$(build_reason)
    if [[ $mode != force && -z $reason ]]; then
        info "==> Build is up to date (pass --build to force one)"
        return
    fi
    [[ -x $REPO/mvnw ]] || die "$REPO/mvnw not found or not executable"
    local log=$STATE/logs/build.log started
    started=$(now_ms)
    step "Building: ./mvnw -B -q install -DskipTests (${reason:-forced}); log: $log"
    # Stamped with the time the build started: a file edited during the build counts as changed next time.
    local next_stamp
    next_stamp=$(mktemp "$STATE/build.stamp.XXXXXX")
    if ! (cd "$REPO" && ./mvnw -B -q install -DskipTests) >"$log" 2>&1; then
        rm -f "$next_stamp"
        tail -n 40 "$log" | sed 's/^/    /' >&2
        die "the build failed (full output: $log). Fix it, or start what is already built with --no-build."
    fi
    mkdir -p "${BUILD_STAMP%/*}"
    mv -f "$next_stamp" "$BUILD_STAMP"
    info "    built in $(since "$started")"
    BUILT_NOW=1
}

# ---------------------------------------------------------------------------------------------- Kafka

kafka_java() { # runs a Kafka tool class on the broker's classpath, logging warnings to stderr only
    "$JAVA" -Dlog4j2.configurationFile="$SCRIPT_DIR/config/tools-log4j2.xml" -cp "$KAFKA_LIB/*" "$@"
}

write_kafka_config() {
    cat >"$STATE/kafka/server.properties" <<EOF
# Written by deploy/local/trestle-local.sh at every start; edit the script (or its environment), not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$STATE/kafka/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
# One broker: every internal topic has a single replica, so transactions (exactly_once_v2) work.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Topics are created from the catalogue (TrestleTopic), as in production; a typo fails instead of creating a topic.
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
EOF
}

format_kafka_storage() {
    [[ -f $STATE/kafka/data/meta.properties ]] && return 0
    local cluster_id
    if [[ -s $STATE/kafka/cluster.id ]]; then
        cluster_id=$(<"$STATE/kafka/cluster.id")
    else
        cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid) || die "kafka.tools.StorageTool random-uuid failed"
        echo "$cluster_id" >"$STATE/kafka/cluster.id"
    fi
    info "    formatting $STATE/kafka/data (cluster id $cluster_id, once)"
    kafka_java kafka.tools.StorageTool format --cluster-id "$cluster_id" --config "$STATE/kafka/server.properties" \
        --ignore-formatted >"$STATE/logs/kafka-format.log" 2>&1 ||
        die "formatting Kafka storage failed; see $STATE/logs/kafka-format.log"
}

kafka_started() { grep -q "Kafka Server started" "$(log_file kafka)" 2>/dev/null; }

start_kafka() {
    local pid
    if pid=$(running_pid kafka); then
        info "    kafka already running (pid $pid, $BOOTSTRAP)"
        return 0
    fi
    port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is in use by another process; stop it or set TRESTLE_KAFKA_PORT"
    port_open "$KAFKA_CONTROLLER_PORT" &&
        die "port $KAFKA_CONTROLLER_PORT (Kafka controller) is in use; stop that process or set TRESTLE_KAFKA_CONTROLLER_PORT"
    local started
    started=$(now_ms)
    write_kafka_config
    format_kafka_storage
    # shellcheck disable=SC2086 # the JAVA_OPTS are word lists
    launch kafka "$STATE/kafka" "$JAVA" $KAFKA_JAVA_OPTS -Dtrestle.local.component=kafka -Dtrestle.local.home="$STATE" \
        -Dlog4j2.configurationFile="$SCRIPT_DIR/config/kafka-log4j2.xml" -Dkafka.logs.dir="$STATE/logs/kafka" \
        -cp "$KAFKA_LIB/*" kafka.Kafka "$STATE/kafka/server.properties"
    await kafka "$KAFKA_TIMEOUT" kafka_started "$(log_file kafka)" "$started" ||
        die "Kafka did not start; its full log is $STATE/logs/kafka/server.log"
}

# Creates the topics of the catalogue (io.trestle.schema.topic.TrestleTopic) the broker does not have yet.
create_topics() {
    local output
    output=$("$JAVA" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$TOOLS_LIB/*" io.trestle.local.LocalTopics \
        --bootstrap-server "$BOOTSTRAP" --partitions "$TOPIC_PARTITIONS" 2>&1) ||
        die "could not create the catalogue's topics on $BOOTSTRAP: $output"
    local created
    created=$(grep -c '^created topic ' <<<"$output" || true)
    if ((created > 0)); then
        info "    created $created topic(s) of the catalogue, $TOPIC_PARTITIONS partition(s) each: $(sed -n 's/^created topic //p' <<<"$output" | tr '\n' ' ')"
    else
        info "    $output"
    fi
}

# ---------------------------------------------------------------------------------------------- registry

registry_ready() {
    grep -q "Trestle dev registry listening on" "$(log_file registry)" 2>/dev/null ||
        [[ $(http_status "$REGISTRY_V3/system/info") == 200 ]]
}

start_registry() {
    local pid
    if pid=$(running_pid registry); then
        info "    registry already running (pid $pid, $REGISTRY_URL)"
        return 0
    fi
    compgen -G "$REGISTRY_LIB/trestle-dev-registry-*.jar" >/dev/null ||
        die "the dev registry is not built ($REGISTRY_LIB is empty); run without --no-build"
    port_open "$REGISTRY_PORT" && die "port $REGISTRY_PORT is in use by another process; stop it or set TRESTLE_REGISTRY_PORT"
    local started
    started=$(now_ms)
    # shellcheck disable=SC2086
    launch registry "$STATE/registry" "$JAVA" $REGISTRY_JAVA_OPTS -Dtrestle.local.component=registry \
        -Dtrestle.local.home="$STATE" -Dorg.slf4j.simpleLogger.showDateTime=true \
        -Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd\'T\'HH:mm:ss.SSS -cp "$REGISTRY_LIB/*" io.trestle.devregistry.DevRegistryMain \
        --port "$REGISTRY_PORT" --host "$HOST" --data-dir "$STATE/registry"
    await registry "$REGISTRY_TIMEOUT" registry_ready "$(log_file registry)" "$started" ||
        die "the registry did not start"
}

# ---------------------------------------------------------------------------------------------- Odoo

STANDIN_KEY_FILE=$STATE/odoo/admin-api-key
ODOO_EXTERNAL=0
ODOO_URL=
ODOO_DATABASE=
ODOO_LOGIN=
ODOO_KEY=
ODOO_UID=
ODOO_VERSION=
ODOO_ACCOUNT_ID=
ODOO_READY=0           # 1 once Odoo answered, the login worked and the unallocated account exists
ODOO_PROBLEM="Odoo was not checked"
ODOO_STARTED_NOW=0     # 1 when this run started the stand-in (which keeps its data in memory: it starts empty)
ODOO_RESULT=
ODOO_ERROR=

# Which Odoo the sink writes to: a real one when TRESTLE_ODOO_URL, _DATABASE, _LOGIN and _API_KEY are all given,
# otherwise the stand-in on $HOST:$ODOO_PORT. Dies when only some of the four are given.
resolve_odoo() {
    local var given=() missing=()
    for var in TRESTLE_ODOO_URL TRESTLE_ODOO_DATABASE TRESTLE_ODOO_LOGIN TRESTLE_ODOO_API_KEY; do
        if [[ -n ${!var:-} ]]; then given+=("$var"); else missing+=("$var"); fi
    done
    if ((${#given[@]} > 0 && ${#missing[@]} > 0)); then
        die "a real Odoo needs all four of TRESTLE_ODOO_URL, TRESTLE_ODOO_DATABASE, TRESTLE_ODOO_LOGIN and" \
            "TRESTLE_ODOO_API_KEY: ${given[*]} given, ${missing[*]} missing (or unset all four to use the stand-in)"
    fi
    if ((${#given[@]} == 0)); then
        ODOO_EXTERNAL=0
        ODOO_URL=http://$HOST:$ODOO_PORT
        ODOO_DATABASE=$STANDIN_DATABASE
        ODOO_LOGIN=$STANDIN_LOGIN
        ODOO_KEY=
        [[ -s $STANDIN_KEY_FILE ]] && ODOO_KEY=$(<"$STANDIN_KEY_FILE")
        return 0
    fi
    ODOO_EXTERNAL=1
    ODOO_URL=${TRESTLE_ODOO_URL%/}
    ODOO_URL=${ODOO_URL%/jsonrpc}
    [[ $ODOO_URL =~ ^https?://[^/[:space:]]+(/[^[:space:]]*)?$ ]] ||
        die "TRESTLE_ODOO_URL must be the Odoo server's base URL, like https://erp.example.com or http://10.0.0.5:8069" \
            "(it is '$TRESTLE_ODOO_URL')"
    ODOO_DATABASE=$TRESTLE_ODOO_DATABASE
    ODOO_LOGIN=$TRESTLE_ODOO_LOGIN
    ODOO_KEY=$TRESTLE_ODOO_API_KEY
    # The key reaches the sink only (through LAUNCH_ENV), not every process this script starts.
    export -n TRESTLE_ODOO_API_KEY
}

python_plain() { [[ -x $PYTHON ]] && "$PYTHON" -c 'import json' >/dev/null 2>&1; }

# odoo_rpc <odoo_jsonrpc.py body arguments>: one JSON-RPC call to $ODOO_URL/jsonrpc (curl; the API key goes through
# the environment into the body on stdin, never onto a command line). The result (JSON) is left in ODOO_RESULT; on
# failure returns 1 with the reason in ODOO_ERROR (Odoo's error name and message, or why nothing answered).
odoo_rpc() {
    local tmp status
    tmp=$(mktemp "${TMPDIR:-/tmp}/trestle-odoo-rpc.XXXXXX")
    ODOO_RESULT=
    ODOO_ERROR=
    if ! status=$(TRESTLE_ODOO_RPC_KEY=$ODOO_KEY "$PYTHON" "$ODOO_RPC" body "$@" |
        curl -sS -m 30 -o "$tmp" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @- \
            "$ODOO_URL/jsonrpc" 2>"$tmp.err"); then
        ODOO_ERROR="no answer from $ODOO_URL/jsonrpc ($(sed -n 's/^curl: ([0-9]*) //p' "$tmp.err" | tail -n 1))"
        rm -f "$tmp" "$tmp.err"
        return 1
    fi
    if ! ODOO_RESULT=$("$PYTHON" "$ODOO_RPC" result "$status" <"$tmp" 2>"$tmp.err"); then
        ODOO_ERROR=$(<"$tmp.err")
        ODOO_RESULT=
        rm -f "$tmp" "$tmp.err"
        return 1
    fi
    rm -f "$tmp" "$tmp.err"
}

# odoo_execute <model> <method> <args JSON> [kwargs JSON]: execute_kw as the logged-in user ($ODOO_UID).
odoo_execute() {
    local kwargs='{}'
    [[ $# -ge 4 ]] && kwargs=$4
    odoo_rpc execute "$ODOO_DATABASE" "$ODOO_UID" "$1" "$2" "$3" "$kwargs"
}

json_get() { "$PYTHON" "$ODOO_RPC" get "$1" <<<"$ODOO_RESULT"; }

standin_ready() {
    grep -q "Trestle Odoo stand-in listening on" "$(log_file odoo)" 2>/dev/null
}

standin_built() { compgen -G "$ODOO_LIB/trestle-odoo-standin-*.jar" >/dev/null; }

# Starts the stand-in unless it runs. Returns 2 when it is not built, 1 when it failed (ODOO_PROBLEM says why).
start_standin() {
    local pid started
    if pid=$(running_pid odoo); then
        info "    odoo stand-in already running (pid $pid, $ODOO_URL)"
        return 0
    fi
    if ! standin_built; then
        ODOO_PROBLEM="the Odoo stand-in is not built ($ODOO_LIB has no trestle-odoo-standin jar: run 'up' without --no-build, or give a real Odoo with TRESTLE_ODOO_URL and co.)"
        return 2
    fi
    if port_open "$ODOO_PORT"; then
        ODOO_PROBLEM="port $ODOO_PORT is in use by another process; stop it or set TRESTLE_ODOO_PORT"
        printf 'ERROR: %s\n' "$ODOO_PROBLEM" >&2
        return 1
    fi
    mkdir -p "$STATE/odoo"
    if [[ ! -s $STANDIN_KEY_FILE ]]; then
        (umask 077 && od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$STANDIN_KEY_FILE")
    fi
    ODOO_KEY=$(<"$STANDIN_KEY_FILE")
    started=$(now_ms)
    # shellcheck disable=SC2086
    launch odoo "$STATE/odoo" "$JAVA" $ODOO_JAVA_OPTS -Dtrestle.local.component=odoo -Dtrestle.local.home="$STATE" \
        -cp "$ODOO_LIB/*" io.trestle.odoo.standin.OdooStandInMain \
        --port "$ODOO_PORT" --host "$HOST" --database "$STANDIN_DATABASE" --admin-api-key "$ODOO_KEY"
    if ! await odoo "$ODOO_TIMEOUT" standin_ready "$(log_file odoo)" "$started"; then
        ODOO_PROBLEM="the Odoo stand-in did not start (see $(log_file odoo))"
        return 1
    fi
    ODOO_STARTED_NOW=1
}

# The analytic account that receives usage no reservation attributed to a project: found by name, created when
# missing (Odoo 17 requires a plan: the first existing one, or a new "Trestle" plan). Sets ODOO_ACCOUNT_ID.
ensure_unallocated_account() {
    local name=$UNALLOCATED_ACCOUNT_NAME field type relation plan values
    odoo_execute account.analytic.account search "[[[\"name\", \"=\", \"$name\"]]]" '{"limit": 1}' || {
        ODOO_PROBLEM="searching account.analytic.account failed: $ODOO_ERROR"
        return 1
    }
    ODOO_ACCOUNT_ID=$(json_get first)
    if [[ -n $ODOO_ACCOUNT_ID ]]; then
        info "    analytic account \"$name\": id $ODOO_ACCOUNT_ID"
        return 0
    fi
    odoo_execute account.analytic.account fields_get '[]' '{"attributes": ["type", "required", "relation"]}' || {
        ODOO_PROBLEM="account.analytic.account fields_get failed: $ODOO_ERROR"
        return 1
    }
    values="\"name\": \"$name\""
    while read -r field type relation; do
        case $field in
            '' | name) ;;
            plan_id)
                odoo_execute "$relation" search_read '[[]]' '{"fields": ["name"], "limit": 1, "order": "id"}' || {
                    ODOO_PROBLEM="reading $relation failed: $ODOO_ERROR"
                    return 1
                }
                plan=$(json_get first | "$PYTHON" "$ODOO_RPC" get id)
                if [[ -z $plan ]]; then
                    odoo_execute "$relation" create '[{"name": "Trestle"}]' || {
                        ODOO_PROBLEM="creating an analytic plan ($relation) failed: $ODOO_ERROR"
                        return 1
                    }
                    plan=$ODOO_RESULT
                    info "    created analytic plan \"Trestle\" ($relation id $plan)"
                fi
                values+=", \"plan_id\": $plan"
                ;;
            *)
                [[ $relation == - ]] && relation= || relation=" of $relation"
                info "    note: account.analytic.account requires $field ($type$relation); leaving it to Odoo's default"
                ;;
        esac
    done < <("$PYTHON" "$ODOO_RPC" required <<<"$ODOO_RESULT")
    odoo_execute account.analytic.account create "[{$values}]" || {
        ODOO_PROBLEM="creating the analytic account \"$name\" failed: $ODOO_ERROR"
        return 1
    }
    ODOO_ACCOUNT_ID=$ODOO_RESULT
    info "    created analytic account \"$name\" (id $ODOO_ACCOUNT_ID)"
}

# common.version, then common.authenticate: sets ODOO_VERSION and ODOO_UID, or ODOO_PROBLEM and returns 1.
odoo_login() {
    if ! odoo_rpc version; then
        ODOO_PROBLEM="Odoo at $ODOO_URL does not answer JSON-RPC: $ODOO_ERROR"
        return 1
    fi
    ODOO_VERSION=$(json_get server_version)
    if ! odoo_rpc authenticate "$ODOO_DATABASE" "$ODOO_LOGIN"; then
        ODOO_PROBLEM="logging in to Odoo ($ODOO_URL, database $ODOO_DATABASE) failed: $ODOO_ERROR"
        return 1
    fi
    ODOO_UID=$ODOO_RESULT
    if [[ ! $ODOO_UID =~ ^[0-9]+$ ]]; then
        ODOO_UID=
        ODOO_PROBLEM="Odoo ($ODOO_URL, database $ODOO_DATABASE) refused the login '$ODOO_LOGIN': wrong login or API key"
        ((ODOO_EXTERNAL)) && ODOO_PROBLEM+=" (check TRESTLE_ODOO_LOGIN and TRESTLE_ODOO_API_KEY)"
        return 1
    fi
}

# Starts the stand-in (or checks the real Odoo), logs in and makes sure the unallocated account exists. Sets
# ODOO_READY=1 when the sink can start; returns 1 when something failed that the user has to fix.
prepare_odoo() {
    ODOO_READY=0
    if ! python_plain; then
        ODOO_PROBLEM="$PYTHON not found (it reads Odoo's JSON-RPC answers; install python3 or set TRESTLE_PYTHON)"
        printf 'ERROR: %s\n' "$ODOO_PROBLEM" >&2
        return 1
    fi
    if ((ODOO_EXTERNAL)); then
        info "    a real Odoo (TRESTLE_ODOO_URL): no stand-in is started"
        local pid
        if pid=$(running_pid odoo); then
            warn "the Odoo stand-in of an earlier 'up' still runs (pid $pid, $HOST:$ODOO_PORT); 'down' stops it"
        fi
    else
        local rc=0
        start_standin || rc=$?
        if ((rc == 2)); then
            info "    skipped: $ODOO_PROBLEM"
            return 0
        fi
        ((rc == 0)) || return 1
        [[ -n $ODOO_KEY ]] || ODOO_KEY=$(<"$STANDIN_KEY_FILE")
    fi
    if ! odoo_login; then
        printf 'ERROR: %s\n' "$ODOO_PROBLEM" >&2
        return 1
    fi
    info "    Odoo ${ODOO_VERSION:-?} at $ODOO_URL, database $ODOO_DATABASE: logged in as $ODOO_LOGIN (uid $ODOO_UID)"
    if ! ensure_unallocated_account; then
        printf 'ERROR: %s\n' "$ODOO_PROBLEM" >&2
        return 1
    fi
    ODOO_READY=1
    rewind_sink_if_needed
    check_running_sink
}

# Kafka keeps the sink's committed positions across runs, but the Odoo it wrote to may not have its lines: the stand-in
# keeps its data in memory (one started now is empty), and the user may have switched between the stand-in and a real
# Odoo. Then the sink's consumer group is rewound, so the sink writes every posting again (load with external ids is
# an upsert: nothing is doubled). Only possible while the sink is stopped; check_running_sink warns otherwise.
rewind_sink_if_needed() {
    local target_file=$STATE/services/$SINK_SERVICE/odoo-target reason
    [[ -d ${target_file%/*} ]] || return 0 # the sink never ran here: no positions to rewind
    running_pid "$SINK_SERVICE" >/dev/null && return 0
    if ((ODOO_STARTED_NOW)); then
        reason="the stand-in starts empty"
    elif [[ -f $target_file && $(<"$target_file") != "$ODOO_URL $ODOO_DATABASE" ]]; then
        if [[ -n ${TRESTLE_ODOO_URL:-} ]]; then
            # Never write a whole history into a real Odoo unasked.
            warn "$SINK_SERVICE wrote to $(<"$target_file") before; it continues from its committed position. To write \
every posting into $ODOO_URL, stop the stack and reset the consumer group to the earliest offsets (see deploy/local/README.md)."
            return 0
        fi
        reason="$SINK_SERVICE wrote to $(<"$target_file") before"
    else
        return 0
    fi
    local output partitions group name groups=()
    group=$(property "$SERVICE_CONF_DIR/$SINK_SERVICE.properties" trestle.odoo-sink.consumer-group)
    group=${group:-$SINK_GROUP_DEFAULT}
    # one consumer group per sink input: <prefix>-cost-posting, <prefix>-work-order, ...
    while read -r name; do
        [[ $name == "$group"-* ]] && groups+=(--group "$name")
    done < <(kafka_java org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$BOOTSTRAP" \
        --list 2>/dev/null)
    ((${#groups[@]})) || return 0
    if output=$(kafka_java org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$BOOTSTRAP" \
        "${groups[@]}" --reset-offsets --to-earliest --all-topics --execute 2>&1); then
        partitions=$(grep -c "^$group-" <<<"$output" || true)
        ((partitions == 0)) ||
            info "    $reason: rewound the consumer groups $group-* ($partitions partition(s)), so $SINK_SERVICE writes every record again"
    else
        warn "could not rewind the consumer groups $group-* (the fresh stand-in will lack earlier records): $(tail -n 1 <<<"$output")"
    fi
}

# sink_setting <key>: the -D<key>=value the running sink was started with (empty when none, or it does not run).
sink_setting() {
    local pid
    pid=$(running_pid "$SINK_SERVICE") || return 0
    tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline" | sed -n "s/^-D$1=//p" | tail -n 1
}

# A sink that already runs keeps the Odoo settings it was started with; says so when they are not the ones now.
check_running_sink() {
    local pid url account
    pid=$(running_pid "$SINK_SERVICE") || return 0
    url=$(sink_setting trestle.odoo-sink.odoo.url)
    account=$(sink_setting trestle.odoo-sink.costs.unallocated-account-id)
    if [[ $url != "$ODOO_URL" || $account != "$ODOO_ACCOUNT_ID" ]]; then
        warn "$SINK_SERVICE (pid $pid) runs against ${url:-?} with account ${account:-?}, not $ODOO_URL with account $ODOO_ACCOUNT_ID; restart it: $0 down && $0 up"
    elif ((ODOO_STARTED_NOW)); then
        warn "the stand-in restarted empty while $SINK_SERVICE (pid $pid) kept running: postings it wrote before are gone; to write them again: $0 down && $0 up"
    fi
}

# Settings a service gets at run time, on top of its properties file: fills SERVICE_EXTRA_PROPS (-D arguments) and
# LAUNCH_ENV (secrets, passed in the environment only). Returns 1, after saying why, when the service cannot run now.
SERVICE_EXTRA_PROPS=()
service_runtime_settings() {
    SERVICE_EXTRA_PROPS=()
    LAUNCH_ENV=()
    case $1 in
        "$SINK_SERVICE")
            if ((!ODOO_READY)); then
                info "    $1 not started: $ODOO_PROBLEM"
                return 1
            fi
            SERVICE_EXTRA_PROPS=(
                "-Dtrestle.odoo-sink.odoo.url=$ODOO_URL"
                "-Dtrestle.odoo-sink.odoo.database=$ODOO_DATABASE"
                "-Dtrestle.odoo-sink.odoo.login=$ODOO_LOGIN"
                "-Dtrestle.odoo-sink.costs.unallocated-account-id=$ODOO_ACCOUNT_ID"
            )
            # Quarkus maps TRESTLE_ODOO_SINK_ODOO_API_KEY to trestle.odoo-sink.odoo.api-key.
            LAUNCH_ENV=("TRESTLE_ODOO_SINK_ODOO_API_KEY=$ODOO_KEY")
            # Which Odoo it writes to, for rewind_sink_if_needed at the next start.
            mkdir -p "$STATE/services/$1"
            echo "$ODOO_URL $ODOO_DATABASE" >"$STATE/services/$1/odoo-target"
            ;;
        "$CONNECTOR_SERVICE")
            if ((!ODOO_READY)); then
                info "    $1 not started: $ODOO_PROBLEM"
                return 1
            fi
            # Polling mode: the local stack has no Odoo database to capture changes from.
            SERVICE_EXTRA_PROPS=(
                "-Dtrestle.odoo-connector.mode=POLLING"
                "-Dtrestle.odoo-connector.odoo.url=$ODOO_URL"
                "-Dtrestle.odoo-connector.odoo.database=$ODOO_DATABASE"
                "-Dtrestle.odoo-connector.odoo.login=$ODOO_LOGIN"
            )
            LAUNCH_ENV=("TRESTLE_ODOO_CONNECTOR_ODOO_API_KEY=$ODOO_KEY")
            ;;
    esac
    return 0
}

# ---------------------------------------------------------------------------------------------- services

# Built services, by name (a service is a folder services/<name> with target/quarkus-app/quarkus-run.jar).
built_services() {
    local jar
    for jar in "$REPO"/services/*/target/quarkus-app/quarkus-run.jar; do
        [[ -f $jar ]] || continue
        jar=${jar%/target/quarkus-app/quarkus-run.jar}
        printf '%s\n' "${jar##*/}"
    done
}

unbuilt_services() {
    local pom dir
    for pom in "$REPO"/services/*/pom.xml; do
        [[ -f $pom ]] || continue
        dir=${pom%/pom.xml}
        [[ -f $dir/target/quarkus-app/quarkus-run.jar ]] || printf '%s\n' "${dir##*/}"
    done
}

# The HTTP port of a service: quarkus.http.port in deploy/local/services/<name>.properties, otherwise the next free
# port after the configured ones, remembered in $STATE/services/<name>/port.
service_port() {
    local name=$1 port file=$SERVICE_CONF_DIR/$1.properties
    port=$(property "$file" quarkus.http.port)
    if [[ -n $port ]]; then
        printf '%s' "$port"
        return
    fi
    if [[ -s $STATE/services/$name/port ]]; then
        cat "$STATE/services/$name/port"
        return
    fi
    local taken=" $KAFKA_PORT $KAFKA_CONTROLLER_PORT $REGISTRY_PORT $ODOO_PORT " highest=8081 conf other
    for conf in "$SERVICE_CONF_DIR"/*.properties "$STATE"/services/*/port; do
        [[ -f $conf ]] || continue
        if [[ $conf == *.properties ]]; then other=$(property "$conf" quarkus.http.port); else other=$(<"$conf"); fi
        [[ $other =~ ^[0-9]+$ ]] || continue
        taken+="$other "
        ((other > highest)) && highest=$other
    done
    port=$((highest + 1))
    while [[ $taken == *" $port "* ]] || port_open "$port"; do port=$((port + 1)); done
    mkdir -p "$STATE/services/$name"
    echo "$port" >"$STATE/services/$name/port"
    warn "$name has no quarkus.http.port in deploy/local/services/$name.properties; using $port (add it there to keep it fixed)"
    printf '%s' "$port"
}

SERVICE_CHECK_PORT=
BUILT_NOW=0
service_ready() { [[ $(http_status "http://$HOST:$SERVICE_CHECK_PORT/q/health/ready") == 200 ]]; }

# Starts every built service that is not running, then waits for each to be ready. Returns 1 if one failed.
# Kafka Streams apps leave their group when they stop and are declared dead after 10 s (instead of 45 s), so a
# restarted app gets its partitions at once instead of waiting for its previous instance's session to expire.
start_services() {
    local names name pid port jar props started failed=0
    names=$(built_services)
    local missing
    missing=$(unbuilt_services)
    [[ -z $missing ]] || warn "not built, not started: $(tr '\n' ' ' <<<"$missing")(services/<name>/target/quarkus-app/quarkus-run.jar missing)"
    if [[ -z $names ]]; then
        info "    no service is built yet (nothing under services/*/target/quarkus-app/quarkus-run.jar)"
        return 0
    fi
    local -a launched=() kept=()
    declare -A started_at=()
    for name in $names; do
        port=$(service_port "$name")
        if pid=$(running_pid "$name"); then
            info "    $name already running (pid $pid, http://$HOST:$port)"
            kept+=("$name")
            continue
        fi
        if port_open "$port"; then
            warn "$name: port $port is in use by another process; not started (change quarkus.http.port in $SERVICE_CONF_DIR/$name.properties)"
            failed=1
            continue
        fi
        service_runtime_settings "$name" || continue
        jar=$REPO/services/$name/target/quarkus-app/quarkus-run.jar
        mkdir -p "$STATE/services/$name"
        props=()
        while IFS= read -r line; do
            [[ ${line%%=*} == quarkus.http.port ]] || props+=("-D$line")
        done < <(read_properties "$SERVICE_CONF_DIR/$name.properties")
        # After the file: what the script found out at run time (e.g. the sink's Odoo and analytic account) wins.
        props+=(${SERVICE_EXTRA_PROPS[@]+"${SERVICE_EXTRA_PROPS[@]}"})
        started_at[$name]=$(now_ms)
        # shellcheck disable=SC2086
        launch "$name" "$STATE/services/$name" "$JAVA" $SERVICE_JAVA_OPTS -Dtrestle.local.component="$name" \
            -Dtrestle.local.home="$STATE" \
            -Dkafka.bootstrap.servers="$BOOTSTRAP" \
            -Dquarkus.kafka-streams.bootstrap-servers="$BOOTSTRAP" \
            -Dtrestle.registry.url="$REGISTRY_V3" \
            -Dkafka-streams.state.dir="$STATE/services/$name/kafka-streams" \
            -Dkafka-streams.internal.leave.group.on.close=true \
            -Dkafka-streams.session.timeout.ms=10000 -Dkafka-streams.heartbeat.interval.ms=3000 \
            ${props[@]+"${props[@]}"} -Dquarkus.http.port="$port" -jar "$jar"
        LAUNCH_ENV=()
        info "    started $name (pid $(<"$(pid_file "$name")"), http://$HOST:$port)"
        launched+=("$name")
    done
    if ((BUILT_NOW && ${#kept[@]} > 0)); then
        info "    note: ${kept[*]} still run(s) the previous build; to run the new one: $0 down && $0 up"
    fi
    for name in "${launched[@]}"; do
        SERVICE_CHECK_PORT=$(service_port "$name")
        await "$name" "$SERVICE_TIMEOUT" service_ready "$(log_file "$name")" "${started_at[$name]}" || failed=1
    done
    return $failed
}

# ---------------------------------------------------------------------------------------------- demo

send_demo_feed() {
    local port key file status body=$STATE/logs/demo-response.json pid
    if ! pid=$(running_pid "$DEMO_SERVICE"); then
        info "    skipped: $DEMO_SERVICE is not running (build services/$DEMO_SERVICE, then run 'up' again)"
        return 0
    fi
    port=$(service_port "$DEMO_SERVICE")
    # api-keys holds comma-separated client:key entries; take the demo client's key.
    key=$(property "$SERVICE_CONF_DIR/$DEMO_SERVICE.properties" "trestle.equipment-connector.api-keys" |
        tr ',' '\n' | sed -n "s/^[[:space:]]*$DEMO_CLIENT:\(.*\)\$/\1/p" | head -1)
    [[ -n $key ]] || die "no API key for client $DEMO_CLIENT in $SERVICE_CONF_DIR/$DEMO_SERVICE.properties"
    compgen -G "$DEMO_DIR/telemetry-*.json" >/dev/null || die "no demo feed in $DEMO_DIR (telemetry-*.json)"
    for file in "$DEMO_DIR"/telemetry-*.json; do
        status=$(curl -sS -o "$body" -w '%{http_code}' -m 60 -X POST \
            -H "X-Api-Key: $key" -H 'Content-Type: application/json' \
            --data-binary "@$file" "http://$HOST:$port/api/v1/telemetry") || status=000
        if [[ $status != 202 ]]; then
            printf 'ERROR: POST %s to http://%s:%s/api/v1/telemetry answered %s:\n' "${file##*/}" "$HOST" "$port" "$status" >&2
            sed 's/^/    /' "$body" >&2 2>/dev/null || true
            echo >&2
            return 1
        fi
        info "    ${file##*/}: $(grep -o '"readingId"' "$file" | wc -l) readings accepted (202)"
    done
}

show_postings() {
    if ! running_pid "$AGGREGATOR_SERVICE" >/dev/null; then
        info "    skipped: $AGGREGATOR_SERVICE is not running, so no cost postings are made"
        return 0
    fi
    if ! python_ready; then
        info "    skipped: $PYTHON_PROBLEM"
        return 0
    fi
    info "    waiting up to $DEMO_TIMEOUT s for $TOPIC_COST (windows close when stream time passes window end + grace),"
    info "    then reading until nothing new came for 3 s"
    local out=$STATE/logs/demo-postings.jsonl err=$STATE/logs/demo-postings.err rc=0 started
    started=$(now_ms)
    "$PYTHON" "$READER" --bootstrap "$BOOTSTRAP" --registry "$REGISTRY_CCOMPAT" --topic "$TOPIC_COST" \
        --timeout-seconds "$DEMO_TIMEOUT" --idle-seconds 3 >"$out" 2>"$err" || rc=$?
    if ((rc != 0)); then
        printf 'ERROR: no cost posting could be read (read_avro_topic.py exit %s): %s\n' "$rc" "$(tail -n 1 "$err")" >&2
        printf '       Look at %s and %s\n' "$(log_file "$AGGREGATOR_SERVICE")" "$(log_file "$DEMO_SERVICE")" >&2
        return 1
    fi
    info "    $(wc -l <"$out") cost posting(s) decoded after $(since "$started") (all of them: $out)"
    "$PYTHON" "$DEMO_DIR/summarize_postings.py" <"$out"
    DEMO_POSTINGS_DECODED=1
}

DEMO_POSTINGS_DECODED=0

sink_built() { [[ -f $REPO/services/$SINK_SERVICE/target/quarkus-app/quarkus-run.jar ]]; }

# Waits until the sink wrote one account.analytic.line per decoded posting (it puts the posting id into "ref"), then
# reads them back through JSON-RPC.
show_odoo_lines() {
    if ! sink_built; then
        info "    skipped: $SINK_SERVICE is not built (services/$SINK_SERVICE/target/quarkus-app/quarkus-run.jar), so the demo ends on $TOPIC_COST"
        return 0
    fi
    if ! running_pid "$SINK_SERVICE" >/dev/null; then
        if ((ODOO_READY)); then
            info "    skipped: $SINK_SERVICE is not running (its log: $(log_file "$SINK_SERVICE"))"
        else
            info "    skipped: $SINK_SERVICE is not running ($ODOO_PROBLEM)"
        fi
        return 0
    fi
    if ((!DEMO_POSTINGS_DECODED)); then
        info "    skipped: no cost postings were decoded above, so there is nothing to look for"
        return 0
    fi
    local sink_url
    sink_url=$(sink_setting trestle.odoo-sink.odoo.url)
    if [[ -n $sink_url && $sink_url != "$ODOO_URL" ]]; then
        info "    skipped: $SINK_SERVICE writes to $sink_url, not $ODOO_URL (set the TRESTLE_ODOO_* variables as for 'up')"
        return 0
    fi
    local standin_pid sink_pid
    if ((!ODOO_EXTERNAL)) && standin_pid=$(running_pid odoo) && sink_pid=$(running_pid "$SINK_SERVICE") &&
        (($(ps -o etimes= -p "$standin_pid") < $(ps -o etimes= -p "$sink_pid"))); then
        printf 'ERROR: the Odoo stand-in was restarted after %s started: it keeps its data in memory, so the lines\n' "$SINK_SERVICE" >&2
        printf '       written before are gone, and the sink will not write them again. To start both afresh: %s down && %s up\n' "$0" "$0" >&2
        return 1
    fi
    if [[ -z $ODOO_UID ]] && ! odoo_login; then
        printf 'ERROR: %s\n' "$ODOO_PROBLEM" >&2
        return 1
    fi
    local postings expected domain totals count=0 started deadline
    postings=$("$PYTHON" "$ODOO_RPC" postings "$STATE/logs/demo-postings.jsonl") || {
        printf 'ERROR: could not read %s\n' "$STATE/logs/demo-postings.jsonl" >&2
        return 1
    }
    expected=$(sed -n 1p <<<"$postings")
    domain=$(sed -n 2p <<<"$postings")
    totals=$(sed -n 3p <<<"$postings")
    info "    waiting up to $DEMO_TIMEOUT s for $expected analytic line(s) whose ref is a posting id above"
    started=$(now_ms)
    deadline=$((started + DEMO_TIMEOUT * 1000))
    while :; do
        if odoo_execute account.analytic.line search_count "[$domain]"; then
            count=$ODOO_RESULT
            ((count >= expected)) && break
        fi
        if (($(now_ms) > deadline)); then
            printf 'ERROR: %s of %s analytic line(s) in Odoo after %s s%s\n' "$count" "$expected" "$DEMO_TIMEOUT" \
                "${ODOO_ERROR:+ (last error: $ODOO_ERROR)}" >&2
            printf '       Look at %s (and %s/q/health)\n' "$(log_file "$SINK_SERVICE")" "http://$HOST:$(service_port "$SINK_SERVICE")" >&2
            return 1
        fi
        sleep 1
    done
    info "    $count analytic line(s) in Odoo after $(since "$started"); expected totals: amount ${totals% *}, ${totals#* } h"
    if ! odoo_execute account.analytic.line search_read "[$domain]" \
        '{"fields": ["name", "date", "amount", "unit_amount", "account_id", "ref"], "order": "date, id"}'; then
        printf 'ERROR: reading the analytic lines back failed: %s\n' "$ODOO_ERROR" >&2
        return 1
    fi
    "$PYTHON" "$ODOO_RPC" lines 6 <<<"$ODOO_RESULT"
}

demo() {
    step "Demo feed: POST $DEMO_DIR/telemetry-*.json to $DEMO_SERVICE"
    info "    (fixed readingIds: a feed sent before is deduplicated, so a second send adds no postings)"
    local rc=0
    send_demo_feed || rc=1
    if ((rc == 0)) && running_pid "$DEMO_SERVICE" >/dev/null; then
        step "Cost postings on $TOPIC_COST, decoded outside Java (read_avro_topic.py)"
        show_postings || rc=1
        if ((rc == 0)); then
            step "Analytic lines in Odoo (account.analytic.line at $ODOO_URL, written by $SINK_SERVICE)"
            show_odoo_lines || rc=1
        fi
    fi
    return $rc
}

# ---------------------------------------------------------------------------------------------- status / summary

# odoo_status <base URL>: HTTP status of common.version on its /jsonrpc (no login, no Python needed).
odoo_status() {
    curl -s -o /dev/null -m 3 -w '%{http_code}' -H 'Content-Type: application/json' \
        --data '{"jsonrpc":"2.0","method":"call","id":1,"params":{"service":"common","method":"version","args":[]}}' \
        "$1/jsonrpc" 2>/dev/null || true
}

# component|pid|state|url|log, one line per component.
status_lines() {
    local pid state
    if pid=$(running_pid kafka); then
        port_open "$KAFKA_PORT" && state=up || state="running, port $KAFKA_PORT closed"
    else pid=-; state=stopped; fi
    printf 'kafka|%s|%s|%s|%s\n' "$pid" "$state" "$BOOTSTRAP" "$STATE/logs/kafka/server.log"
    if pid=$(running_pid registry); then
        [[ $(http_status "$REGISTRY_V3/system/info") == 200 ]] && state=up || state="running, not answering"
    else pid=-; state=stopped; fi
    printf 'registry|%s|%s|%s|%s\n' "$pid" "$state" "$REGISTRY_URL" "$(log_file registry)"
    if ((ODOO_EXTERNAL)); then
        [[ $(odoo_status "$ODOO_URL") == 200 ]] && state=up || state=unreachable
        printf 'odoo|-|%s|%s|(a real Odoo, database %s)\n' "$state" "$ODOO_URL" "$ODOO_DATABASE"
    fi
    if pid=$(running_pid odoo); then
        [[ $(odoo_status "http://$HOST:$ODOO_PORT") == 200 ]] && state=up || state="running, not answering"
        printf 'odoo|%s|%s|%s|%s\n' "$pid" "$state" "http://$HOST:$ODOO_PORT" "$(log_file odoo)"
    elif ((!ODOO_EXTERNAL)) && standin_built; then
        printf 'odoo|-|stopped|%s|%s\n' "http://$HOST:$ODOO_PORT" "$(log_file odoo)"
    fi
    local name port code
    for name in $(built_services); do
        port=$(service_port "$name" 2>/dev/null)
        if pid=$(running_pid "$name"); then
            code=$(http_status "http://$HOST:$port/q/health/ready")
            case $code in
                200) state=up ;;
                503) state="running, not ready" ;;
                *) state="running, no answer" ;;
            esac
        else pid=-; state=stopped; fi
        printf '%s|%s|%s|%s|%s\n' "$name" "$pid" "$state" "http://$HOST:$port" "$(log_file "$name")"
    done
}

print_status_table() {
    local lines=$1
    printf '  %-22s %-8s %-20s %-24s %s\n' COMPONENT PID STATE URL LOG
    while IFS='|' read -r c p s u l; do
        printf '  %-22s %-8s %-20s %-24s %s\n' "$c" "$p" "$s" "$u" "$l"
    done <<<"$lines"
}

status() {
    resolve_odoo
    local lines
    lines=$(status_lines)
    print_status_table "$lines"
    local missing
    missing=$(unbuilt_services)
    ((ODOO_EXTERNAL)) || standin_built || missing+=$'\n'"odoo stand-in (deploy/local/target/odoo-lib)"
    missing=$(sed '/^$/d' <<<"$missing")
    [[ -z $missing ]] || info "  not built: $(tr '\n' ' ' <<<"$missing")"
    ! grep -qv '|up|' <<<"$lines" || return 3
}

print_odoo_summary() {
    local account=${ODOO_ACCOUNT_ID:-?}
    if ((ODOO_EXTERNAL)); then
        cat <<EOF
  Odoo: a real Odoo ${ODOO_VERSION:+$ODOO_VERSION }at $ODOO_URL (JSON-RPC $ODOO_URL/jsonrpc), database $ODOO_DATABASE,
        login $ODOO_LOGIN, API key from TRESTLE_ODOO_API_KEY; unallocated usage goes to analytic account $account
        ("$UNALLOCATED_ACCOUNT_NAME")
EOF
        return
    fi
    if ! running_pid odoo >/dev/null; then
        if standin_built; then
            info "  Odoo: the stand-in is not running"
        else
            info "  Odoo: the stand-in is not built (deploy/local/target/odoo-lib); the sink needs it or a real Odoo (TRESTLE_ODOO_URL and co.)"
        fi
        return
    fi
    cat <<EOF
  Odoo: stand-in for Odoo 17 at $ODOO_URL (JSON-RPC $ODOO_URL/jsonrpc, in memory: empty after a restart),
        database $STANDIN_DATABASE, login $STANDIN_LOGIN, password $STANDIN_PASSWORD or the API key in $STANDIN_KEY_FILE;
        unallocated usage goes to analytic account $account ("$UNALLOCATED_ACCOUNT_NAME")
    The analytic lines the sink wrote:
    curl -s -H 'Content-Type: application/json' $ODOO_URL/jsonrpc --data '{"jsonrpc":"2.0","method":"call","id":1,
      "params":{"service":"object","method":"execute_kw","args":["$STANDIN_DATABASE",2,"$STANDIN_PASSWORD","account.analytic.line",
      "search_read",[[["ref","!=",false]]],{"fields":["name","date","amount","unit_amount","account_id"],"limit":5}]}}'
EOF
}

print_summary() {
    local lines name port
    lines=$(status_lines)
    echo
    step "Trestle local stack"
    print_status_table "$lines"
    cat <<EOF

  Topics: $TOPIC_TELEMETRY, $TOPIC_COST, $TOPIC_QUARANTINE
    (and every other topic of the catalogue, io.trestle.schema.topic.TrestleTopic / the README's topic table)
  Registry: Apicurio v3 API $REGISTRY_V3 (e.g. $REGISTRY_V3/system/info, $REGISTRY_V3/groups/default/artifacts)
            Confluent-compatible API $REGISTRY_CCOMPAT (e.g. $REGISTRY_CCOMPAT/subjects)
EOF
    print_odoo_summary
    local path paths code
    for name in $(built_services); do
        port=$(service_port "$name" 2>/dev/null)
        paths=
        # Only the endpoints the service has (a running service answers; a stopped one gets the usual list).
        for path in /q/health /q/metrics /q/openapi /q/swagger-ui; do
            code=$(http_status "http://$HOST:$port$path")
            [[ $code == 404 ]] || paths+="  $path"
        done
        printf '  %s: http://%s:%s%s\n' "$name" "$HOST" "$port" "${paths# }"
    done
    cat <<EOF

  Read a topic (Avro decoded to JSON lines, no Java):
    $PYTHON $READER --bootstrap $BOOTSTRAP --registry $REGISTRY_CCOMPAT --topic $TOPIC_COST
EOF
    python_ready || printf '    (needs: %s)\n' "$PYTHON_PROBLEM"
    if command -v kcat >/dev/null 2>&1; then
        cat <<EOF
  With kcat (raw bytes; this kcat has no Avro support):
    kcat -b $BOOTSTRAP -L
    kcat -b $BOOTSTRAP -C -t $TOPIC_TELEMETRY -e -f '%t/%p@%o key=%k %S bytes\n'
EOF
    fi
    cat <<EOF
  With Kafka's own tools (on the broker's classpath):
    java -cp '$KAFKA_LIB/*' org.apache.kafka.tools.TopicCommand --bootstrap-server $BOOTSTRAP --describe
    java -cp '$KAFKA_LIB/*' org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server $BOOTSTRAP --describe --all-groups

  Send the demo feed again: $SCRIPT_DIR/trestle-local.sh demo
  Status / logs:            $SCRIPT_DIR/trestle-local.sh status | logs <component> [-f]
  Stop:                     $SCRIPT_DIR/trestle-local.sh down   (down --purge also deletes $STATE)
EOF
}

# ---------------------------------------------------------------------------------------------- commands

cmd_up() {
    local build_mode=auto run_demo=1 arg
    for arg in "$@"; do
        case $arg in
            --no-build) build_mode=skip ;;
            --build) build_mode=force ;;
            --no-demo) run_demo=0 ;;
            *) die "up: unknown option '$arg' (see: $0 help)" ;;
        esac
    done
    require_tools
    resolve_odoo
    with_lock
    init_state
    local started rc=0
    started=$(now_ms)
    build "$build_mode"
    step "Kafka (KRaft, one node) on $BOOTSTRAP"
    start_kafka
    create_topics
    step "Schema registry on $REGISTRY_URL"
    start_registry
    if ((ODOO_EXTERNAL)); then
        step "Odoo: $ODOO_URL, database $ODOO_DATABASE (TRESTLE_ODOO_URL and co.)"
    else
        step "Odoo stand-in (Odoo 17 JSON-RPC) on $ODOO_URL"
    fi
    prepare_odoo || rc=1
    step "Services"
    start_services || rc=1
    info "    stack ready in $(since "$started")"
    if ((run_demo)); then
        demo || rc=1
    fi
    print_summary
    if ((rc != 0)); then
        warn "something above failed (see the messages and logs); what did start is still running"
    fi
    return $rc
}

cmd_down() {
    local purge=0 arg
    for arg in "$@"; do
        case $arg in
            --purge) purge=1 ;;
            *) die "down: unknown option '$arg' (see: $0 help)" ;;
        esac
    done
    if [[ ! -d $STATE ]]; then
        info "Nothing to stop ($STATE does not exist)"
        return 0
    fi
    with_lock
    step "Stopping the Trestle local stack ($STATE)"
    local stopped=0 file name pid
    # Services first (all at once), then the Odoo stand-in, then the registry, then Kafka.
    local -a jobs=()
    for name in $({
        for file in "$STATE"/pids/*.pid; do
            [[ -f $file ]] && basename "$file" .pid
        done
        built_services
    } | sort -u); do
        [[ $name == kafka || $name == registry || $name == odoo ]] && continue
        running_pid "$name" >/dev/null || continue
        stopped=$((stopped + 1))
        stop_component "$name" 20 &
        jobs+=($!)
    done
    for pid in ${jobs[@]+"${jobs[@]}"}; do wait "$pid" || true; done
    stop_component odoo 10 && stopped=$((stopped + 1))
    stop_component registry 10 && stopped=$((stopped + 1))
    stop_component kafka "$STOP_TIMEOUT" && stopped=$((stopped + 1))
    # Anything else of this stack still running (e.g. a service whose folder was removed since it started).
    local cmdline
    for pid in $(pids_by_marker); do
        cmdline=$(tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline") || continue
        name=$(sed -n 's/^-Dtrestle.local.component=//p' <<<"$cmdline" | head -n 1)
        [[ -n $name ]] || continue
        warn "stopping $name (pid $pid) of this stack that had no pid file"
        echo "$pid" >"$(pid_file "$name")"
        stop_component "$name" 10 && stopped=$((stopped + 1))
    done
    ((stopped > 0)) || info "    nothing was running"
    if ((purge)); then
        if [[ -f $STATE/.trestle-local ]]; then
            rm -rf -- "$STATE"
            info "    deleted $STATE (Kafka data, registry data, logs)"
        else
            warn "not deleting $STATE: it lacks the .trestle-local marker, so it may not be this stack's folder"
        fi
    fi
}

cmd_logs() {
    local name='' follow=0 arg file
    for arg in "$@"; do
        case $arg in
            -f | --follow) follow=1 ;;
            -*) die "logs: unknown option '$arg'" ;;
            *) name=$arg ;;
        esac
    done
    if [[ -z $name ]]; then
        info "Log files under $STATE/logs (show one with: $0 logs <component> [-f]):"
        [[ -d $STATE/logs ]] && find "$STATE/logs" -type f -name '*.log' | sort | sed 's/^/  /'
        return 0
    fi
    case $name in
        kafka) file=$STATE/logs/kafka/server.log ;;
        *) file=$(log_file "$name") ;;
    esac
    [[ -f $file ]] || die "no log for '$name' ($file); components with logs: $(find "$STATE/logs" -maxdepth 1 -name '*.log' -printf '%f ' 2>/dev/null | sed 's/\.log//g')"
    if ((follow)); then
        exec tail -n 200 -F "$file"
    fi
    tail -n 200 "$file"
}

cmd_demo() {
    require_tools
    resolve_odoo
    with_lock
    running_pid kafka >/dev/null || die "the stack is not running; start it with: $0 up"
    ODOO_PROBLEM="start it with: $0 up"
    demo
}

main() {
    local command=${1:-up}
    [[ $# -gt 0 ]] && shift
    case $command in
        up | start) cmd_up "$@" ;;
        down | stop) cmd_down "$@" ;;
        status) status ;;
        logs) cmd_logs "$@" ;;
        demo) cmd_demo "$@" ;;
        help | -h | --help) usage ;;
        --*) cmd_up "$command" "$@" ;;
        *)
            usage >&2
            die "unknown command '$command'"
            ;;
    esac
}

main "$@"
