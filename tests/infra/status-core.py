"""A core that answers only what `verify health` probes first (GET / and /service/info), on 127.0.0.1 at a free
port, which it prints first. With CERT and KEY it speaks HTTPS. Used by scripts/test-release.sh and
bench/release/cds.sh.  Usage: python3 status-core.py [CERT KEY]"""
import http.server, json, ssl, sys


class Core(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        bodies = {"/": {"meta": {"apiVersion": "1.9.0"}}, "/service/info": {"name": "test", "version": "1.9.0", "api": "x"}}
        body = bodies.get(self.path.split("?")[0])
        self.send_response(200 if body else 404)
        data = json.dumps(body or {"error": {"id": "unknown-resource"}}).encode()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Core)
if len(sys.argv) == 3:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[1], sys.argv[2])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
