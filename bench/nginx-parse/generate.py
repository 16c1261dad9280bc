#!/usr/bin/env python3
"""Writes a realistic nginx.conf of about N lines (default 50,000): an http block with upstreams, maps,
and many server blocks with locations, proxy settings, ifs, quoted strings, comments and blank lines,
the mix found in real site configs such as Pryv's site-443.conf."""
import random
import sys

def generate(target_lines, seed=7):
    rnd = random.Random(seed)
    out = []
    add = out.append
    add("# generated for the nginx-conf-parser benchmark")
    add("user www-data;")
    add("worker_processes auto;")
    add("pid /run/nginx.pid;")
    add("")
    add("events {")
    add("    worker_connections 768;")
    add("}")
    add("")
    add("http {")
    add("    include mime.types;")
    add("    default_type application/octet-stream;")
    add("    log_format main '$remote_addr - $remote_user [$time_local] \"$request\" '")
    add("                    '$status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"';")
    add("    sendfile on;")
    add("    keepalive_timeout 65;")
    add("")
    site = 0
    while len(out) < target_lines - 40:
        site += 1
        name = "app%d" % site
        add("    # ---- site %d: %s.example.com ----" % (site, name))
        add("    upstream %s_core {" % name)
        for i in range(rnd.randint(1, 4)):
            add("        server 10.%d.%d.%d:%d max_fails=3 fail_timeout=30s;" % (
                site % 250, i, rnd.randint(1, 250), 3000 + i))
        add("        keepalive 32;")
        add("    }")
        add("")
        add("    map $http_upgrade $%s_connection {" % name)
        add("        default upgrade;")
        add("        ''      close;")
        add("    }")
        add("")
        add("    server {")
        add("        listen 443 ssl http2;")
        add("        server_name %s.example.com *.%s.example.com;" % (name, name))
        add("        ssl_certificate /etc/nginx/certs/%s.crt;" % name)
        add("        ssl_certificate_key /etc/nginx/certs/%s.key;" % name)
        add("        client_max_body_size 64m;")
        add("        add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;")
        add("")
        for loc in range(rnd.randint(3, 8)):
            path = rnd.choice(["/", "/api/", "/auth/", "/socket.io/", "/events/", "/static/", "/previews/"])
            add("        location %s%d {" % (path, loc))
            add("            proxy_pass http://%s_core;" % name)
            add("            proxy_set_header Host $host;")
            add("            proxy_set_header X-Real-IP $remote_addr;")
            add("            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;")
            if rnd.random() < 0.4:
                add("            proxy_http_version 1.1;")
                add("            proxy_set_header Upgrade $http_upgrade;")
                add("            proxy_set_header Connection $%s_connection;" % name)
            if rnd.random() < 0.3:
                add("            if ($request_method = 'OPTIONS') {")
                add("                add_header 'Access-Control-Allow-Origin' '*';")
                add("                return 204;")
                add("            }")
            if rnd.random() < 0.3:
                add("            # cache static answers a little")
                add("            expires 1h;")
            add("        }")
            add("")
        add("        error_page 500 502 503 504 /50x.html;")
        add("    }")
        add("")
    add("}")
    return "\n".join(out) + "\n"

if __name__ == "__main__":
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
    sys.stdout.write(generate(lines))
