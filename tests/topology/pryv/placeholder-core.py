"""Stands for pryvio_core until the Pryv API stand-in image exists: answers every request on the ports Pryv's
site-443.conf proxies to (core 3000-3005, mfa 7000, preview 9000) with one line naming the host, the path and
the Host header it received, so a request can be followed through the proxies."""
import http.server
import socket
import socketserver
import threading

HOST = socket.gethostname()


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self):
        body = f"core@{HOST} {self.path} host={self.headers.get('Host')}\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = answer

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


servers = [Server(("127.0.0.1", port), Handler) for port in (*range(3000, 3006), 7000, 9000)]
for server in servers[1:]:
    threading.Thread(target=server.serve_forever, daemon=True).start()
servers[0].serve_forever()
