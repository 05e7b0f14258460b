#!/usr/bin/env python3
"""Captures redis-server's exact reply bytes for raw requests (how the fixtures here were made).

usage: capture_resp.py PORT CASES_IN OUT
Each case: one fresh TCP connection; the request bytes are sent (in one write), the reply is read
until the server closes the connection or 0.7 s pass without data. Writes "name / request / reply /
closed" blocks with Python-style byte escapes.
"""
import socket, sys, time

def esc(b):
    out = []
    for x in b:
        c = chr(x)
        if c == '\\': out.append('\\\\')
        elif c == '\r': out.append('\\r')
        elif c == '\n': out.append('\\n')
        elif c == '\t': out.append('\\t')
        elif 32 <= x < 127: out.append(c)
        else: out.append('\\x%02x' % x)
    return ''.join(out)

def run(port, request):
    s = socket.create_connection(('127.0.0.1', port))
    s.settimeout(0.7)
    s.sendall(request)
    data = b''
    closed = False
    while True:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        except ConnectionResetError:
            closed = True
            break
        if not chunk:
            closed = True
            break
        data += chunk
    s.close()
    return data, closed

def main():
    port = int(sys.argv[1])
    cases = [l.rstrip('\n') for l in open(sys.argv[2]) if l.strip() and not l.startswith('#')]
    with open(sys.argv[3], 'w') as out:
        out.write('# Captured from redis-server 7.0.15 (Debian package) on loopback with\n')
        out.write('# src/test/resources/redis7/resp/capture_resp.py: one fresh connection per case, the request\n')
        out.write('# sent in one write, the reply read until the server closed or 0.7 s of silence.\n')
        out.write('# Bytes are written with Python-style escapes (\\r \\n \\t \\\\ \\xHH).\n\n')
        for line in cases:
            name, expr = line.split(' ', 1)
            request = eval(expr)  # the case file is ours: Python bytes expressions
            reply, closed = run(port, request)
            out.write('name: %s\nrequest: %s\nreply: %s\nclosed: %s\n\n' % (name, esc(request), esc(reply), 'yes' if closed else 'no'))

main()
