#!/usr/bin/env python3
"""Stands for pryvio_config_leader's GET /conf (pryv/service-config-leader), the one call a follower makes: with
the machine key in the Authorization header it answers {"files": [{"path", "content"}]}, every file under
/app/data/ROLE/ (the host's ${PRYV_CONF_ROOT}/config-leader/data/ROLE/ on reg-master) with its path relative to
that folder. Unlike the real leader it substitutes no platform variables: the files are served as they are.
Settings from the environment: LEADER_ROLE (default core), LEADER_KEY (required), LEADER_LISTEN (default
0.0.0.0:7000), LEADER_DATA (default /app/data).
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROLE = os.environ.get("LEADER_ROLE", "core")
KEY = os.environ.get("LEADER_KEY")
DATA = os.environ.get("LEADER_DATA", "/app/data")
HOST, _, PORT = os.environ.get("LEADER_LISTEN", "0.0.0.0:7000").rpartition(":")


def files():
    root = os.path.join(DATA, ROLE)
    found = []
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            full = os.path.join(folder, name)
            with open(full, encoding="utf-8") as f:
                found.append({"path": "/" + os.path.relpath(full, root), "content": f.read()})
    return found


class Conf(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.split("?")[0] != "/conf":
            self.answer(404, {"error": {"id": "unknown-resource", "message": self.path}})
        elif self.headers.get("Authorization") != KEY:
            self.answer(401, {"error": {"id": "unauthorized", "message": "Unauthorized."}})
        else:
            self.answer(200, {"files": files()})

    def answer(self, status, body):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    if not KEY:
        print("config-leader: error: LEADER_KEY is not set", file=sys.stderr)
        sys.exit(2)
    print("config-leader: serving %s on %s:%s" % (os.path.join(DATA, ROLE), HOST, PORT), flush=True)
    ThreadingHTTPServer((HOST, int(PORT)), Conf).serve_forever()
