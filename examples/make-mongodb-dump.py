#!/usr/bin/env python3
"""Writes the bundled example MongoDB dump (examples/mongodb-dump/pryv-node/*.bson and *.metadata.json) in the
format mongodump produces: one BSON document after another per collection. Deterministic (fixed seed), so the
committed files can be re-made and compared. No MongoDB server is installable on the build machines: this dump
stands in for `mongodump -d pryv-node` in the rehearsal, and docker-ops checks it like a real one."""
import json
import os
import random
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mongodb-dump", "pryv-node")


def cstring(text):
    return text.encode("utf-8") + b"\x00"


def element(name, value):
    if isinstance(value, bool):
        return b"\x08" + cstring(name) + (b"\x01" if value else b"\x00")
    if isinstance(value, int):
        return b"\x12" + cstring(name) + struct.pack("<q", value)
    if isinstance(value, float):
        return b"\x01" + cstring(name) + struct.pack("<d", value)
    if isinstance(value, str):
        data = value.encode("utf-8") + b"\x00"
        return b"\x02" + cstring(name) + struct.pack("<i", len(data)) + data
    if value is None:
        return b"\x0a" + cstring(name)
    if isinstance(value, dict):
        return b"\x03" + cstring(name) + document(value)
    if isinstance(value, list):
        return b"\x04" + cstring(name) + document({str(i): v for i, v in enumerate(value)})
    raise TypeError(type(value))


def document(fields):
    body = b"".join(element(k, v) for k, v in fields.items()) + b"\x00"
    return struct.pack("<i", len(body) + 4) + body


def write_collection(name, docs):
    with open(os.path.join(OUT, name + ".bson"), "wb") as f:
        for doc in docs:
            f.write(document(doc))
    metadata = {"indexes": [{"v": 2, "key": {"_id": 1}, "name": "_id_"}], "uuid": "%032x" % random.getrandbits(128),
                "collectionName": name, "type": "collection"}
    with open(os.path.join(OUT, name + ".metadata.json"), "w") as f:
        json.dump(metadata, f, separators=(",", ":"))


def main():
    random.seed(20261123)
    os.makedirs(OUT, exist_ok=True)
    users = ["alice%02d" % i for i in range(1, 6)]
    user_ids = {u: "c%024x" % random.getrandbits(96) for u in users}
    write_collection("users", [{"_id": user_ids[u], "username": u, "email": u + "@example.com",
                                "language": "en", "storageUsed": {"dbDocuments": 0, "attachedFiles": 0}}
                               for u in users])
    streams, events, accesses = [], [], []
    for u in users:
        uid = user_ids[u]
        for s in ["diary", "health", "health-weight", "position"]:
            streams.append({"_id": "%s-%s" % (uid[:8], s), "userId": uid, "streamId": s, "name": s.title(),
                            "parentId": "health" if s == "health-weight" else None,
                            "created": 1700000000.0, "modified": 1700000000.0})
        for i in range(200):
            kind = random.choice(["note/txt", "mass/kg", "position/wgs84"])
            content = {"note/txt": "entry %d of %s" % (i, u), "mass/kg": round(random.uniform(50, 90), 1),
                       "position/wgs84": {"latitude": round(random.uniform(46, 47), 5),
                                          "longitude": round(random.uniform(6, 7), 5)}}[kind]
            events.append({"_id": "c%024x" % random.getrandbits(96), "userId": uid,
                           "streamIds": [random.choice(["diary", "health-weight", "position"])],
                           "type": kind, "content": content, "time": 1700000000.0 + i * 3600,
                           "trashed": i % 50 == 0, "created": 1700000000.0, "modified": 1700000000.0,
                           "createdBy": "rehearsal", "modifiedBy": "rehearsal"})
        accesses.append({"_id": "c%024x" % random.getrandbits(96), "userId": uid, "type": "personal",
                         "name": "pryv-app", "token": "c%024x" % random.getrandbits(96), "permissions": []})
    write_collection("streams", streams)
    write_collection("events", events)
    write_collection("accesses", accesses)
    write_collection("versions", [{"_id": "1.9.0", "migrationCompleted": 1700000000.0}])


if __name__ == "__main__":
    main()
