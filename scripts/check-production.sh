#!/usr/bin/env bash
# The production path, as an institution's IT department takes it (issue 20), on a fresh clone
# of this checkout's HEAD: `npm ci --omit=dev` (which builds the server), `npm start` on a free
# loopback port with a new data directory, /healthz, logging in with the printed credentials
# (the CSRF token it hands out is then required for logging out), the demo factsheet as a PDF
# from the server and from the CLI, both read back with pdftotext, and a clean stop.
#
# Run by .ci/run after `npm test`; needs git, curl, pgrep, Chromium (/usr/bin/chromium) and pdftotext.
# Talks only to 127.0.0.1; every step is bounded in time.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/rondo-production-XXXXXX")"
npm_start=""  # the `npm start` process
rondo=""      # the server it starts: `node bin/rondo.mjs serve`, a child of npm's shell

cleanup() {
  for pid in $rondo $npm_start; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n== production check: %s\n' "$*"; }
fail() {
  printf 'production check FAILED: %s\n' "$*" >&2
  if [ -f "$work/server.log" ]; then
    printf -- '--- server output ---\n' >&2
    cat "$work/server.log" >&2
  fi
  exit 1
}
# The processes below a process, depth first.
descendants() {
  local child
  for child in $(pgrep -P "$1"); do
    echo "$child"
    descendants "$child"
  done
}
# A JSON field of stdin, with node (the one JSON reader every rondo machine has).
json() { node -e 'let s="";process.stdin.on("data",(b)=>s+=b).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];process.stdout.write(typeof v==="string"?v:JSON.stringify(v))})' "$1"; }

step "fresh clone of $(git -C "$repo" rev-parse --short HEAD)"
git clone --quiet --no-hardlinks "$repo" "$work/rondo"
cd "$work/rondo"

step "npm ci --omit=dev"
# --prefer-offline: the packages are normally in npm's cache already (from CI's own npm ci).
timeout 1200 npm ci --omit=dev --prefer-offline --no-audit --no-fund || fail "npm ci --omit=dev"
# Without tsx installed, the server below can only be running the compiled JavaScript.
for dev in tsx typescript vitest; do
  [ ! -e "node_modules/$dev" ] || fail "the production install holds the dev dependency $dev"
done
[ -f dist/server/cli.js ] || fail "npm ci --omit=dev did not build the server (dist/server/cli.js)"
[ -f dist/web/entry-app.js ] || fail "npm ci --omit=dev did not build the web assets (dist/web)"
[ -f dist/web/entry-app.js.br ] && [ -f dist/web/entry-app.js.gz ] || fail "npm ci --omit=dev did not precompress the web assets (dist/web/*.br, *.gz)"

step "npm start"
# PORT=0: the system picks a free port, and rondo prints the address it listens on.
HOST=127.0.0.1 PORT=0 RONDO_DATA_DIR="$work/data" RONDO_LOG_LEVEL=warn npm start >"$work/server.log" 2>&1 &
npm_start=$!
port=""
for _ in $(seq 1 600); do
  port="$(sed -n 's#.*is running at http://[^:]*:\([0-9]*\).*#\1#p' "$work/server.log" | head -n 1)"
  [ -n "$port" ] && break
  kill -0 "$npm_start" 2>/dev/null || fail "the server exited during its start"
  sleep 0.1
done
[ -n "$port" ] || fail "the server did not start within 60 s"
# npm does not pass signals on through the shell it runs the script in: stop rondo itself, as
# systemd or a container runtime would (docs/deploy.md).
for pid in $(descendants "$npm_start"); do
  if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'bin/rondo.mjs serve'; then rondo=$pid; fi
done
[ -n "$rondo" ] || fail "no rondo process below npm start"
base="http://127.0.0.1:$port"
grep -q 'created the demo study "1000 Kansen' "$work/server.log" || fail "the first start did not create the demo study"
password="$(sed -n 's/^ *password: *\([^ ]*\)$/\1/p' "$work/server.log" | head -n 1)"
email="$(sed -n 's/^ *e-mail: *\([^ ]*\)$/\1/p' "$work/server.log" | head -n 1)"
[ -n "$password" ] && [ -n "$email" ] || fail "the first start printed no login"

step "/healthz"
health="$(curl -fsS --max-time 10 "$base/healthz")" || fail "/healthz did not answer 200"
[ "$(printf '%s' "$health" | json status)" = ok ] || fail "/healthz: $health"

step "log in as $email"
jar="$work/cookies"
login="$(curl -fsS --max-time 30 -c "$jar" -H 'content-type: application/json' \
  --data "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/login")" || fail "logging in with the printed password"
csrf="$(printf '%s' "$login" | json csrfToken)"
[ -n "$csrf" ] || fail "the login answered no CSRF token: $login"
session="$(curl -fsS --max-time 10 -b "$jar" "$base/api/session")" || fail "the session cookie is not accepted"
printf '%s' "$session" | grep -q "\"$email\"" || fail "the session is not the administrator's: $session"

step "set up two-step verification, as the administrator is asked to at the first login"
# The code an authenticator app would show for the key the server hands out (RFC 6238: HMAC-SHA-1, 30 s, 6 digits).
totp() { node -e 'const a="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";let b=0,v=0;const o=[];for(const c of process.argv[1]){v=(v<<5|a.indexOf(c))&0xffff;b+=5;if(b>=8){o.push(v>>>(b-8)&255);b-=8}}
const m=Buffer.alloc(8);m.writeBigUInt64BE(BigInt(Math.floor(Date.now()/30000)));const h=require("crypto").createHmac("sha1",Buffer.from(o)).update(m).digest();
process.stdout.write(String((h.readUInt32BE(h[19]&15)&0x7fffffff)%1e6).padStart(6,"0"))' "$1"; }
[ "$(printf '%s' "$login" | json twoFactor)" = enrol ] || fail "the administrator's first login did not ask for two-step verification: $login"
enrolment="$(curl -fsS --max-time 10 -b "$jar" -H "x-csrf-token: $csrf" -X POST "$base/api/account/two-factor/enrolment")" \
  || fail "starting the two-step verification enrolment"
code="$(totp "$(printf '%s' "$enrolment" | json secret)")"
curl -fsS --max-time 10 -o /dev/null -b "$jar" -H "x-csrf-token: $csrf" -H 'content-type: application/json' \
  --data "{\"code\":\"$code\"}" "$base/api/account/two-factor/enrolment/confirm" || fail "confirming two-step verification with a code"

step "the demo factsheet as PDF from the server"
curl -fsS --max-time 120 -b "$jar" -o "$work/server.pdf" \
  "$base/api/studies/1000-kansen/factsheet/draft/output?format=pdf&lang=nl" || fail "the server did not render the factsheet PDF"
timeout 60 pdftotext "$work/server.pdf" - | tr -s '[:space:]' ' ' | grep -q '62% in de voormeting (21 van 34)' \
  || fail "the server's factsheet PDF does not read as the demo factsheet"

step "the demo factsheet as PDF from the CLI"
timeout 180 npx --no-install rondo factsheet --data "$work/data" --study 1000-kansen --lang nl --out "$work/cli.pdf" \
  || fail "rondo factsheet did not write the PDF"
timeout 60 pdftotext "$work/cli.pdf" - | tr -s '[:space:]' ' ' | grep -q '62% in de voormeting (21 van 34)' \
  || fail "the CLI's factsheet PDF does not read as the demo factsheet"

step "log out (needs the CSRF token)"
status="$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -b "$jar" -X POST "$base/api/logout")"
[ "$status" = 403 ] || fail "logging out without the CSRF token answered $status, not 403"
curl -fsS --max-time 10 -o /dev/null -b "$jar" -H "x-csrf-token: $csrf" -X POST "$base/api/logout" || fail "logging out with the CSRF token"
status="$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -b "$jar" "$base/api/session")"
[ "$status" = 401 ] || fail "the session still answers $status after logging out"

step "stop"
kill "$rondo"
for _ in $(seq 1 300); do kill -0 "$npm_start" 2>/dev/null || break; sleep 0.1; done
kill -0 "$npm_start" 2>/dev/null && fail "the server did not stop within 30 s of SIGTERM"
# npm start ends with rondo's exit code.
wait "$npm_start" && code=0 || code=$?
npm_start=""
rondo=""
[ "$code" = 0 ] || fail "the server exited with $code after SIGTERM"
grep -q 'received SIGTERM, closing' "$work/server.log" || fail "the server did not close gracefully"

printf '\nproduction check passed: npm ci --omit=dev, npm start, /healthz, log in, factsheet PDF (server and CLI), stop\n'
