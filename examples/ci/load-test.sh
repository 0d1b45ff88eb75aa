#!/usr/bin/env bash
# The steps both CI examples call: install the tool from this repository, start the mock (unless
# GATEWAY_URL points at a real gateway), run a scenario headless, write HTML/JUnit/Markdown
# reports, compare with the committed baseline, and fail on thresholds or a regression.
#
# Environment (all optional):
#   SCENARIO        scenario file (default examples/ci/smoke.load.yaml)
#   OUT_DIR         where results and reports go (default gateway-load-results)
#   GATEWAY_URL     a real gateway; when unset the mock is started on a free port
#   GATEWAY_KEY     its API key (from the CI system's secrets; never echoed)
#   MOCK_ARGS       extra flags for `gateway-load mock` (e.g. "--ttft 50ms --latency-factor 1.3")
#   BASELINE        baseline to compare with: a baseline file, run folder or summary.json
#                   (default 'auto': .gateway-load/baselines/<scenario>.json of the current
#                   directory, when one is committed)
#   TOLERANCE       e.g. http_req_duration=15%,http_req_failed=1pt,http_reqs=5%
#   MARK_BASELINE   1: make this run the scenario's baseline (e.g. on the main branch), then commit it
#   SKIP_INSTALL    1: the tool is already built (dist/cli.js present)
#   GATEWAY_LOAD    the command to call (default: node <repo>/dist/cli.js); split into words,
#                   like MOCK_ARGS, but never glob-expanded
#
# Exit code: 0 all good; 1 thresholds failed, the run failed, or a regression; 2 setup problem.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCENARIO="${SCENARIO:-$ROOT/examples/ci/smoke.load.yaml}"
OUT_DIR="${OUT_DIR:-gateway-load-results}"
# Word lists as arrays: every expansion below is quoted, so no value is split or globbed twice.
if [ -n "${GATEWAY_LOAD:-}" ]; then read -r -a GL_CMD <<<"$GATEWAY_LOAD"; else GL_CMD=(node "$ROOT/dist/cli.js"); fi
read -r -a MOCK_ARGV <<<"${MOCK_ARGS:-}"
export CI="${CI:-true}"
MOCK_PID=""

log() { echo "load-test: $*" >&2; }
gl() { "${GL_CMD[@]}" "$@"; }

step_install() {
  if [ "${SKIP_INSTALL:-0}" = "1" ]; then log "install skipped"; return 0; fi
  (cd "$ROOT" && npm ci --no-audit --no-fund && node esbuild.mjs) || { log "install failed"; exit 2; }
}

step_start_mock() {
  if [ -n "${GATEWAY_URL:-}" ]; then log "using the gateway at $GATEWAY_URL"; return 0; fi
  mkdir -p "$OUT_DIR"
  # Not through gl(): a backgrounded function runs in a subshell, and $! would be the subshell's
  # pid, not the mock's. (An empty array under `set -u` needs bash ≥ 4.4, as on every current runner.)
  "${GL_CMD[@]}" mock --port 0 "${MOCK_ARGV[@]}" >"$OUT_DIR/mock.log" 2>&1 &
  MOCK_PID="$!"
  trap step_stop_mock EXIT
  for ((i = 0; i < 100; i++)); do
    GATEWAY_URL="$(grep -o 'listening on http://[^ ]*' "$OUT_DIR/mock.log" | head -n1 | sed 's/listening on //')"
    if [ -n "$GATEWAY_URL" ]; then export GATEWAY_URL; log "mock listening on $GATEWAY_URL"; return 0; fi
    kill -0 "$MOCK_PID" 2>/dev/null || break
    sleep 0.1
  done
  log "the mock did not start:"; cat "$OUT_DIR/mock.log" >&2; exit 2
}

step_stop_mock() {
  if [ -n "$MOCK_PID" ]; then kill "$MOCK_PID" 2>/dev/null; wait "$MOCK_PID" 2>/dev/null; MOCK_PID=""; fi
}

step_run() {
  RUN_DIR="$OUT_DIR/run"
  rm -rf "$RUN_DIR"
  gl run "$SCENARIO" --out "$RUN_DIR"
  RUN_RC="$?"
  if [ ! -f "$RUN_DIR/summary.json" ]; then log "the run wrote no summary (exit $RUN_RC)"; exit 2; fi
  log "run finished with exit code $RUN_RC"
}

step_reports() {
  local args=(--baseline "${BASELINE:-auto}")
  [ -n "${TOLERANCE:-}" ] && args+=(--tolerance "$TOLERANCE")
  gl report "$RUN_DIR" --format html -o "$OUT_DIR/report.html" "${args[@]}" || exit 2
  gl report "$RUN_DIR" --format junit -o "$OUT_DIR/junit.xml" "${args[@]}" || exit 2
  gl report "$RUN_DIR" --format md -o "$OUT_DIR/report.md" "${args[@]}" || exit 2
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$OUT_DIR/report.md" >>"$GITHUB_STEP_SUMMARY"; fi
}

step_compare() {
  local args=(--format text)
  [ -n "${TOLERANCE:-}" ] && args+=(--tolerance "$TOLERANCE")
  # 'auto': the committed baseline of this scenario; without one, compare says so and passes.
  gl compare "${BASELINE:-auto}" "$RUN_DIR" "${args[@]}" -o "$OUT_DIR/comparison.txt"
  COMPARE_RC="$?"
  if [ "$COMPARE_RC" -ge 2 ]; then log "compare failed (exit $COMPARE_RC)"; exit 2; fi
}

step_mark_baseline() {
  if [ "${MARK_BASELINE:-0}" != "1" ]; then return 0; fi
  gl report "$RUN_DIR" --mark-baseline >/dev/null || exit 2
}

main() {
  step_install
  step_start_mock
  step_run
  step_stop_mock
  step_reports
  step_compare
  step_mark_baseline
  if [ "$RUN_RC" -ne 0 ]; then log "FAILED: thresholds or the run itself (see $OUT_DIR/report.html)"; exit 1; fi
  if [ "$COMPARE_RC" -eq 1 ]; then log "FAILED: regression against the baseline (see $OUT_DIR/comparison.txt)"; exit 1; fi
  log "passed"
}

# Sourcing this file defines the steps without running them.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
