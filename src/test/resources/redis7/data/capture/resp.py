import socket
class R:
    def __init__(s, port):
        s.sock = socket.create_connection(("127.0.0.1", port)); s.buf = b""
    def _line(s):
        while b"\r\n" not in s.buf:
            s.buf += s.sock.recv(65536)
        l, s.buf = s.buf.split(b"\r\n", 1); return l
    def _n(s, n):
        while len(s.buf) < n + 2:
            s.buf += s.sock.recv(65536)
        d = s.buf[:n]; s.buf = s.buf[n+2:]; return d
    def read(s):
        l = s._line(); t = l[:1]; r = l[1:]
        if t == b"+": return ("simple", r.decode())
        if t == b"-": return ("error", r.decode())
        if t == b":": return ("int", int(r))
        if t == b"$":
            n = int(r); return ("nil",) if n < 0 else ("bulk", s._n(n))
        if t == b"~":
            n = int(r); return ("set", [s.read() for _ in range(n)])
        if t == b"*" or t == b">":
            n = int(r); return ("nilarray",) if n < 0 else ("array", [s.read() for _ in range(n)])
        if t == b"%":
            n = int(r); return ("map", [s.read() for _ in range(2*n)])
        if t == b"_": return ("null",)
        if t == b",": return ("double", r.decode())
        if t == b"#": return ("bool", r.decode())
        if t == b"=":
            n = int(r); return ("verbatim", s._n(n))
        raise Exception(l)
    def cmd(s, *args):
        out = b"*%d\r\n" % len(args)
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out += b"$%d\r\n%s\r\n" % (len(a), a)
        s.sock.sendall(out); return s.read()
def escape(b):
    # printable ASCII as is, every other byte (and the backslash) as \xNN, so fixtures stay plain text
    return "".join(chr(c) if 32 <= c < 127 and c != 92 else "\\x%02x" % c for c in b)
def fmt(r):
    t = r[0]
    if t == "simple": return "+" + r[1]
    if t == "error": return "-" + r[1]
    if t == "int": return ":" + str(r[1])
    if t == "bulk": return '"' + escape(r[1]) + '"'
    if t in ("nil", "nilarray", "null"): return {"nil":"$-1","nilarray":"*-1","null":"_"}[t]
    if t == "double": return "," + r[1]
    if t == "set": return "~[" + ", ".join(fmt(x) for x in r[1]) + "]"
    if t in ("array","map"): return ("[" if t=="array" else "{") + ", ".join(fmt(x) for x in r[1]) + ("]" if t=="array" else "}")
    return str(r)
