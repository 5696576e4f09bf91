#!/usr/bin/env bash
# End to end, live CloudWatch against moto: start moto_server on a free loopback port, seed the
# Erato fleet (Tests/Fixtures/moto/seed.py), run the built binary's
# `fleetwatch snapshot --config cw.yaml --format json` and check the seeded values arrive; then the
# failure texts for missing credentials and an unreachable endpoint (and that no key leaks); and a
# `profile:` naming a role profile (role_arn + source_profile) that assumes the role at moto's STS;
# and `discover:` run again in the dashboard (tmux): a group tagged after start-up shows as a new
# fleet, a deleted one goes (about 70 s: discovery runs at most once a minute).
# Usage: Tests/e2e/cloudwatch.sh path/to/fleetwatch
set -uo pipefail
BIN=$(realpath "${1:?usage: cloudwatch.sh path/to/fleetwatch}")
cd "$(dirname "$0")/../.."
command -v moto_server >/dev/null || { echo "cloudwatch e2e: moto_server is not on PATH (pip install 'moto[server]')"; exit 1; }

WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
MOTO_EC2_LOAD_DEFAULT_AMIS=false moto_server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO=$!
SOCK="fleetwatch-cw-$$"
t() { tmux -L "$SOCK" "$@"; }
cleanup() {  # moto_server does not always stop on SIGTERM: SIGKILL after a moment
  t kill-server >/dev/null 2>&1
  kill "$MOTO" 2>/dev/null
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$MOTO" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$MOTO" 2>/dev/null; wait "$MOTO" 2>/dev/null; rm -rf "$WORK"
}
trap cleanup EXIT

for _ in $(seq 1 600); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/moto-api/data.json', timeout=1)" 2>/dev/null && break
  kill -0 "$MOTO" 2>/dev/null || { echo "cloudwatch e2e: moto_server exited"; tail -5 "$WORK/moto.log"; exit 1; }
  sleep 0.1
done
END=$(( $(date +%s) / 60 * 60 ))
python3 Tests/Fixtures/moto/seed.py "http://127.0.0.1:$PORT" "$END" >"$WORK/seed.json" || { echo "cloudwatch e2e: seeding failed"; exit 1; }

cat >"$WORK/cw.yaml" <<YAML
fleet: {name: erato-backend, region: us-east-1, zones: [us-east-1a, us-east-1b, us-east-1c]}
sources:
  - kind: cloudwatch
    endpoint: http://127.0.0.1:$PORT
    auto_scaling_group: erato-backend-asg
    load_balancer: erato-backend-alb
    target_group: erato-backend-tg
YAML

source Tests/e2e/lib.sh

# A clean environment: dummy keys only, no ~/.aws of the machine's user.
run() { env -i PATH="$PATH" HOME="$WORK/home" "$@"; }
mkdir -p "$WORK/home"

run AWS_ACCESS_KEY_ID=AKIAE2EEXAMPLEKEY01 AWS_SECRET_ACCESS_KEY=e2e-secret-value-do-not-print \
  "$BIN" snapshot --config "$WORK/cw.yaml" --format json >"$WORK/out.json" 2>"$WORK/err.txt"
rc=$?
check "snapshot exits 0 (rc=$rc: $(head -c 300 "$WORK/err.txt"))" test "$rc" -eq 0
check "snapshot shows the seeded values" python3 - "$WORK/out.json" "$WORK/seed.json" <<'PY'
import json, sys
out = json.load(open(sys.argv[1])); seed = json.load(open(sys.argv[2]))
m = out["metrics"]
problems = []
def want(what, got, expected):
    if got != expected: problems.append(f"{what}: got {got!r}, expected {expected!r}")
want("cpu.latest", m["cpu"]["latest"], 49.0)
want("requests us-east-1b", m["requests"]["zones"]["us-east-1b"]["latest"], 2179.0)
want("requests total", m["requests"]["latest"], 1179.0 + 2179.0 + 3179.0)
want("unhealthy us-east-1b", m["unhealthy_hosts"]["zones"]["us-east-1b"]["latest"], 1.0)
want("requests per target us-east-1c", m["requests_per_target"]["zones"]["us-east-1c"]["latest"], 750.0)
ids = sorted(i["id"] for z in out["zones"] for i in z["instances"])
want("instances", ids, sorted(i["id"] for i in seed["instances"]))
want("alarms", [a["name"] for a in out["alarms"]], ["erato-health-check-failures"])
want("source status", [(s["name"], s["status"]) for s in out["sources"]], [("cloudwatch", "ok")])
for p in problems: print("  " + p)
sys.exit(1 if problems else 0)
PY
check "no key in the output" sh -c "! grep -q -e AKIAE2EEXAMPLEKEY01 -e e2e-secret-value '$WORK/out.json' '$WORK/err.txt'"

run AWS_EC2_METADATA_DISABLED=true "$BIN" snapshot --config "$WORK/cw.yaml" --format json >/dev/null 2>"$WORK/err2.txt"
rc=$?
check "no credentials: exit 1 and says where it looked ($(head -c 300 "$WORK/err2.txt"))" \
  sh -c "test $rc -eq 1 && grep -q 'no AWS credentials found (looked in: environment' '$WORK/err2.txt' && grep -q '.aws/credentials' '$WORK/err2.txt' && grep -q 'EC2 instance metadata (AWS_EC2_METADATA_DISABLED=true)' '$WORK/err2.txt'"

# A role profile: no keys in the environment, only [base] keys that sign AssumeRole (moto's STS,
# reached through `endpoint:`); the snapshot polls with the assumed role's credentials.
mkdir -p "$WORK/home/.aws"
printf '[base]\naws_access_key_id = AKIAE2EBASEKEY000001\naws_secret_access_key = e2e-base-secret-do-not-print\n' >"$WORK/home/.aws/credentials"
printf '[profile fleet-ro]\nrole_arn = arn:aws:iam::123456789012:role/fleet-ro\nsource_profile = base\nexternal_id = e2e\n[profile fleet-mfa]\nrole_arn = arn:aws:iam::123456789012:role/fleet-ro\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n' >"$WORK/home/.aws/config"
sed 's#^  - kind: cloudwatch$#  - kind: cloudwatch\n    profile: fleet-ro#' "$WORK/cw.yaml" >"$WORK/cw-role.yaml"
run AWS_EC2_METADATA_DISABLED=true "$BIN" snapshot --config "$WORK/cw-role.yaml" --format json >"$WORK/out-role.json" 2>"$WORK/err-role.txt"
rc=$?
check "role profile: snapshot exits 0 ($(head -c 300 "$WORK/err-role.txt"))" test "$rc" -eq 0
check "role profile: the seeded values arrive" python3 -c '
import json, sys
out = json.load(open(sys.argv[1]))
sys.exit(0 if out["metrics"]["cpu"]["latest"] == 49.0 and [s["status"] for s in out["sources"]] == ["ok"] else 1)' "$WORK/out-role.json"
check "role profile: no key in the output" sh -c "! grep -q -e AKIAE2EBASEKEY -e e2e-base-secret -e ASIA '$WORK/out-role.json' '$WORK/err-role.txt'"
sed 's#profile: fleet-ro#profile: fleet-mfa#' "$WORK/cw-role.yaml" >"$WORK/cw-mfa.yaml"
run AWS_EC2_METADATA_DISABLED=true "$BIN" snapshot --config "$WORK/cw-mfa.yaml" --format json >/dev/null 2>"$WORK/err-mfa.txt"
rc=$?
check "mfa_serial: exit 1 naming the profile ($(head -c 300 "$WORK/err-mfa.txt"))" \
  sh -c "test $rc -eq 1 && grep -q \"AWS profile 'fleet-mfa': mfa_serial needs an MFA code\" '$WORK/err-mfa.txt'"
rm -rf "$WORK/home/.aws"

sed "s#http://127.0.0.1:$PORT#http://127.0.0.1:1#" "$WORK/cw.yaml" >"$WORK/cw-down.yaml"
run AWS_ACCESS_KEY_ID=AKIAE2EEXAMPLEKEY01 AWS_SECRET_ACCESS_KEY=e2e-secret-value-do-not-print \
  "$BIN" snapshot --config "$WORK/cw-down.yaml" --format json >/dev/null 2>"$WORK/err3.txt"
rc=$?
check "unreachable endpoint: exit 1, 'cannot reach … (connection refused)' ($(head -c 300 "$WORK/err3.txt"))" \
  sh -c "test $rc -eq 1 && grep -q 'cannot reach http://127.0.0.1:1 (connection refused)' '$WORK/err3.txt' && ! grep -q -e AKIAE2EEXAMPLEKEY01 -e e2e-secret '$WORK/err3.txt'"

# discover: run again while the dashboard runs (every: 1m, the floor). The seeded group is tagged,
# found at start; then billing-asg is made (tagged) and erato-backend-asg deleted
# (Tests/Fixtures/moto/change-fleets.py): the next run adds one and removes the other.
python3 - "http://127.0.0.1:$PORT" <<'PY'
import sys, boto3
asg = boto3.client("autoscaling", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="AKIAE2EEXAMPLEKEY01", aws_secret_access_key="x")
asg.create_or_update_tags(Tags=[{"ResourceId": "erato-backend-asg", "ResourceType": "auto-scaling-group",
                                 "Key": "Application", "Value": "erato", "PropagateAtLaunch": True}])
PY
cat >"$WORK/discover.yaml" <<YAML
discover: {regions: [us-east-1], tags: {Application: erato}, endpoint: "http://127.0.0.1:$PORT", every: 1m}
sources: [{kind: cloudwatch, endpoint: "http://127.0.0.1:$PORT"}]
YAML
t -f /dev/null new-session -d -s e2e -x 160 -y 48 "env -i PATH=$PATH HOME=$WORK/home TERM=tmux-256color LANG=C.UTF-8 AWS_ACCESS_KEY_ID=AKIAE2EEXAMPLEKEY01 AWS_SECRET_ACCESS_KEY=e2e-secret-value-do-not-print AWS_EC2_METADATA_DISABLED=true bash --norc --noprofile"
wait_for '[$#] *$' 10 >/dev/null
t send-keys -t e2e "'$BIN' --config '$WORK/discover.yaml'; echo fleetwatch-exit=\$?" Enter
check "discover: the tagged group is a fleet on the overview" wait_for 'fleetwatch +1 fleets' 30
check "discover: its row" wait_for '^ *erato-backend-asg +us-east-1' 5
python3 Tests/Fixtures/moto/change-fleets.py "http://127.0.0.1:$PORT" us-east-1 billing erato-backend-asg - - >"$WORK/change.json" \
  || echo "  change-fleets.py failed"
check "discover again: the group tagged since is a new fleet (notice)" wait_for 'discover: new fleet billing-asg' 100
check "discover again: the deleted group is gone (notice)" wait_for 'erato-backend-asg no longer found, removed' 70
check "discover again: one fleet, billing-asg's row" sh -c "sleep 6; screen() { tmux -L '$SOCK' capture-pane -p -t e2e; }; \
  screen | grep -qE 'fleetwatch +1 fleets' && screen | grep -qE '^ *billing-asg +us-east-1' && ! screen | grep -q erato-backend-asg"
t send-keys -t e2e q
check "discover again: q quits (exit 0)" wait_for 'fleetwatch-exit=0' 10

summary "cloudwatch e2e"
