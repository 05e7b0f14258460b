import sys
sys.path.insert(0,'.')
from resp import R
port = int(sys.argv[1])
r = R(port)
for name in sys.argv[2:]:
    info = r.cmd("COMMAND","INFO",name)[1][0][1]
    arity = info[1][1]; flags = [f[1] for f in info[2][1]]; fk, lk, st = info[3][1], info[4][1], info[5][1]
    docs = r.cmd("COMMAND","DOCS",name)[1]
    d = docs[1][1]; dd = {d[i][1].decode() if isinstance(d[i][1],bytes) else d[i][1]: d[i+1] for i in range(0,len(d),2)}
    summ = dd["summary"][1].decode(); grp = dd["group"][1].decode()
    print(name, arity, ",".join(flags), fk, lk, st, grp, "|", summ)
