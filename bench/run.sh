#!/usr/bin/env bash
# Crier's delivery-engine benchmark; what it measures and why: docs/benchmarks.md.
#
#   bench/run.sh            reduced sizes, a few minutes: proves the whole chain works
#   bench/run.sh --full     the sizes the issue asks for (50,000 messages; 100k and 1M snapshots)
#
# Sizes and choices can be overridden with environment variables:
#   MESSAGES          messages per throughput campaign (one without tracking, one with it)
#                                                            (reduced 5000, full 50000)
#   WARMUP            warm-up campaign before it             (reduced 1000, full 10000)
#   PAUSE_CYCLES      pause/resume cycles                    (reduced 20, full 100: p99 of 20 is the slowest one)
#   PAUSE_BETWEEN     messages sent at full speed between two pauses (reduced 500, full 1000)
#   SNAPSHOT_SIZES    audience sizes of the snapshot phase   (reduced 20000,100000; full 100000,1000000)
#   DATABASES         "h2 postgres" or one of them
#   PHASES            "throughput dkim api pause snapshot lane throttle segment client nodes" or a subset
#   DKIM_MESSAGES     messages of the DKIM-signed campaign   (reduced 5000, full 30000)
#   API_MESSAGES      campaign during which the control API is timed (reduced 5000, full 30000)
#   CRYPTO_NATIVE     false: the dkim phase signs with the JDK's providers (crier.crypto.native)  (true)
#   LANE_SIZE         recipients of the large campaign beside the transactional mail (reduced 20000, full 1000000)
#   THROTTLE_PER_MINUTE  the gmail.com throttle of the throttle phase, messages a minute   (6000: 100 a second)
#   THROTTLE_SECONDS  how long the throttled mail takes at that limit, so how many it has   (30)
#   THROTTLE_OTHERS   recipients at other domains beside it, unthrottled                     (3000)
#   SEGMENT_SIZE      contacts the segment phase's segment is evaluated over (reduced 100000, full 1000000)
#   CLIENT_MESSAGES   messages each SMTP client sends in the client phase, twice (reduced 20000, full 100000)
#   NODES_MESSAGES    messages of the nodes phase's campaign, on 1 node then on 2 (reduced 10000, full 50000)
#   NODE_HEAP         -Xmx of each Crier node the nodes phase starts              (1g)
#   CONNECTIONS       SMTP connections (per node in the nodes phase)              (8)
#   SNAPSHOT_HEAP     -Xmx of the snapshot phase's JVM       (1g)
#   BENCH_PG_URL      PostgreSQL database to create and drop (jdbc:postgresql://127.0.0.1:5432/crier_bench)
#   BENCH_PG_USER / BENCH_PG_PASSWORD                        (postgres / empty)
#   BENCH_JVM_OPTS    extra options for the benchmark's JVMs (e.g. -XX:StartFlightRecording=... to profile)
#   BENCH_NOTE        a remark written next to the results (e.g. what else ran on the machine)
#   WRITE_DOCS        1: replace the results section of docs/benchmarks.md (default); 0: print only
#   BASELINE          a git revision to measure against in the same run (before/after mode, below)
#   BASELINE_ROUNDS   how often each phase runs on both sides in before/after mode     (1)
#
# Before/after: BASELINE=<rev> bench/run.sh [--full] checks <rev> out into a git worktree at
# target/bench-baseline/<sha> (kept and reused by later runs; `git worktree remove` it when done),
# builds its test classes there and runs its own io.crier.bench classes next to this checkout's:
# each phase on each database runs on the baseline, then right after on the current code, so load
# and drift hit both alike. The baseline's figures are kept under "baseline." in the results and
# the report adds a table of each figure on both sides with the ratio current / baseline. With
# BASELINE_ROUNDS=2 or more the pairs repeat in alternating order (baseline first, then current
# first, ...) and the table shows the means and each round's ratio. A phase the baseline's
# benchmark does not have is recorded as missing. Only the baseline's classes are used, not its
# bench/run.sh. BASELINE=HEAD measures the noise: both sides run the same code.
#
# The client phase times the SMTP client alone, without Crier: one pre-built 5.3 KB message over
# CONNECTIONS reused connections by Angus Mail as Crier uses it, by a bare client in lock-step, and by
# the same bare client pipelining MAIL FROM, RCPT TO and DATA (RFC 2920), between two smtp-source runs
# as the throughput phase makes them. smtp-source does not pipeline (its manual: "No SMTP command
# pipelining support"; it greets with HELO, so it never sees the offer).
# The nodes phase (PostgreSQL only) sends one campaign with one Crier node, then with two, each a
# JVM of its own on the same database, and records msg/s and the CPU of the nodes, PostgreSQL and
# the sink; it is skipped when DATABASES has no postgres.
#
# Not part of a run: the cost of rendering (io.crier.content.RenderCost) and of DKIM signing
# (io.crier.dkim.DkimSigningCost) are measured by hand, each on its own: docs/benchmarks.md.
#
# Needs: a JDK 25 (JAVA_HOME, or Temurin 25 at the usual Debian path), PostgreSQL reachable for
# the postgres runs, postfix's smtp-sink/smtp-source (installed from Debian if missing) and openssl.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
START_SECONDS=$SECONDS

# The command as given, with the overrides that were set, for the results.
COMMAND=
for name in CLIENT_MESSAGES NODES_MESSAGES NODE_HEAP DKIM_MESSAGES API_MESSAGES CRYPTO_NATIVE BASELINE BASELINE_ROUNDS MESSAGES WARMUP PAUSE_CYCLES PAUSE_BETWEEN SNAPSHOT_SIZES LANE_SIZE THROTTLE_PER_MINUTE THROTTLE_SECONDS THROTTLE_OTHERS SEGMENT_SIZE DATABASES PHASES CONNECTIONS SNAPSHOT_HEAP BENCH_PG_URL; do
    if [ -n "${!name:-}" ]; then COMMAND="$COMMAND$name=\"${!name}\" "; fi
done
COMMAND="${COMMAND}bench/run.sh${*:+ $*}"

MODE=reduced
for arg in "$@"; do
    case "$arg" in
        --full) MODE=full ;;
        -h|--help) sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "Unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

if [ "$MODE" = full ]; then
    DKIM_MESSAGES=${DKIM_MESSAGES:-30000}; API_MESSAGES=${API_MESSAGES:-30000}
    CLIENT_MESSAGES=${CLIENT_MESSAGES:-100000}; NODES_MESSAGES=${NODES_MESSAGES:-50000}
else
    DKIM_MESSAGES=${DKIM_MESSAGES:-5000}; API_MESSAGES=${API_MESSAGES:-5000}
    CLIENT_MESSAGES=${CLIENT_MESSAGES:-20000}; NODES_MESSAGES=${NODES_MESSAGES:-10000}
fi
NODE_HEAP=${NODE_HEAP:-1g}
CRYPTO_NATIVE=${CRYPTO_NATIVE:-true}
if [ "$MODE" = full ]; then
    MESSAGES=${MESSAGES:-50000}; WARMUP=${WARMUP:-10000}
    PAUSE_BETWEEN=${PAUSE_BETWEEN:-1000}; PAUSE_CYCLES=${PAUSE_CYCLES:-100}; SNAPSHOT_SIZES=${SNAPSHOT_SIZES:-100000,1000000}; LANE_SIZE=${LANE_SIZE:-1000000}
    SEGMENT_SIZE=${SEGMENT_SIZE:-1000000}
else
    MESSAGES=${MESSAGES:-5000}; WARMUP=${WARMUP:-1000}
    PAUSE_BETWEEN=${PAUSE_BETWEEN:-500}; PAUSE_CYCLES=${PAUSE_CYCLES:-20}; SNAPSHOT_SIZES=${SNAPSHOT_SIZES:-20000,100000}; LANE_SIZE=${LANE_SIZE:-20000}
    SEGMENT_SIZE=${SEGMENT_SIZE:-100000}
fi
DATABASES=${DATABASES:-h2 postgres}
PHASES=${PHASES:-throughput dkim api pause snapshot lane throttle segment client nodes}
THROTTLE_PER_MINUTE=${THROTTLE_PER_MINUTE:-6000}
THROTTLE_SECONDS=${THROTTLE_SECONDS:-30}
THROTTLE_OTHERS=${THROTTLE_OTHERS:-3000}
CONNECTIONS=${CONNECTIONS:-8}
SNAPSHOT_HEAP=${SNAPSHOT_HEAP:-1g}
BENCH_PG_URL=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/crier_bench}
BENCH_PG_USER=${BENCH_PG_USER:-postgres}
BENCH_PG_PASSWORD=${BENCH_PG_PASSWORD:-}
WRITE_DOCS=${WRITE_DOCS:-1}
BASELINE=${BASELINE:-}
BASELINE_ROUNDS=${BASELINE_ROUNDS:-1}

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
"$JAVA" -version 2>&1 | grep -q 'version "25' || { echo "A JDK 25 is needed: set JAVA_HOME" >&2; exit 1; }

if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null; then
    echo "== Installing postfix for smtp-sink and smtp-source (its daemon is not needed)"
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y postfix >/dev/null
fi

OUT="$ROOT/target/bench"
mkdir -p "$OUT"
RESULTS="$OUT/results-$(date +%Y%m%d-%H%M%S).txt"
: > "$RESULTS"
result() { echo "$1=$2" >> "$RESULTS"; }

# Builds the test classes in checkout $1 and prints the class path the benchmark runs with there.
build_classpath() {
    local dir=$1
    # Maven's own output goes to stderr: stdout is the class path.
    (cd "$dir" && ./mvnw -q test-compile >&2 \
        && ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt \
            >/dev/null) || { echo "The build in $dir failed" >&2; exit 1; }
    echo "$dir/target/test-classes:$dir/target/classes:$(cat "$dir/target/bench-classpath.txt")"
}

echo "== Building (test classes and the test class path)"
CLASSPATH_ARG=$(build_classpath "$ROOT")

# Before/after mode: the baseline commit in a worktree of its own, built with the same JDK.
BASELINE_SHA=
if [ -n "$BASELINE" ]; then
    BASELINE_SHA=$(git rev-parse --verify --quiet "$BASELINE^{commit}") \
        || { echo "BASELINE=$BASELINE is not a commit" >&2; exit 2; }
    [[ "$BASELINE_ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "BASELINE_ROUNDS must be 1 or more" >&2; exit 2; }
    BASELINE_SHORT=$(git rev-parse --short "$BASELINE_SHA")
    BASELINE_DIR="$ROOT/target/bench-baseline/$BASELINE_SHORT"
    if [ ! -f "$BASELINE_DIR/.git" ] || [ "$(git -C "$BASELINE_DIR" rev-parse HEAD)" != "$BASELINE_SHA" ]; then
        git worktree prune  # forgets a worktree whose directory went with `mvnw clean`
        git worktree add --detach "$BASELINE_DIR" "$BASELINE_SHA" >/dev/null
    fi
    echo "== Building the baseline $BASELINE_SHORT in $BASELINE_DIR"
    BASELINE_CLASSPATH=$(build_classpath "$BASELINE_DIR")
    BASELINE_SOURCE="$BASELINE_DIR/src/test/java/io/crier/bench/EngineBenchmark.java"
fi

SINK_PID=
cleanup() {
    if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'echo "!! interrupted (SIGINT)" >&2; exit 130' INT
trap 'echo "!! terminated (SIGTERM)" >&2; exit 143' TERM

# A loopback port nothing listens on.
free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    return 1
}

start_sink() {
    local user_option=()
    [ "$(id -u)" = 0 ] && user_option=(-u nobody)
    for _ in 1 2 3 4 5; do
        SINK_PORT=$(free_port)
        # One process with an event loop: no -c (no per-command counting), no dump to disk, backlog 1000.
        smtp-sink "${user_option[@]}" "127.0.0.1:$SINK_PORT" 1000 &
        SINK_PID=$!
        sleep 0.5
        if kill -0 "$SINK_PID" 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$SINK_PORT") 2>/dev/null; then
            return 0
        fi
        kill "$SINK_PID" 2>/dev/null || true
        SINK_PID=
    done
    echo "Could not start smtp-sink on a loopback port" >&2
    exit 1
}

# CPU seconds the sink has used so far (user + system).
sink_cpu() {
    awk -v tick="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / tick }' "/proc/$SINK_PID/stat"
}

# smtp-source into the sink: the raw rate this machine's SMTP path allows, $2 messages (the
# throughput phase's count by default) over reused connections (-d).
run_source() {
    local key=$1 count=${2:-$MESSAGES} started ended cpu_before cpu_after seconds rate
    cpu_before=$(sink_cpu)
    started=$(date +%s%N)
    smtp-source -s "$CONNECTIONS" -m "$count" -l 5000 -d "127.0.0.1:$SINK_PORT"
    ended=$(date +%s%N)
    cpu_after=$(sink_cpu)
    seconds=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    rate=$(awk -v m="$count" -v s="$seconds" 'BEGIN { printf "%.0f", m / s }')
    result "$key" "$rate"
    result "${key}_sink_cpu" "$(awk -v a="$cpu_before" -v b="$cpu_after" -v s="$seconds" 'BEGIN { printf "%.2f", (b - a) / s }')"
    echo "  smtp-source: $count messages in $seconds s ($rate msg/s)"
}

# One phase on one database in a JVM of its own, with the benchmark classes of one side:
# "current" (this checkout) or "baseline". Its figures join the results under $2, a prefix that
# tells the side and round apart ("" for the current code's first round, as without BASELINE);
# a failure is recorded and the other phases go on. The JVM writes to a file of its own when
# there is a prefix, so a baseline's benchmark code runs unchanged.
run_side() {
    local side=$1 prefix=$2 phase=$3 db=$4 heap=$5 status=0 classpath=$CLASSPATH_ARG results=$RESULTS; shift 5
    if [ "$side" = baseline ]; then
        classpath=$BASELINE_CLASSPATH
        if [ ! -f "$BASELINE_SOURCE" ] || ! grep -q "\"$phase\"" "$BASELINE_SOURCE"; then
            echo "   (the baseline $BASELINE_SHORT has no $phase phase)"
            result "${prefix}missing.$phase.$db" "no $phase phase at $BASELINE_SHORT"
            return 0
        fi
    fi
    [ -n "$BASELINE_SHA" ] && echo "-- $phase on $db: $side${prefix:+ (results under $prefix)}"
    [ -n "$prefix" ] && results="${RESULTS%.txt}-part-$side.txt" && : > "$results"
    # shellcheck disable=SC2086 # BENCH_JVM_OPTS is a list of options
    "$JAVA" "-Xmx$heap" "-Xlog:gc:file=$OUT/gc-${prefix}$phase-$db.log" ${BENCH_JVM_OPTS:-} -cp "$classpath" \
        io.crier.bench.EngineBenchmark "$phase" --db="$db" --results="$results" --connections="$CONNECTIONS" \
        --pg-url="$BENCH_PG_URL" --pg-user="$BENCH_PG_USER" --pg-password="$BENCH_PG_PASSWORD" "$@" || status=$?
    if [ -n "$prefix" ]; then
        sed "s/^/$prefix/" "$results" >> "$RESULTS"
        rm -f "$results"
    fi
    if [ "$status" != 0 ]; then
        echo "!! $side: $phase on $db failed (exit $status); see the output above" >&2
        result "${prefix}failed.$phase.$db" "exit $status"
    fi
}

# One phase on one database. In before/after mode: baseline and current code right after each
# other, BASELINE_ROUNDS times, the baseline first in odd rounds and second in even ones, so
# neither side always profits or suffers from going first. Round 1 keeps the usual keys (the
# baseline's under "baseline."); round r > 1 adds "round<r>." in front.
bench() {
    if [ -z "$BASELINE_SHA" ]; then
        run_side current "" "$@"
        return
    fi
    local round prefix
    for round in $(seq 1 "$BASELINE_ROUNDS"); do
        prefix=; [ "$round" = 1 ] || prefix="round$round."
        if [ $((round % 2)) = 1 ]; then
            run_side baseline "${prefix}baseline." "$@"
            run_side current "$prefix" "$@"
        else
            run_side current "$prefix" "$@"
            run_side baseline "${prefix}baseline." "$@"
        fi
    done
}

result run.mode "$MODE"
result run.command "$COMMAND"
result run.date "$(date -u '+%Y-%m-%d %H:%M UTC')"
result run.note "${BENCH_NOTE:-}"
if [ -n "$BASELINE_SHA" ]; then
    result run.baseline "$BASELINE_SHORT"
    result run.baseline_subject "$(git log -1 --format='%cs: %s' "$BASELINE_SHA")"
    result run.baseline_rounds "$BASELINE_ROUNDS"
fi
result run.commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src pom.xml 2>/dev/null || echo ' with uncommitted changes')"
result machine.nproc "$(nproc)"
result machine.cpu "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
result machine.memory "$(free -h | awk '/^Mem:/ { print $2 }')"
result machine.os "$(. /etc/os-release && echo "$PRETTY_NAME")"
result machine.java "$("$JAVA" -version 2>&1 | head -1)"
result machine.postfix "$(dpkg-query -W -f='${Version}' postfix 2>/dev/null || echo unknown)"
result machine.load_start "$(cut -d' ' -f1 /proc/loadavg)"

echo "== Crier delivery benchmark, $MODE run: databases [$DATABASES], phases [$PHASES]; results in $RESULTS"

if [[ " $PHASES " == *" throughput "* ]]; then
    start_sink
    echo "== Throughput: $MESSAGES messages, $CONNECTIONS connections, smtp-sink on 127.0.0.1:$SINK_PORT"
    result source.messages "$MESSAGES"
    for db in $DATABASES; do
        run_source "source.$db.before"
        bench throughput "$db" 1g --sink-port="$SINK_PORT" --sink-pid="$SINK_PID" --messages="$MESSAGES" --warmup="$WARMUP"
        run_source "source.$db.after"
    done
    cleanup
    SINK_PID=
fi

# openssl's RSA-2048 signatures per second on one core: what native code signs, beside Crier's rate.
run_openssl_speed() {
    local key=$1 rate
    rate=$(openssl speed -seconds 3 rsa2048 2>/dev/null \
        | awk '$1 == "rsa" && $2 == "2048" { for (i = 4; i <= NF; i++) if ($i !~ /s$/) { print $i; exit } }')
    result "$key" "$rate"
    echo "  openssl speed rsa2048: $rate signs/s on one core"
}

# DKIM: two signed campaigns (2048-bit key) between two openssl runs, into their own sink.
dkim_phase() {
    start_sink
    echo "== DKIM-signed throughput: $DKIM_MESSAGES messages, RSA-2048, smtp-sink on 127.0.0.1:$SINK_PORT"
    for db in $DATABASES; do
        run_openssl_speed "openssl.$db.before"
        bench dkim "$db" 1g --sink-port="$SINK_PORT" --sink-pid="$SINK_PID" --messages="$DKIM_MESSAGES" --native-crypto="$CRYPTO_NATIVE"
        run_openssl_speed "openssl.$db.after"
    done
    cleanup
    SINK_PID=
}

# The control API's latency, idle and while a campaign sends at full speed.
api_phase() {
    start_sink
    echo "== Control-API latency: GET /v1/campaigns/{id} during a $API_MESSAGES-message campaign, smtp-sink on 127.0.0.1:$SINK_PORT"
    for db in $DATABASES; do
        bench api "$db" 1g --sink-port="$SINK_PORT" --messages="$API_MESSAGES"
    done
    cleanup
    SINK_PID=
}

# The SMTP client alone (no database): Angus Mail, a bare lock-step client and the same pipelining,
# between two smtp-source runs.
client_phase() {
    start_sink
    echo "== SMTP client ceiling: $CLIENT_MESSAGES messages per client, $CONNECTIONS connections, smtp-sink on 127.0.0.1:$SINK_PORT"
    run_source client.source.before "$CLIENT_MESSAGES"
    bench client any 1g --sink-port="$SINK_PORT" --sink-pid="$SINK_PID" --messages="$CLIENT_MESSAGES"
    run_source client.source.after "$CLIENT_MESSAGES"
    cleanup
    SINK_PID=
}

# One Crier node, then two, on one PostgreSQL database.
nodes_phase() {
    if [[ " $DATABASES " != *" postgres "* ]]; then
        echo "== Nodes: skipped (it runs on PostgreSQL only, and DATABASES is [$DATABASES])"
        return
    fi
    start_sink
    echo "== One node, then two nodes on one PostgreSQL: $NODES_MESSAGES messages, smtp-sink on 127.0.0.1:$SINK_PORT"
    bench nodes postgres 1g --sink-port="$SINK_PORT" --sink-pid="$SINK_PID" --messages="$NODES_MESSAGES" --node-heap="$NODE_HEAP"
    cleanup
    SINK_PID=
}

if [[ " $PHASES " == *" dkim "* ]]; then dkim_phase; fi
if [[ " $PHASES " == *" api "* ]]; then api_phase; fi

if [[ " $PHASES " == *" pause "* ]]; then
    echo "== Pause latency: $PAUSE_CYCLES cycles, $PAUSE_BETWEEN messages between pauses"
    for db in $DATABASES; do
        bench pause "$db" 1g --cycles="$PAUSE_CYCLES" --between="$PAUSE_BETWEEN"
    done
fi

if [[ " $PHASES " == *" lane "* ]]; then
    start_sink
    echo "== Transactional mail beside a $LANE_SIZE-recipient campaign, smtp-sink on 127.0.0.1:$SINK_PORT"
    for db in $DATABASES; do
        bench lane "$db" 1g --sink-port="$SINK_PORT" --size="$LANE_SIZE"
    done
    cleanup
    SINK_PID=
fi

if [[ " $PHASES " == *" throttle "* ]]; then
    THROTTLED=$((THROTTLE_PER_MINUTE * THROTTLE_SECONDS / 60))
    echo "== Per-provider throttle: $THROTTLED messages to gmail.com at $THROTTLE_PER_MINUTE a minute, $THROTTLE_OTHERS to other domains"
    for db in $DATABASES; do
        bench throttle "$db" 1g --per-minute="$THROTTLE_PER_MINUTE" --throttled="$THROTTLED" --others="$THROTTLE_OTHERS"
    done
fi

if [[ " $PHASES " == *" snapshot "* ]]; then
    echo "== Audience snapshot: $SNAPSHOT_SIZES recipients"
    for db in $DATABASES; do
        bench snapshot "$db" "$SNAPSHOT_HEAP" --sizes="$SNAPSHOT_SIZES"
    done
fi

if [[ " $PHASES " == *" client "* ]]; then client_phase; fi
if [[ " $PHASES " == *" nodes "* ]]; then nodes_phase; fi

if [[ " $PHASES " == *" segment "* ]]; then
    echo "== Segment: count and preview over $SEGMENT_SIZE contacts"
    for db in $DATABASES; do
        bench segment "$db" "$SNAPSHOT_HEAP" --size="$SEGMENT_SIZE"
    done
fi

result machine.load_end "$(cut -d' ' -f1 /proc/loadavg)"
result run.seconds "$((SECONDS - START_SECONDS))"
DOCS_ARG=()
[ "$WRITE_DOCS" = 1 ] && DOCS_ARG=(--docs="$ROOT/docs/benchmarks.md")
"$JAVA" -cp "$CLASSPATH_ARG" io.crier.bench.EngineBenchmark report --results="$RESULTS" "${DOCS_ARG[@]}"
