# Captures a fixture from a real redis-server.
# usage: python3 capture.py <port> <area>.in ../<area>.txt <area>
import sys; sys.path.insert(0, '.')
from resp import R, fmt
port, inf, outf, area = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
r = R(port)
r.cmd("FLUSHALL")
version = [l for l in r.cmd("INFO", "server")[1].decode().splitlines() if l.startswith("redis_version:")][0]
out = ["# Captured from a real redis-server (" + version + ", standalone, --save \"\" --appendonly no)",
       "# with capture/capture.py (a raw RESP socket client): python3 capture.py <port> " + area + ".in ../" + area + ".txt " + area,
       "# RESP2 unless a HELLO 3 line switches the connection; FLUSHALL before the first line.",
       "# Format: '> command args' (split on single spaces) or '>sorted ...' (array compared sorted),",
       "# then the reply: +simple -error :integer \"bulk\" $-1 (nil) *-1 (nil array) _ (RESP3 null)",
       "# [array] {map} ~[set] ,double. In bulk strings, bytes other than printable ASCII (and \\) are \\xNN.",
       "# Area: " + area]
for line in open(inf):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        out.append(line); continue
    mode = ">"
    if line.startswith("sorted "):
        mode = ">sorted"; line = line[7:]
    args = line.split(" ")
    rep = r.cmd(*args)
    if mode == ">sorted" and rep[0] in ("array", "set"):
        rep = (rep[0], sorted(rep[1], key=lambda x: fmt(x)))
    out.append(mode + " " + line)
    out.append(fmt(rep))
open(outf, "w").write("\n".join(out) + "\n")
