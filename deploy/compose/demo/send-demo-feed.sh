#!/bin/sh
# demo-feed (docker-compose.yml): sends the demo telemetry (deploy/local/demo/telemetry-*.json, mounted at
# /opt/trestle/feed, or $TRESTLE_DEMO_FEED_DIR) to the equipment connector, then follows it to its end: it asks Odoo,
# as the integration user, for the analytic lines the sink wrote on the unallocated account, until there are some and
# their number has stopped growing, and prints them. Exits 1, saying where it stopped, when a post is refused or no
# line arrives in time.
set -eu

: "${TRESTLE_EQUIPMENT_URL:?}" "${TRESTLE_DEMO_API_KEY:?}" "${ODOO_URL:?}" "${ODOO_DATABASE:?}"
: "${TRESTLE_ODOO_LOGIN:?}" "${TRESTLE_ODOO_PASSWORD:?}" "${TRESTLE_UNALLOCATED_ACCOUNT_ID:?}"
timeout=${TRESTLE_DEMO_TIMEOUT:-300}
feed=${TRESTLE_DEMO_FEED_DIR:-/opt/trestle/feed}
interval=${TRESTLE_DEMO_POLL_SECONDS:-5}

for file in "$feed"/telemetry-*.json; do
    status=$(curl -sS -o /tmp/answer.json -w '%{http_code}' -X POST "$TRESTLE_EQUIPMENT_URL/api/v1/telemetry" \
        -H "X-Api-Key: $TRESTLE_DEMO_API_KEY" -H 'Content-Type: application/json' --data-binary "@$file")
    if [ "$status" != 202 ]; then
        echo "demo-feed: the equipment connector answered $status to $(basename "$file"):" >&2
        cat /tmp/answer.json >&2
        exit 1
    fi
    echo "demo-feed: $(basename "$file") accepted: $(cut -c1-80 /tmp/answer.json)…"
done

# One JSON-RPC call to Odoo; prints the "result" member of the answer, fails on an "error" member.
odoo() {
    curl -sS -H 'Content-Type: application/json' "$ODOO_URL/jsonrpc" \
        -d "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":1,\"params\":$1}" >/tmp/odoo.json
    if grep -q '"error"' /tmp/odoo.json; then
        echo "demo-feed: Odoo refused a call: $(cut -c1-400 /tmp/odoo.json)" >&2
        return 1
    fi
    sed -n 's/.*"result": *\(.*\)}$/\1/p' /tmp/odoo.json
}

uid=$(odoo "{\"service\":\"common\",\"method\":\"authenticate\",\"args\":[\"$ODOO_DATABASE\",\"$TRESTLE_ODOO_LOGIN\",\"$TRESTLE_ODOO_PASSWORD\",{}]}")
case "$uid" in
'' | false)
    echo "demo-feed: Odoo did not accept the login $TRESTLE_ODOO_LOGIN on database $ODOO_DATABASE" >&2
    exit 1
    ;;
esac

execute() { # execute <model> <method> <args JSON> <kwargs JSON>
    odoo "{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"$ODOO_DATABASE\",$uid,\"$TRESTLE_ODOO_PASSWORD\",\"$1\",\"$2\",$3,$4]}"
}

domain="[[\"account_id\",\"=\",$TRESTLE_UNALLOCATED_ACCOUNT_ID]]"
deadline=$(($(date +%s) + timeout))
previous=-1
echo "demo-feed: waiting up to ${timeout}s for the cost lines in Odoo (analytic account $TRESTLE_UNALLOCATED_ACCOUNT_ID)"
while :; do
    count=$(execute account.analytic.line search_count "[$domain]" '{}')
    case "$count" in
    '' | *[!0-9]*)
        echo "demo-feed: Odoo answered '$count' when asked how many lines there are" >&2
        exit 1
        ;;
    esac
    # Windows close one after another; the feed has ended in Odoo once the count holds still between two looks.
    if [ "$count" -gt 0 ] && [ "$count" -eq "$previous" ]; then
        break
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
        if [ "$count" -eq 0 ]; then
            echo "demo-feed: no analytic line on account $TRESTLE_UNALLOCATED_ACCOUNT_ID after ${timeout}s; see" \
                "docker compose logs telemetry-aggregator odoo-sink" >&2
            exit 1
        fi
        echo "demo-feed: after ${timeout}s the number of lines still grows"
        break
    fi
    previous=$count
    sleep "$interval"
done

echo "demo-feed: $count analytic lines in Odoo, written by the odoo-sink from the cost postings; the first ones:"
lines=$(execute account.analytic.line search_read "[$domain]" \
    '{"fields":["date","name","amount","unit_amount","ref"],"limit":5,"order":"date, id"}')
printf '%s\n' "$lines" | sed 's/^\[//; s/\]$//; s/}, *{/}\n{/g'
echo "demo-feed: in Odoo (http://localhost:8069, user admin) they are the items of the analytic account" \
    "'Trestle: unallocated equipment usage'"
