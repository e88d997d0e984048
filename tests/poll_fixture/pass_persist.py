#!/usr/bin/env python3
"""net-snmp pass_persist helper for koseizu's tests: serves known tables.

Usage (snmpd.conf): pass_persist .1.3.6.1.2.1.17 /usr/bin/python3 pass_persist.py TABLES.json
TABLES.json is a list of [oid, type, value] (type as pass_persist wants it:
integer, string, octet (hex bytes "00 16 3e ..."), objectid, gauge,
counter, timeticks, ipaddress). Read-only: every set is refused.
"""
import bisect
import json
import sys


def key(oid):
    return tuple(int(p) for p in oid.strip(".").split(".") if p)


def main():
    with open(sys.argv[1]) as f:
        rows = sorted((key(o), t, v) for o, t, v in json.load(f))
    keys = [r[0] for r in rows]
    out = sys.stdout
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        cmd = line.strip()
        if cmd == "PING":
            out.write("PONG\n")
        elif cmd in ("get", "getnext"):
            want = key(sys.stdin.readline())
            if cmd == "get":
                i = bisect.bisect_left(keys, want)
                hit = i < len(keys) and keys[i] == want
            else:
                i = bisect.bisect_right(keys, want)
                hit = i < len(keys)
            if hit:
                k, t, v = rows[i]
                out.write("." + ".".join(map(str, k)) + "\n" + t + "\n" + str(v) + "\n")
            else:
                out.write("NONE\n")
        elif cmd == "set":
            sys.stdin.readline()
            sys.stdin.readline()
            out.write("not-writable\n")
        else:
            out.write("NONE\n")
        out.flush()


if __name__ == "__main__":
    main()
