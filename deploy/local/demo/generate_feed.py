#!/usr/bin/env python3
"""Writes the demo telemetry feed of the local stack (deploy/local/demo/telemetry-*.json).

The JSON files are committed; this script only documents how they were made and regenerates them byte for byte
(no randomness, no clock): `python3 deploy/local/demo/generate_feed.py`.

The feed: one morning on two sites, three machines reporting every 5 minutes from 07:00 to 09:00 UTC, plus one
reading per machine at 10:00 (engines off, counters unchanged). That last reading moves the aggregator's stream
time past every 15-minute window end + grace, so all windows close and their cost postings are emitted.

Counters follow the machine's duty cycle: while working, operating hours and fuel grow; while idling (engine on,
no work), operating hours, idle hours and a little fuel grow; while off, nothing grows. Counters are cumulative over
the machine's life, as ISO 15143-3 reports them. The day is a day in the past (readings in the future are
refused as device clock errors).
"""

import json
import math
from datetime import datetime, timedelta, timezone
from pathlib import Path

DAY = datetime(2026, 11, 26, tzinfo=timezone.utc)
FIRST = DAY.replace(hour=7)
LAST = DAY.replace(hour=9)
CLOSING = DAY.replace(hour=10)
STEP = timedelta(minutes=5)
SOURCE = "local-demo"

# Duty cycles as (from, to, state) in UTC hours:minutes; anything not listed is "off".
ASSETS = [
    {
        "assetId": "EX-1001",  # 26 t crawler excavator, digging a foundation pit
        "site": (48.13710, 11.57540),
        "radius": 0.00004,
        "start": {"hours": 1520.0, "idle": 310.5, "fuel": 40210.0},
        "tank_litres": 420.0,
        "tank_percent": 64.0,
        "burn": {"work": 19.0, "idle": 3.5},
        "duty": [("07:00", "07:50", "work"), ("07:50", "08:05", "idle"), ("08:05", "08:45", "work"),
                 ("08:45", "09:00", "idle")],
    },
    {
        "assetId": "WL-2001",  # wheel loader on the same site, loading trucks with the excavated soil
        "site": (48.13690, 11.57610),
        "radius": 0.00060,
        "start": {"hours": 2311.75, "idle": 402.1, "fuel": 31540.2},
        "tank_litres": 250.0,
        "tank_percent": 81.0,
        "burn": {"work": 14.0, "idle": 3.0},
        "duty": [("07:00", "07:30", "work"), ("07:30", "07:40", "idle"), ("08:10", "09:00", "work")],
    },
    {
        "assetId": "EX-1002",  # 8 t compact excavator trenching for utilities on a second site
        "site": (48.15020, 11.56010),
        "radius": 0.00015,
        "start": {"hours": 842.3, "idle": 150.2, "fuel": 9120.5},
        "tank_litres": 110.0,
        "tank_percent": 47.5,
        "burn": {"work": 7.5, "idle": 1.5},
        "duty": [("07:40", "08:30", "work"), ("08:40", "09:00", "work")],
    },
]


def at(hhmm):
    hours, minutes = hhmm.split(":")
    return DAY.replace(hour=int(hours), minute=int(minutes))


def state(asset, moment):
    for start, end, what in asset["duty"]:
        if at(start) <= moment < at(end):
            return what
    return "off"


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def readings_of(asset):
    minutes_on = minutes_idle = 0
    litres = 0.0
    moment = FIRST
    moments = []
    while moment <= LAST:
        moments.append(moment)
        moment += STEP
    moments.append(CLOSING)
    previous = FIRST
    out = []
    for index, moment in enumerate(moments):
        # Usage between the previous reading and this one, 5-minute slice by slice.
        slice_start = previous
        while slice_start < moment:
            what = state(asset, slice_start)
            if what != "off":
                minutes_on += 5
                litres += asset["burn"][what] * 5 / 60
            if what == "idle":
                minutes_idle += 5
            slice_start += STEP
        previous = moment
        running = moment <= LAST and state(asset, moment) != "off"
        # A machine at work moves a little around its spot; deterministic, no random numbers.
        lat, lon = asset["site"]
        angle = index * 1.7
        reach = asset["radius"] * (1.0 if running else 0.0)
        start = asset["start"]
        out.append({
            "readingId": f"{SOURCE}-{asset['assetId']}-{moment.strftime('%Y%m%dT%H%MZ')}",
            "assetId": asset["assetId"],
            "readingTime": iso(moment),
            "cumulativeOperatingHours": round(start["hours"] + minutes_on / 60, 2),
            "cumulativeIdleHours": round(start["idle"] + minutes_idle / 60, 2),
            "cumulativeFuelUsed": {"value": round(start["fuel"] + litres, 1), "unit": "L"},
            "fuelRemainingPercent": round(asset["tank_percent"] - litres / asset["tank_litres"] * 100, 1),
            "engineRunning": running,
            "location": {"latitude": round(lat + reach * math.sin(angle), 6),
                         "longitude": round(lon + reach * math.cos(angle), 6)},
        })
    return out


def main():
    readings = sorted((r for asset in ASSETS for r in readings_of(asset)),
                      key=lambda r: (r["readingTime"], r["assetId"]))
    # Push batches as a telematics gateway would send them: one per half hour, then the closing readings.
    batches = [
        ("telemetry-01.json", "07:00", "07:30"),
        ("telemetry-02.json", "07:30", "08:00"),
        ("telemetry-03.json", "08:00", "08:30"),
        ("telemetry-04.json", "08:30", "09:01"),
        ("telemetry-05.json", "09:01", "10:01"),
    ]
    folder = Path(__file__).resolve().parent
    for name, start, end in batches:
        batch = [r for r in readings if iso(at(start)) <= r["readingTime"] < iso(at(end))]
        text = json.dumps({"source": SOURCE, "readings": batch}, indent=2) + "\n"
        (folder / name).write_text(text, encoding="utf-8")
        print(f"{name}: {len(batch)} readings")


if __name__ == "__main__":
    main()
