#!/usr/bin/python3
"""JSON bodies and answers of Odoo's JSON-RPC API for trestle-local.sh, which POSTs them with curl.

Standard library only (any python3). The API key never appears on a command line: `body` reads it from the
environment variable TRESTLE_ODOO_RPC_KEY.

    odoo_jsonrpc.py body version                                   common.version
    odoo_jsonrpc.py body authenticate DB LOGIN                     common.authenticate(DB, LOGIN, key, {})
    odoo_jsonrpc.py body execute DB UID MODEL METHOD ARGS KWARGS   object.execute_kw (ARGS, KWARGS: JSON)
        prints the request body on stdout.
    odoo_jsonrpc.py result HTTP_STATUS < answer
        prints the "result" as JSON on stdout (exit 0), or the error on stderr: "<data.name>: <message>" (exit 1),
        or why the answer is no JSON-RPC answer (exit 2).
    odoo_jsonrpc.py get KEY < json
        prints one value of a JSON object (strings bare, other values as JSON); "first" of a list prints its first
        element, "length" its length; empty output when absent.
    odoo_jsonrpc.py required < fields_get result
        prints the required fields, one "name type relation" line each (relation "-" when none).
    odoo_jsonrpc.py postings FILE
        reads the cost postings read_avro_topic.py decoded (JSON lines) and prints three lines: how many analytic
        lines the sink makes of them (one per posting; a correction replaces the line of the posting it corrects),
        a JSON domain that matches those lines (the sink puts the posting id into "ref"), and the totals those lines
        should have ("<amount> <hours>", the amount negative: a cost).
    odoo_jsonrpc.py lines [MAX] < search_read result
        prints the count and totals of the analytic lines, and the first MAX (default 6) of them.
"""

import decimal
import json
import os
import sys


def fail(message, code=1):
    print(message, file=sys.stderr)
    sys.exit(code)


def body(args):
    if not args:
        fail("body: version | authenticate DB LOGIN | execute DB UID MODEL METHOD ARGS KWARGS", 2)
    kind = args[0]
    key = os.environ.get("TRESTLE_ODOO_RPC_KEY", "")
    if kind == "version" and len(args) == 1:
        params = {"service": "common", "method": "version", "args": []}
    elif kind == "authenticate" and len(args) == 3:
        params = {"service": "common", "method": "authenticate", "args": [args[1], args[2], key, {}]}
    elif kind == "execute" and len(args) == 7:
        db, uid, model, method = args[1], int(args[2]), args[3], args[4]
        params = {"service": "object", "method": "execute_kw",
                  "args": [db, uid, key, model, method, json.loads(args[5]), json.loads(args[6])]}
    else:
        fail("body: bad arguments: " + " ".join(args[:1]), 2)
    print(json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}))


def result(args):
    status = args[0] if args else "?"
    text = sys.stdin.read()
    try:
        answer = json.loads(text)
    except ValueError:
        snippet = " ".join(text.split())[:160]
        fail(f"HTTP {status}, not a JSON-RPC answer: {snippet or '(empty body)'}", 2)
    if not isinstance(answer, dict):
        fail(f"HTTP {status}, not a JSON-RPC answer", 2)
    if "error" in answer:
        error = answer["error"] or {}
        data = error.get("data") or {}
        name = data.get("name") or error.get("message") or "error"
        message = data.get("message") or error.get("message") or ""
        fail(f"{name}: {message}".strip().rstrip(":"), 1)
    if "result" not in answer:
        fail(f"HTTP {status}, an answer without result or error", 2)
    print(json.dumps(answer["result"]))


def get(args):
    value = json.loads(sys.stdin.read() or "null")
    key = args[0] if args else ""
    if key == "first":
        value = value[0] if isinstance(value, list) and value else None
    elif key == "length":
        value = len(value) if isinstance(value, (list, dict)) else None
    elif isinstance(value, dict):
        value = value.get(key)
    else:
        value = None
    if value is None:
        return
    print(value if isinstance(value, str) else json.dumps(value))


def required(args):
    fields = json.loads(sys.stdin.read() or "{}")
    for name, attributes in sorted(fields.items()):
        if attributes.get("required"):
            print(name, attributes.get("type") or "-", attributes.get("relation") or "-")


def postings(args):
    latest = {}
    refs = set()
    with open(args[0], encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            value = json.loads(line)["value"]
            identity = value.get("correctionOf") or value["postingId"]
            if identity not in latest or (value.get("revision") or 0) >= (latest[identity].get("revision") or 0):
                latest[identity] = value
            refs.add(value["postingId"])
    amount = -sum((decimal.Decimal(v["amount"]) for v in latest.values()), decimal.Decimal(0))
    hours = sum(float(v["operatingHours"]) for v in latest.values())
    print(len(latest))
    print(json.dumps([["ref", "in", sorted(refs)]]))
    print(f"{amount.quantize(decimal.Decimal('0.01'))} {hours:.2f}")


def lines(args):
    limit = int(args[0]) if args else 6
    rows = json.loads(sys.stdin.read() or "[]")
    amount = sum((decimal.Decimal(str(row.get("amount") or 0)) for row in rows), decimal.Decimal(0))
    hours = sum(float(row.get("unit_amount") or 0) for row in rows)
    accounts = sorted({account_name(row.get("account_id")) for row in rows})
    print(f"      {len(rows)} line(s), amount {amount.quantize(decimal.Decimal('0.01'))} in all, {hours:.2f} h; "
          f"account(s): {', '.join(accounts) or '-'}")
    if rows:
        print(f"      first {min(limit, len(rows))} (id, date, amount, unit_amount, account, name):")
    for row in rows[:limit]:
        print(f"        #{row.get('id')} {row.get('date')} {str(row.get('amount')):>9} {row.get('unit_amount')!s:>5} h  "
              f"{account_name(row.get('account_id'))}  {row.get('name')}")


def account_name(value):
    # A many2one reads as [id, "display name"], or false when empty.
    if isinstance(value, list) and len(value) == 2:
        return f"{value[1]} (id {value[0]})"
    return "none"


def main():
    if len(sys.argv) < 2:
        fail(__doc__, 2)
    command, args = sys.argv[1], sys.argv[2:]
    commands = {"body": body, "result": result, "get": get, "required": required, "postings": postings, "lines": lines}
    if command not in commands:
        fail(f"unknown command {command!r}", 2)
    commands[command](args)


if __name__ == "__main__":
    main()
