# Writes a pcap of mixed traffic from 5,000 hosts (ARP, DHCP-like UDP, TCP, mDNS-like UDP) to the size asked.
import struct, sys, random
out, size = sys.argv[1], int(sys.argv[2])
random.seed(7)
def mac(i): return bytes([0,0x16,0x3e,(i>>16)&255,(i>>8)&255,i&255])
def ip(i): return bytes([198,18,(i>>8)&255,i&255])
frames=[]
for i in range(1,5001):
    # ARP request
    f=b'\xff'*6+mac(i)+b'\x08\x06'+struct.pack('>HHBBH',1,0x0800,6,4,1)+mac(i)+ip(i)+b'\x00'*6+ip((i%5000)+1)
    frames.append(f+b'\x00'*(60-len(f)))
    # TCP segment with 1400 bytes payload
    payload=bytes(random.getrandbits(8) for _ in range(64))*22
    iph=struct.pack('>BBHHHBBH4s4s',0x45,0,20+20+len(payload),0,0,64,6,0,ip(i),ip((i*7)%5000+1))
    tcp=struct.pack('>HHIIBBHHH',40000+i%1000,443,1,1,0x50,0x10,1024,0,0)
    frames.append(mac((i*7)%5000+1)+mac(i)+b'\x08\x00'+iph+tcp+payload)
    # UDP to 5353 with small payload
    udp_payload=b'\x00'*12+b'\x02pc\x05local\x00'+b'\x00\x01\x00\x01'
    iph=struct.pack('>BBHHHBBH4s4s',0x45,0,20+8+len(udp_payload),0,0,255,17,0,ip(i),bytes([224,0,0,251]))
    udp=struct.pack('>HHHH',5353,5353,8+len(udp_payload),0)
    frames.append(b'\x01\x00\x5e\x00\x00\xfb'+mac(i)+b'\x08\x00'+iph+udp+udp_payload)
with open(out,'wb') as w:
    w.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,1))
    written=24; t=1796290000; n=0
    while written<size:
        f=frames[n%len(frames)]; n+=1
        rec=struct.pack('<IIII',t+n//100000,n%1000000,len(f),len(f))+f
        w.write(rec); written+=len(rec)
print(n,'frames')
