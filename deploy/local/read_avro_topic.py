#!/usr/bin/python3
"""Read a Trestle topic from the beginning and print its Avro records as JSON lines, without any Java.

Proves that what Trestle writes (Apicurio serde framing: magic byte 0x00, 4-byte big-endian content id,
Avro binary body) is readable by a non-Java client: librdkafka (python3-confluent-kafka) consumes the topic,
the writer schema comes from the registry's Confluent-compatible API (GET <registry>/schemas/ids/{id}, via
confluent_kafka's SchemaRegistryClient when python3-requests is installed, plain HTTP otherwise), and the
body is decoded with the Apache Avro Python library (python3-avro).

Run it with Debian's interpreter (/usr/bin/python3), which sees the Debian packages:

    apt-get install -y python3-confluent-kafka python3-avro python3-requests

    /usr/bin/python3 deploy/local/read_avro_topic.py --topic trestle.cost.posting.v1 \
        [--bootstrap 127.0.0.1:9092] [--registry http://127.0.0.1:8081/apis/ccompat/v7] \
        [--max-records N] [--timeout-seconds S] [--idle-seconds I]

What it reads:
    All partitions of the topic from the earliest offset (partitions are assigned, no consumer group is joined
    and no offsets are committed, so it can run any number of times).
    - With --max-records N: until N records are decoded or the timeout passes.
    - Without: until it has reached the end of every partition with at least one record decoded and no new
      record came for --idle-seconds (default 0), or the timeout passes (an empty or not yet created topic is
      waited for until the timeout). --idle-seconds lets a producer that is still writing finish first.

OUTPUT FORMAT (stable; the end-to-end tests parse it):
    stdout carries exactly one JSON object per decoded record, one per line, UTF-8, compact separators,
    in consumption order (per partition in offset order), with these keys in this order:
        {"topic": str, "partition": int, "offset": int, "timestamp": str|null,
         "key": <see below>, "schemaId": int, "value": {...}}
    - timestamp: the Kafka record timestamp as ISO-8601 UTC with milliseconds, e.g. "2026-11-27T08:15:00.000Z".
    - key: null when absent; an Avro-framed key (0x00 + id + body whose schema resolves) is decoded like the
      value; otherwise the UTF-8 string; otherwise {"base64": "..."}.
    - schemaId: the id from the frame (the registry's content id = the ccompat schema id); null for a tombstone.
    - value: null for a tombstone (null Kafka value); else the Avro record as JSON, fields in schema order. Unions are unwrapped (null or the branch's value).
      decimal -> string with the schema's scale ("123.40"); timestamp-millis/-micros -> ISO-8601 UTC string
      with milliseconds/microseconds ending in "Z"; date -> "YYYY-MM-DD"; time-* -> "HH:MM:SS.fff";
      uuid -> string; bytes/fixed (non-decimal) -> {"base64": "..."}; enums -> symbol string; maps -> objects;
      float/double -> JSON numbers (NaN/Infinity are written as NaN/Infinity, as Python's json does).
    stderr carries diagnostics only (one summary line at the end: "decoded N record(s) from <topic>").

EXIT CODES:
    0  at least one record decoded (or N reached with --max-records)
    1  a record could not be decoded (bad magic byte, unknown schema id, corrupt body), a registry or Kafka
       error, or bad arguments; a one-line explanation goes to stderr and nothing after that record is read
    2  the timeout passed with no record decoded
    3  a required Python package is missing (the apt-get command to install it is printed)
"""

import argparse
import base64
import datetime
import decimal
import io
import json
import struct
import sys
import time
import traceback
import urllib.error
import urllib.request
import uuid

APT_HINT = "apt-get install -y python3-confluent-kafka python3-avro python3-requests"

try:
    import avro.constants
    import avro.errors
    import avro.io
    import avro.name
    import avro.schema
    from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, TopicPartition
except ImportError as missing:  # pragma: no cover - depends on the machine
    print(
        f"read_avro_topic: missing Python package ({missing}). Install Debian's packages and run with "
        f"/usr/bin/python3:\n    {APT_HINT}",
        file=sys.stderr,
    )
    sys.exit(3)

try:  # Needs python3-requests; the plain-HTTP fallback below does the same GETs.
    from confluent_kafka.schema_registry import SchemaRegistryClient
except ImportError:
    SchemaRegistryClient = None

MAGIC_BYTE = 0


class DecodeError(Exception):
    """A record Trestle should be able to read could not be decoded."""


def references_of(references):
    """[(subject, version)] of a schema's references: SchemaReference objects, or plain dicts (confluent_kafka 1.7.0
    leaves them as dicts in get_version, and the plain-HTTP path always has dicts)."""
    out = []
    for ref in references or []:
        if isinstance(ref, dict):
            out.append((ref["subject"], ref["version"]))
        else:
            out.append((ref.subject, ref.version))
    return out


class SchemaResolver:
    """Writer schemas by id from a Confluent-compatible registry API, parsed once per id."""

    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")
        self.client = SchemaRegistryClient({"url": self.base_url}) if SchemaRegistryClient else None
        self.parsed = {}

    def _get_json(self, path):
        url = f"{self.base_url}/{path}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            raise DecodeError(f"registry answered {e.code} for GET {url}: {body}") from None
        except (urllib.error.URLError, OSError) as e:
            raise DecodeError(f"registry not reachable at {url}: {e}") from None

    def _schema_by_id(self, schema_id):
        """(schema text, [(subject, version)] references)"""
        if self.client is not None:
            try:
                schema = self.client.get_schema(schema_id)
            except Exception as e:  # SchemaRegistryError or a requests error
                raise DecodeError(f"registry lookup of schema id {schema_id} at {self.base_url} failed: {e}") from None
            return schema.schema_str, references_of(schema.references)
        body = self._get_json(f"schemas/ids/{schema_id}")
        return body["schema"], references_of(body.get("references"))

    def _schema_by_subject_version(self, subject, version):
        if self.client is not None:
            try:
                registered = self.client.get_version(subject, version)
            except Exception as e:
                raise DecodeError(f"registry lookup of {subject} version {version} failed: {e}") from None
            return registered.schema.schema_str, references_of(registered.schema.references)
        quoted = urllib.request.quote(subject, safe="")
        body = self._get_json(f"subjects/{quoted}/versions/{version}")
        return body["schema"], references_of(body.get("references"))

    def _parse_references(self, references, names, seen):
        for subject, version in references:
            if (subject, version) in seen:
                continue
            seen.add((subject, version))
            text, nested = self._schema_by_subject_version(subject, version)
            self._parse_references(nested, names, seen)
            avro.schema.make_avsc_object(json.loads(text), names)

    def get(self, schema_id):
        if schema_id not in self.parsed:
            text, references = self._schema_by_id(schema_id)
            names = avro.name.Names()
            try:
                self._parse_references(references, names, set())
                self.parsed[schema_id] = avro.schema.make_avsc_object(json.loads(text), names)
            except (avro.errors.AvroException, ValueError) as e:
                raise DecodeError(f"schema id {schema_id} is not a valid Avro schema: {e}") from None
        return self.parsed[schema_id]


def iso_utc(value, digits=3):
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value.isoformat(timespec="milliseconds" if digits == 3 else "microseconds") + "Z"


def leaf_to_json(writers_schema, datum):
    """A decoded Avro leaf as a JSON value. Called for every datum the reader produces, innermost first, so it
    must leave already converted values alone (records, arrays, maps and unions hold converted leaves)."""
    logical = getattr(writers_schema, "logical_type", None)
    if isinstance(datum, decimal.Decimal):
        return format(datum, "f")
    if isinstance(datum, datetime.datetime):
        return iso_utc(datum, 6 if logical == avro.constants.TIMESTAMP_MICROS else 3)
    if isinstance(datum, datetime.date):
        return datum.isoformat()
    if isinstance(datum, datetime.time):
        return datum.isoformat(timespec="microseconds" if logical == avro.constants.TIME_MICROS else "milliseconds")
    if isinstance(datum, (bytes, bytearray)):
        return {"base64": base64.b64encode(bytes(datum)).decode("ascii")}
    return datum


class JsonDatumReader(avro.io.DatumReader):
    """Avro's generic reader, producing JSON-ready values (decimals as strings, timestamps as ISO-8601)."""

    def read_data(self, writers_schema, readers_schema, decoder):
        return leaf_to_json(writers_schema, super().read_data(writers_schema, readers_schema, decoder))


def decode_framed(payload, resolver, what):
    """(schema id, JSON value) of an Apicurio/Confluent framed Avro payload."""
    if len(payload) < 5:
        raise DecodeError(f"{what}: {len(payload)} byte(s), too short for the 5-byte Avro frame header")
    if payload[0] != MAGIC_BYTE:
        raise DecodeError(f"{what}: magic byte is 0x{payload[0]:02x}, expected 0x00 (not an Avro-framed record)")
    schema_id = struct.unpack(">I", payload[1:5])[0]
    try:
        schema = resolver.get(schema_id)
    except DecodeError as e:
        raise DecodeError(f"{what}: {e}") from None
    body = io.BytesIO(payload[5:])
    try:
        value = JsonDatumReader(schema).read(avro.io.BinaryDecoder(body))
    except Exception as e:
        raise DecodeError(f"{what}: Avro body does not match schema id {schema_id}: {type(e).__name__}: {e}") from None
    trailing = len(payload) - 5 - body.tell()
    if trailing:
        raise DecodeError(f"{what}: {trailing} byte(s) left after decoding with schema id {schema_id}")
    return schema_id, value


def decode_key(key, resolver, what):
    if key is None:
        return None
    if len(key) >= 5 and key[0] == MAGIC_BYTE:
        try:
            return decode_framed(key, resolver, what)[1]
        except DecodeError:
            pass
    try:
        return key.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(key).decode("ascii")}


def record_timestamp(message):
    kind, millis = message.timestamp()
    if millis is None or millis < 0:
        return None
    return iso_utc(datetime.datetime.fromtimestamp(millis / 1000, tz=datetime.timezone.utc))


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Print the Avro records of a Trestle topic as JSON lines (see the top of this file).")
    parser.add_argument("--bootstrap", default="127.0.0.1:9092", help="Kafka bootstrap servers (default %(default)s)")
    parser.add_argument("--registry", default="http://127.0.0.1:8081/apis/ccompat/v7",
                        help="Confluent-compatible registry base URL (default %(default)s)")
    parser.add_argument("--topic", required=True, help="topic to read from the beginning")
    parser.add_argument("--max-records", type=int, default=None, metavar="N", help="stop after N decoded records")
    parser.add_argument("--timeout-seconds", type=float, default=30.0, metavar="S",
                        help="give up after S seconds in total (default %(default)s)")
    parser.add_argument("--idle-seconds", type=float, default=0.0, metavar="I",
                        help="without --max-records: at the end of the topic, wait until no record came for I "
                             "seconds before stopping (default %(default)s)")
    args = parser.parse_args(argv)
    if args.max_records is not None and args.max_records < 1:
        parser.error("--max-records must be at least 1")
    return args


def main(argv):
    args = parse_args(argv)
    resolver = SchemaResolver(args.registry)
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": f"trestle-read-avro-topic-{uuid.uuid4()}",  # never joined: partitions are assigned
        "enable.auto.commit": False,
        "enable.partition.eof": True,
        "auto.offset.reset": "earliest",
        "allow.auto.create.topics": False,
        "log_level": 3,
    })
    deadline = time.monotonic() + args.timeout_seconds
    decoded = 0
    partitions = None
    at_end = set()
    last_record = time.monotonic()

    def caught_up():
        return (args.max_records is None and decoded > 0 and at_end.issuperset(partitions)
                and time.monotonic() - last_record >= args.idle_seconds)

    try:
        while time.monotonic() < deadline:
            remaining = deadline - time.monotonic()
            if partitions is None:
                try:
                    metadata = consumer.list_topics(args.topic, timeout=max(0.1, min(remaining, 5.0)))
                except Exception as e:  # KafkaException: broker not reachable yet
                    print(f"read_avro_topic: waiting for Kafka at {args.bootstrap}: {e}", file=sys.stderr)
                    time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
                    continue
                topic = metadata.topics.get(args.topic)
                if topic is None or topic.error is not None or not topic.partitions:
                    time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
                    continue
                partitions = sorted(topic.partitions)
                consumer.assign([TopicPartition(args.topic, p, OFFSET_BEGINNING) for p in partitions])
                continue
            message = consumer.poll(max(0.05, min(remaining, 0.5)))
            if message is None:
                if caught_up():
                    break
                continue
            if message.error() is not None:
                if message.error().code() == KafkaError._PARTITION_EOF:
                    at_end.add(message.partition())
                    if caught_up():
                        break
                    continue
                if message.error().fatal() or not message.error().retriable():
                    if message.error().code() in (KafkaError._TRANSPORT, KafkaError._ALL_BROKERS_DOWN):
                        continue
                    raise DecodeError(f"Kafka error on {args.topic}: {message.error()}")
                continue
            at_end.discard(message.partition())
            where = f"{args.topic}/{message.partition()}@{message.offset()}"
            if message.value() is None:  # tombstone on a compacted topic
                schema_id, value = None, None
            else:
                schema_id, value = decode_framed(message.value(), resolver, where)
            record = {
                "topic": message.topic(),
                "partition": message.partition(),
                "offset": message.offset(),
                "timestamp": record_timestamp(message),
                "key": decode_key(message.key(), resolver, where + " key"),
                "schemaId": schema_id,
                "value": value,
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            sys.stdout.flush()
            decoded += 1
            last_record = time.monotonic()
            if args.max_records is not None and decoded >= args.max_records:
                break
    except DecodeError as e:
        print(f"read_avro_topic: cannot decode: {e}", file=sys.stderr)
        return 1
    except Exception as e:  # a bug or an environment problem: say what, with the trace, and fail like a decode error
        traceback.print_exc()
        print(f"read_avro_topic: unexpected error after {decoded} record(s): {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    finally:
        consumer.close()
    print(f"read_avro_topic: decoded {decoded} record(s) from {args.topic}", file=sys.stderr)
    if decoded == 0:
        print(f"read_avro_topic: no record on {args.topic} within {args.timeout_seconds:g} s "
              f"(bootstrap {args.bootstrap})", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
