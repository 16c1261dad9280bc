#!/usr/bin/env python3
"""Stands for pryvio_config_follower (pryv/service-config-follower): at start, and on every POST /notify, it asks
the config leader for this machine's files (GET LEADER_URL/conf, header Authorization: the machine key) and writes
each one under paths.dataFolder (/app/pryv/, the host's ${PRYV_CONF_ROOT}/pryv/), in place, as the real follower
does (fs.writeFileSync): only files at the folder's top level and under */conf/ and */templates/. Its settings are
the real follower's file, /app/conf/config-follower.json (the host's ${PRYV_CONF_ROOT}/config-follower/conf/):
leader.url, leader.auth, paths.dataFolder, http.ip and http.port. If the leader cannot be reached at start, it
exits 1, like the real one (docker's restart policy then starts it again).
"""
import json
import os
import re
import sys
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SETTINGS = os.environ.get("CONFIG_FOLLOWER_SETTINGS", "/app/conf/config-follower.json")


def log(message):
    print("config-follower: " + message, flush=True)


def load_settings():
    with open(SETTINGS, encoding="utf-8") as f:
        settings = json.load(f)
    return {
        "url": settings["leader"]["url"],
        "auth": settings["leader"]["auth"],
        "data": settings.get("paths", {}).get("dataFolder", "/app/pryv/"),
        "ip": settings.get("http", {}).get("ip", "0.0.0.0"),
        "port": int(settings.get("http", {}).get("port", 6000)),
    }


def fetch(settings):
    url = settings["url"].rstrip("/") + "/conf"
    request = urllib.request.Request(url, headers={"Authorization": settings["auth"]})
    with urllib.request.urlopen(request, timeout=30) as answer:
        files = json.load(answer)["files"]
    if not isinstance(files, list):
        raise ValueError("File list is not an array: %r" % (files,))
    for f in files:
        log("Retrieved file: " + f["path"])
    return files


def write(files, data_folder):
    root = re.escape(data_folder if data_folder.endswith("/") else data_folder + "/")
    allowed = [re.compile(".*" + root + r"[^/\\]+$"), re.compile(".*" + root + r"[^/\\]+/conf/.*"),
               re.compile(".*" + root + r"[^/\\]+/templates/.*")]
    written = []
    for f in files:
        full = os.path.normpath(os.path.join(data_folder, f["path"].lstrip("/")))
        if not any(p.match(full) for p in allowed):
            continue
        os.makedirs(os.path.dirname(full), exist_ok=True)
        log("Writing file: " + full)
        with open(full, "w", encoding="utf-8") as out:  # in place, as fs.writeFileSync: same inode
            out.write(f["content"])
        written.append(full)
    return written


def update(settings):
    return write(fetch(settings), settings["data"])


class Notify(BaseHTTPRequestHandler):
    settings = None

    def do_POST(self):
        path, _, query = self.path.partition("?")
        auth = self.headers.get("Authorization") or urllib.parse.parse_qs(query).get("auth", [None])[0]
        if auth is None:
            self.answer(401, {"error": {"id": "unauthorized",
                                        "message": "Missing 'Authorization' header or 'auth' query parameter."}})
        elif auth != self.settings["auth"]:
            self.answer(401, {"error": {"id": "unauthorized", "message": "Invalid authorization key."}})
        elif path != "/notify":
            self.answer(404, {"error": {"id": "unknown-resource", "message": path}})
        else:
            try:
                self.answer(200, {"files": update(self.settings)})
            except Exception as e:  # the leader did not answer: say so, keep serving
                self.answer(500, {"error": {"id": "unexpected-error", "message": str(e)}})

    def answer(self, status, body):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def main():
    settings = load_settings()
    try:
        written = update(settings)
    except Exception as e:
        log("error: cannot get the configuration from %s: %s" % (settings["url"], e))
        return 1
    log("%d file(s) written" % len(written))
    Notify.settings = settings
    server = ThreadingHTTPServer((settings["ip"], settings["port"]), Notify)
    log("Server running on: %s:%d" % (settings["ip"], settings["port"]))
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
