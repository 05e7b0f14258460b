#!/usr/bin/env python3
"""Captures the DUMP fixtures of this folder from a real redis-server 7.0.15.

Start a throwaway server first (DEBUG is needed for the plain quicklist node fixture):
  redis-server --port 17400 --save "" --appendonly no --enable-debug-command yes
then run:  python3 capture_dump_fixtures.py 17400

Each NAME.hex file lists the commands that built the value, the reply of OBJECT ENCODING, the
DUMP reply as hex (payload), and the value as the server reads it back (LRANGE / SMEMBERS /
HGETALL / ZRANGE WITHSCORES / GET), every string in hex. A "crafted" fixture holds a payload
this script built by hand in a ziplist-era encoding (Redis 6.2 writes them, 7.0 still loads
them); its values are what redis-server 7.0.15 read back after RESTORE.
errors.txt holds the exact error replies of RESTORE for broken payloads.
"""
import os
import socket
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

POLY = 0x95ac9329ac4bc9b5
TABLE = []
for i in range(256):
    c = i
    for _ in range(8):
        c = (c >> 1) ^ POLY if c & 1 else c >> 1
    TABLE.append(c)


def crc64(data):
    crc = 0
    for b in data:
        crc = TABLE[(crc ^ b) & 0xff] ^ (crc >> 8)
    return crc


def payload(body, version=10):
    p = body + bytes([version & 0xff, version >> 8])
    return p + crc64(p).to_bytes(8, 'little')


class Resp:
    def __init__(self, port):
        self.sock = socket.create_connection(('127.0.0.1', port))
        self.file = self.sock.makefile('rb')

    def __call__(self, *args):
        out = b'*%d\r\n' % len(args)
        for a in args:
            if isinstance(a, int):
                a = str(a)
            if isinstance(a, str):
                a = a.encode()
            out += b'$%d\r\n%s\r\n' % (len(a), a)
        self.sock.sendall(out)
        return self.read()

    def read(self):
        line = self.file.readline()
        kind, rest = line[:1], line[1:-2]
        if kind == b'+':
            return rest.decode()
        if kind == b'-':
            return RuntimeError(rest.decode())
        if kind == b':':
            return int(rest)
        if kind == b'$':
            n = int(rest)
            return None if n < 0 else self.file.read(n + 2)[:-2]
        if kind == b'*':
            n = int(rest)
            return None if n < 0 else [self.read() for _ in range(n)]
        raise ValueError(line)


def shown(words):
    out = []
    for w in words:
        w = str(w)
        out.append(w if len(w) <= 40 else w[:20] + '...(%d bytes)' % len(w))
    return ' '.join(out)


def value_lines(r, key):
    kind = r('TYPE', key)
    lines = ['type ' + kind]
    if kind == 'string':
        lines.append('value ' + r('GET', key).hex())
    elif kind == 'list':
        lines += ['element ' + e.hex() for e in r('LRANGE', key, 0, -1)]
    elif kind == 'set':
        lines += ['member ' + m.hex() for m in sorted(r('SMEMBERS', key))]
    elif kind == 'hash':
        flat = r('HGETALL', key)
        lines += ['field %s %s' % (flat[i].hex(), flat[i + 1].hex()) for i in range(0, len(flat), 2)]
    elif kind == 'zset':
        flat = r('ZRANGE', key, 0, -1, 'WITHSCORES')
        for i in range(0, len(flat), 2):
            bits = struct.unpack('<q', struct.pack('<d', float(flat[i + 1].decode())))[0]
            lines.append('entry %s %d %s' % (flat[i].hex(), bits, flat[i + 1].decode()))
    return lines


def write(name, header, lines):
    with open(os.path.join(HERE, name + '.hex'), 'w') as f:
        for h in header:
            f.write('# ' + h + '\n')
        for line in lines:
            f.write(line + '\n')


def capture(r, name, commands, note=None, config=()):
    r('FLUSHALL')
    for c in config:
        assert r(*c) == 'OK', c
    for c in commands:
        reply = r(*c)
        assert not isinstance(reply, RuntimeError), (c, reply)
    header = ['Captured from redis-server 7.0.15 (standalone) over a raw RESP socket by',
              'capture_dump_fixtures.py in this folder. Commands:']
    header += ['  ' + shown(c) for c in config]
    header += ['  FLUSHALL'] + ['  ' + shown(c) for c in commands] + ['  DUMP k']
    if note:
        header.append(note)
    pttl = r('PTTL', 'k')
    lines = ['encoding ' + r('OBJECT', 'ENCODING', 'k').decode(), 'pttl %d' % pttl,
             'payload ' + r('DUMP', 'k').hex()]
    write(name, header, lines + value_lines(r, 'k'))
    for c in config:  # back to the defaults
        r('CONFIG', 'SET', c[2], DEFAULTS[c[2]])


DEFAULTS = {'list-compress-depth': '0', 'list-max-listpack-size': '-2'}


# ---- ziplist (ziplist.c), for the crafted fixtures ----
def zip_entry(prevlen, value):
    pre = bytes([prevlen]) if prevlen < 254 else bytes([254]) + prevlen.to_bytes(4, 'little')
    if isinstance(value, int):
        v = value
        if 0 <= v <= 12:
            enc = bytes([0xF1 + v])
        elif -128 <= v <= 127:
            enc = bytes([0xFE]) + v.to_bytes(1, 'little', signed=True)
        elif -32768 <= v <= 32767:
            enc = bytes([0xC0]) + v.to_bytes(2, 'little', signed=True)
        elif -(1 << 23) <= v < (1 << 23):
            enc = bytes([0xF0]) + v.to_bytes(3, 'little', signed=True)
        elif -(1 << 31) <= v < (1 << 31):
            enc = bytes([0xD0]) + v.to_bytes(4, 'little', signed=True)
        else:
            enc = bytes([0xE0]) + v.to_bytes(8, 'little', signed=True)
    else:
        s = value.encode() if isinstance(value, str) else value
        n = len(s)
        if n < 64:
            enc = bytes([n]) + s
        elif n < 16384:
            enc = bytes([0x40 | (n >> 8), n & 0xff]) + s
        else:
            enc = bytes([0x80]) + n.to_bytes(4, 'big') + s
    return pre + enc


def ziplist(values):
    body = b''
    prevlen = 0
    tail = 10
    for v in values:
        tail = 10 + len(body)
        e = zip_entry(prevlen, v)
        body += e
        prevlen = len(e)
    total = 10 + len(body) + 1
    return total.to_bytes(4, 'little') + tail.to_bytes(4, 'little') + \
        min(len(values), 0xffff).to_bytes(2, 'little') + body + b'\xff'


def rdb_len(n):
    if n < 64:
        return bytes([n])
    if n < 16384:
        return bytes([0x40 | (n >> 8), n & 0xff])
    return bytes([0x80]) + n.to_bytes(4, 'big')


def rdb_string(s):
    return rdb_len(len(s)) + s


def crafted(r, name, rdb_type, body, description):
    data = payload(bytes([rdb_type]) + body, version=9)
    r('FLUSHALL')
    reply = r('RESTORE', 'k', 0, data)
    assert reply == 'OK', (name, reply)
    header = ['Crafted by capture_dump_fixtures.py: ' + description,
              'RDB version 9 (Redis 6.2 writes this type; 7.0 still loads it). RESTOREd into',
              'redis-server 7.0.15, which replied OK; the values below are what it read back.']
    lines = ['encoding ' + r('OBJECT', 'ENCODING', 'k').decode(), 'pttl -1', 'payload ' + data.hex()]
    write(name, header, lines + value_lines(r, 'k'))


INT_EDGES = [0, 12, 13, 127, 128, -1, -128, -129, 4095, -4096, 4096, -4097, 32767, -32768, 32768,
             8388607, -8388608, 8388608, 2147483647, -2147483648, 2147483648,
             9223372036854775807, -9223372036854775808]


def main(port):
    r = Resp(port)
    capture(r, 'string-short', [('SET', 'k', 'hello')])
    capture(r, 'string-int8', [('SET', 'k', '-42')])
    capture(r, 'string-int16', [('SET', 'k', '12345')])
    capture(r, 'string-int32', [('SET', 'k', '-2000000000')])
    capture(r, 'string-int64', [('SET', 'k', '9223372036854775807')])
    capture(r, 'string-not-canonical-int', [('SET', 'k', '007')])
    capture(r, 'string-incompressible', [('SET', 'k', 'abcdefghijklmnopqrstuvwxyz0123456789')])
    capture(r, 'string-compressible', [('SET', 'k', 'a' * 100)])
    capture(r, 'string-long-text',
            [('SET', 'k', ''.join('line %d of a long text, slot scope\n' % i for i in range(300)))])
    capture(r, 'string-binary', [('SET', 'k', bytes(range(256)) * 2)])
    capture(r, 'string-empty', [('SET', 'k', '')])
    capture(r, 'string-with-ttl', [('SET', 'k', 'expiring', 'PX', '600000')],
            note='The payload carries no TTL: RESTORE takes it as an argument.')

    capture(r, 'list-small', [('RPUSH', 'k', 'a', 'bb', '1', '-5', '300', 'x' * 63, 'y' * 64, 'z' * 4095,
                               'w' * 4096)])
    capture(r, 'list-int-edges', [('RPUSH', 'k') + tuple(str(v) for v in INT_EDGES)])
    capture(r, 'list-big', [('RPUSH', 'k') + tuple('element-%04d' % i for i in range(2000))],
            note='2000 elements: several listpack nodes of at most 8 KB (list-max-listpack-size -2).')
    capture(r, 'list-compressed-nodes', [('RPUSH', 'k') + tuple('element-%04d' % i for i in range(3000))],
            config=[('CONFIG', 'SET', 'list-compress-depth', '1')],
            note='Inner nodes are LZF-compressed (list-compress-depth 1) and dumped compressed.')
    capture(r, 'list-plain-node', [('DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '100'),
                                   ('RPUSH', 'k', 'small', 'p' * 500, 'tail')],
            note='An element above the packed threshold sits in a PLAIN quicklist node.')
    r('DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '1073741824')

    capture(r, 'set-intset16', [('SADD', 'k', '1', '2', '3', '-5', '300')])
    capture(r, 'set-intset32', [('SADD', 'k', '1', '100000', '-100000')])
    capture(r, 'set-intset64', [('SADD', 'k', '1', '5000000000', '-9223372036854775808')])
    capture(r, 'set-small-strings', [('SADD', 'k', 'apple', 'banana', 'cherry')])
    capture(r, 'set-big', [('SADD', 'k') + tuple('member-%d' % i for i in range(600))])
    capture(r, 'set-big-ints', [('SADD', 'k') + tuple(str(i * 7) for i in range(600))],
            note='600 integers: more than set-max-intset-entries (512), so a hash table.')

    capture(r, 'hash-small', [('HSET', 'k', 'name', 'slotscope', 'n', '42', 'neg', '-70000',
                               'big', '123456789012', 'long', 'v' * 100)])
    capture(r, 'hash-big', [('HSET', 'k') + tuple(x for i in range(200) for x in ('field-%d' % i, 'value-%d' % i))])
    capture(r, 'hash-long-value', [('HSET', 'k', 'f', 'q' * 100, 'g', 'short')],
            note='A value over hash-max-listpack-value (64) makes it a hash table.')

    capture(r, 'zset-small', [('ZADD', 'k', '1', 'a', '2.5', 'b', '-3', 'c', 'inf', 'd', '-inf', 'e',
                               '1e300', 'f', '0.1', 'g', '42', '7')])
    capture(r, 'zset-big', [('ZADD', 'k') + tuple(x for i in range(200) for x in (str(i / 8), 'm-%d' % i))])

    crafted(r, 'crafted-list-quicklist-ziplist', 14,
            rdb_len(2) + rdb_string(ziplist(['a', 7, -200, 'x' * 70])) + rdb_string(ziplist(INT_EDGES)),
            'RDB_TYPE_LIST_QUICKLIST (14), two ziplist nodes.')
    crafted(r, 'crafted-list-ziplist', 10, rdb_string(ziplist(['head', 1, 'z' * 300, 100000])),
            'RDB_TYPE_LIST_ZIPLIST (10), one ziplist.')
    crafted(r, 'crafted-hash-ziplist', 13, rdb_string(ziplist(['f1', 'v1', 'n', 12, 'big', 2 ** 40])),
            'RDB_TYPE_HASH_ZIPLIST (13).')
    crafted(r, 'crafted-zset-ziplist', 12, rdb_string(ziplist(['c', -7, 'a', 1, 'b', '2.5', 'd', 'inf'])),
            'RDB_TYPE_ZSET_ZIPLIST (12), in score order, scores as integers and as text.')
    crafted(r, 'crafted-zset-text-scores', 3,
            rdb_len(3) + rdb_string(b'a') + b'\x031.5' + rdb_string(b'b') + b'\xfe' + rdb_string(b'c') + b'\xff',
            'RDB_TYPE_ZSET (3), scores as length-prefixed text (254 = +inf, 255 = -inf).')

    errors = []
    good = bytes.fromhex(open(os.path.join(HERE, 'string-short.hex')).read().split('payload ')[1].split()[0])
    flipped = bytearray(good)
    flipped[-1] ^= 0x01
    cases = [
        ('flipped-crc', bytes(flipped)),
        ('version-11', payload(b'\x00\x05hello', version=11)),
        ('too-short', good[:9]),
        ('cut-off', good[:-3]),
        ('string-past-the-end', payload(b'\x00\x3fhello')),
        ('unknown-type', payload(b'\x63\x00')),
        ('stream-type', payload(b'\x0f\x00')),
        ('empty-list', payload(b'\x01\x00')),
        ('bad-lzf', payload(b'\x00\xc3\x02\x05\x00\x00')),
        ('duplicate-set-member', payload(b'\x02\x02\x01a\x01a')),
        ('nan-score', payload(b'\x05\x01\x01a' + struct.pack('<d', float('nan')))),
        ('quicklist-bad-container', payload(b'\x12\x01\x03' + rdb_string(b'junk'))),
        ('listpack-bad-size', payload(b'\x10' + rdb_string(b'\x20\x00\x00\x00\x02\x00\x81a\x02\x81b\x02\xff'))),
        ('intset-bad-encoding', payload(b'\x0b' + rdb_string(b'\x03\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00'))),
    ]
    for name, data in cases:
        r('SET', 'k', 'keep')
        reply = r('RESTORE', 'k', 0, data, 'REPLACE')
        assert r('GET', 'k') == b'keep', name
        errors.append('%s %s %s' % (name, data.hex(), reply if isinstance(reply, str) else str(reply)))
    with open(os.path.join(HERE, 'errors.txt'), 'w') as f:
        f.write('# RESTORE k 0 <payload> REPLACE on redis-server 7.0.15, with k holding "keep" (it still\n')
        f.write('# did afterwards in every case). Captured by capture_dump_fixtures.py.\n')
        f.write('# Format: case payload-hex reply\n')
        for e in errors:
            f.write(e + '\n')


def capture_command_info(r):
    """command-info.txt: COMMAND INFO and COMMAND DOCS facts of the three commands."""
    lines = ['# COMMAND INFO / COMMAND DOCS on redis-server 7.0.15, captured by capture_dump_fixtures.py.',
             '# Format: name arity flags(comma) first-key last-key key-step group']
    docs = r('COMMAND', 'DOCS', 'dump', 'restore', 'restore-asking')
    groups = {docs[i].decode(): dict(zip(docs[i + 1][::2], docs[i + 1][1::2])) for i in range(0, len(docs), 2)}
    for info in r('COMMAND', 'INFO', 'dump', 'restore', 'restore-asking'):
        name = info[0].decode()
        lines.append('%s %d %s %d %d %d %s' % (name, info[1], ','.join(info[2]), info[3], info[4], info[5],
                                               groups[name][b'group'].decode()))
        lines.append('summary %s %s' % (name, groups[name][b'summary'].decode()))
    with open(os.path.join(HERE, 'command-info.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 17400)
    capture_command_info(Resp(int(sys.argv[1]) if len(sys.argv) > 1 else 17400))
