#!/usr/bin/python3
"""Summarises cost postings printed by read_avro_topic.py (JSON lines on stdin): totals per asset, first windows.

    /usr/bin/python3 deploy/local/read_avro_topic.py --topic trestle.cost.posting.v1 | deploy/local/demo/summarize_postings.py
"""

import collections
import decimal
import json
import sys


def main():
    records = [json.loads(line) for line in sys.stdin if line.strip()]
    totals = collections.OrderedDict()
    for record in sorted(records, key=lambda r: r["value"]["assetId"]):
        v = record["value"]
        total = totals.setdefault((v["assetId"], v["currency"]), [0, 0.0, decimal.Decimal(0)])
        total[0] += 1
        total[1] += v["operatingHours"]
        total[2] += decimal.Decimal(v["amount"])
    print("      per asset:")
    for (asset, currency), (count, hours, amount) in totals.items():
        print(f"        {asset:<8} {count:>3} posting(s) {hours:6.2f} h {amount:>9} {currency}")
    print("      first windows:")
    for record in sorted(records, key=lambda r: (r["value"]["windowStart"], r["value"]["assetId"]))[:6]:
        v = record["value"]
        window = f"{v['windowStart'][:10]} {v['windowStart'][11:16]}-{v['windowEnd'][11:16]}"
        price = f"{v['operatingHours']:5.2f} h x {v['hourlyRate']} = {v['amount']:>7} {v['currency']}"
        where = f"{record['topic']}/{record['partition']}@{record['offset']}, schema id {record['schemaId']}"
        print(f"        {v['assetId']:<8} {window}  {price}  cost code {v['costCodeId']}  ({where})")


if __name__ == "__main__":
    main()
