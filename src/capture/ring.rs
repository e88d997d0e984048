//! A TPACKET_V3 receive ring: the kernel writes frames into blocks of a
//! memory area shared with koseizu, and hands over a whole block at a time,
//! so reading costs no system call per frame (one `poll` when the ring is
//! empty). This is what keeps up with 100,000 frames a second on a loaded
//! machine, where one `recv` per frame does not (BENCHMARKS.md, Listen).
//!
//! Why by hand: pnet reads one frame per `recv`, and no maintained crate
//! offers a TPACKET_V3 ring over a safe interface that fits a receive-only
//! socket (STYLE.md: "unsafe only where a socket call needs it"). The
//! unsafe parts are the socket calls, the `mmap`, the block-status word
//! shared with the kernel (read and written atomically), and the view of
//! a block the kernel has handed over (it does not touch the block until
//! its status is set back). Everything inside a block is then read through
//! bounds-checked slices: a damaged header ends the block, never reads
//! outside it.
#![allow(unsafe_code)]

use std::io;
use std::mem;
use std::os::fd::{AsRawFd, OwnedFd};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};

/// Bytes per block: the unit the kernel hands over.
const BLOCK_SIZE: usize = 1 << 20;
/// Blocks in the ring (64 MB: over half a second of 100,000 full-size
/// frames, several seconds of small ones).
const BLOCKS: usize = 64;
/// Frame slot size in the ring request (V3 packs frames tightly, each as
/// long as it is; the kernel only checks the request with it).
const FRAME_SIZE: usize = 1 << 11;
/// A block is handed over after this long even when not full, so a quiet
/// link's frames are not held back.
const BLOCK_TIMEOUT_MS: u32 = 50;
/// Offset of `block_status` in `tpacket_block_desc` (version, offset_to_priv, then bh1).
const STATUS_AT: usize = 8;

/// What takes each frame read, with the kernel's receive time.
pub type Each<'a> = dyn FnMut(&[u8], DateTime<Utc>) -> io::Result<()> + 'a;

/// An open TPACKET_V3 ring on one interface.
pub struct Ring {
    fd: OwnedFd,
    map: NonNull<u8>,
    len: usize,
    next: usize,
}

fn check(r: libc::c_int) -> io::Result<()> {
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

fn setsockopt<T>(fd: &OwnedFd, level: libc::c_int, name: libc::c_int, value: &T) -> io::Result<()> {
    // SAFETY: `value` is a live `T` and its exact size is passed.
    check(unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            level,
            name,
            (value as *const T).cast(),
            mem::size_of::<T>() as libc::socklen_t,
        )
    })
}

impl Ring {
    /// Turns `fd` (a packet socket that receives nothing yet, from
    /// [`super::socket::packet_socket`]) into a ring bound to interface
    /// number `ifindex`, every EtherType, promiscuous.
    pub fn open(fd: OwnedFd, ifindex: u32) -> io::Result<Ring> {
        let version = libc::tpacket_versions::TPACKET_V3 as libc::c_int;
        setsockopt(&fd, libc::SOL_PACKET, libc::PACKET_VERSION, &version)?;
        let req = libc::tpacket_req3 {
            tp_block_size: BLOCK_SIZE as libc::c_uint,
            tp_block_nr: BLOCKS as libc::c_uint,
            tp_frame_size: FRAME_SIZE as libc::c_uint,
            tp_frame_nr: (BLOCK_SIZE / FRAME_SIZE * BLOCKS) as libc::c_uint,
            tp_retire_blk_tov: BLOCK_TIMEOUT_MS,
            tp_sizeof_priv: 0,
            tp_feature_req_word: 0,
        };
        setsockopt(&fd, libc::SOL_PACKET, libc::PACKET_RX_RING, &req)?;
        let len = BLOCK_SIZE * BLOCKS;
        // SAFETY: a fresh shared mapping of the ring the kernel just made
        // for this socket; the result is checked before use.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED,
                fd.as_raw_fd(),
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        let map = NonNull::new(p.cast::<u8>()).ok_or_else(|| io::Error::other("mmap gave null"))?;
        // From here on the mapping is unmapped by Drop, whatever fails.
        let ring = Ring {
            fd,
            map,
            len,
            next: 0,
        };
        let ifindex =
            libc::c_int::try_from(ifindex).map_err(|_| io::Error::other("interface index"))?;
        let mreq = libc::packet_mreq {
            mr_ifindex: ifindex,
            mr_type: libc::PACKET_MR_PROMISC as libc::c_ushort,
            mr_alen: 0,
            mr_address: [0; 8],
        };
        setsockopt(
            &ring.fd,
            libc::SOL_PACKET,
            libc::PACKET_ADD_MEMBERSHIP,
            &mreq,
        )?;
        // SAFETY: an all-zero sockaddr_ll is a valid value of the type.
        let mut sll: libc::sockaddr_ll = unsafe { mem::zeroed() };
        sll.sll_family = libc::AF_PACKET as libc::c_ushort;
        sll.sll_protocol = (libc::ETH_P_ALL as u16).to_be();
        sll.sll_ifindex = ifindex;
        // SAFETY: `sll` is live and its exact size is passed.
        check(unsafe {
            libc::bind(
                ring.fd.as_raw_fd(),
                (&sll as *const libc::sockaddr_ll).cast(),
                mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t,
            )
        })?;
        Ok(ring)
    }

    /// The socket, for its statistics.
    pub fn fd(&self) -> &OwnedFd {
        &self.fd
    }

    fn status(&self, block: usize) -> &AtomicU32 {
        // SAFETY: the word lies inside the mapping (block < BLOCKS), is
        // 4-aligned (blocks are page-aligned), and lives as long as `self`;
        // the kernel only ever accesses it as a u32 too.
        unsafe {
            &*self
                .map
                .as_ptr()
                .add(block * BLOCK_SIZE + STATUS_AT)
                .cast::<AtomicU32>()
        }
    }

    /// Waits up to `timeout` for a block, then gives every frame of the
    /// blocks ready (with the kernel's receive time) to `each`, in order.
    /// Returns the number of frames; zero when the time ran out.
    pub fn read(&mut self, timeout: Duration, each: &mut Each<'_>) -> io::Result<usize> {
        if self.status(self.next).load(Ordering::Acquire) & libc::TP_STATUS_USER == 0 {
            let mut pfd = libc::pollfd {
                fd: self.fd.as_raw_fd(),
                events: libc::POLLIN | libc::POLLERR,
                revents: 0,
            };
            let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
            // SAFETY: one live pollfd, count 1.
            let r = unsafe { libc::poll(&mut pfd, 1, ms) };
            if r < 0 {
                let e = io::Error::last_os_error();
                return if e.kind() == io::ErrorKind::Interrupted {
                    Ok(0)
                } else {
                    Err(e)
                };
            }
        }
        let mut frames = 0;
        for _ in 0..BLOCKS {
            let block = self.next;
            if self.status(block).load(Ordering::Acquire) & libc::TP_STATUS_USER == 0 {
                break;
            }
            // SAFETY: the kernel handed this block over (TP_STATUS_USER)
            // and does not write to it until the status is set back below;
            // it lies inside the mapping.
            let view = unsafe {
                std::slice::from_raw_parts(self.map.as_ptr().add(block * BLOCK_SIZE), BLOCK_SIZE)
            };
            let result = read_block(view, each, &mut frames);
            self.status(block)
                .store(libc::TP_STATUS_KERNEL, Ordering::Release);
            self.next = (block + 1) % BLOCKS;
            result?;
        }
        Ok(frames)
    }
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_ne_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_ne_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// The frames of one block: `num_pkts` at 12, `offset_to_first_pkt` at 16;
/// each frame's `tpacket3_hdr`: next offset, seconds, nanoseconds, snaplen,
/// (len, status), mac offset at 24.
fn read_block(block: &[u8], each: &mut Each<'_>, frames: &mut usize) -> io::Result<()> {
    let (Some(count), Some(first)) = (u32_at(block, 12), u32_at(block, 16)) else {
        return Ok(());
    };
    let mut at = first as usize;
    for _ in 0..count {
        let Some(hdr) = block.get(at..) else { break };
        let (Some(next), Some(sec), Some(nsec), Some(snaplen), Some(mac)) = (
            u32_at(hdr, 0),
            u32_at(hdr, 4),
            u32_at(hdr, 8),
            u32_at(hdr, 12),
            u16_at(hdr, 24),
        ) else {
            break;
        };
        let start = usize::from(mac);
        let Some(frame) = hdr.get(start..start + snaplen as usize) else {
            break;
        };
        let ts = Utc
            .timestamp_opt(i64::from(sec), nsec.min(999_999_999))
            .single()
            .unwrap_or_else(Utc::now);
        each(frame, ts)?;
        *frames += 1;
        if next == 0 {
            break;
        }
        at += next as usize;
    }
    Ok(())
}

impl Drop for Ring {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `open`, unmapped once; no view of it
        // outlives `read`.
        unsafe {
            libc::munmap(self.map.as_ptr().cast(), self.len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_block_ends_without_reading_outside_it() {
        let mut block = vec![0u8; 4096];
        // Two frames claimed, the first at 48; its header says 60 bytes at
        // offset 80, then a next offset running off the block.
        block[12..16].copy_from_slice(&2u32.to_ne_bytes());
        block[16..20].copy_from_slice(&48u32.to_ne_bytes());
        let h = 48;
        block[h..h + 4].copy_from_slice(&100_000u32.to_ne_bytes());
        block[h + 4..h + 8].copy_from_slice(&1_796_342_400u32.to_ne_bytes());
        block[h + 12..h + 16].copy_from_slice(&60u32.to_ne_bytes());
        block[h + 24..h + 26].copy_from_slice(&80u16.to_ne_bytes());
        block[h + 80] = 0xab;
        let mut seen = Vec::new();
        let mut n = 0;
        read_block(
            &block,
            &mut |f, t| {
                seen.push((f.len(), f[0], t.timestamp()));
                Ok(())
            },
            &mut n,
        )
        .unwrap();
        assert_eq!(seen, vec![(60, 0xab, 1_796_342_400)]);
        assert_eq!(n, 1);
        // A snaplen past the end: nothing read.
        block[h + 12..h + 16].copy_from_slice(&u32::MAX.to_ne_bytes());
        let mut n = 0;
        read_block(&block, &mut |_, _| panic!("read outside"), &mut n).unwrap();
        assert_eq!(n, 0);
    }
}
