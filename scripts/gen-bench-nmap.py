# Writes nmap XML with 65,536 hosts up (MAC, vendor, host name, an open port
# with service/product/version, a closed port, an OS match): the import bench.
import sys
out = sys.argv[1] if len(sys.argv) > 1 else "nmap65k.xml"
with open(out, "w") as w:
    w.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n<nmaprun scanner="nmap" args="nmap -sV -oX out.xml 10.0.0.0/16" start="1796290000" version="7.93">\n<scaninfo type="syn" protocol="tcp" numservices="3" services="22,443,3389"/>\n')
    for i in range(65536):
        a, b = i >> 8, i & 255
        w.write(f'<host starttime="1796290001" endtime="1796290100"><status state="up" reason="arp-response" reason_ttl="0"/>\n<address addr="10.0.{a}.{b}" addrtype="ipv4"/>\n<address addr="00:16:3E:00:{a:02X}:{b:02X}" addrtype="mac" vendor="Xensource"/>\n<hostnames><hostname name="h{i}.hosp.local" type="PTR"/></hostnames>\n<ports><port protocol="tcp" portid="22"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="ssh" product="OpenSSH" version="9.2p1" method="probed" conf="10"/></port>\n<port protocol="tcp" portid="443"><state state="closed" reason="reset" reason_ttl="64"/></port>\n</ports>\n<os><osmatch name="Linux 5.4" accuracy="95" line="1"/></os>\n</host>\n')
    w.write('<runstats><finished time="1796290200" exit="success"/></runstats>\n</nmaprun>\n')
