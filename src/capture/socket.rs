//! What pnet does not offer for a capture socket: a large receive buffer
//! and the kernel's drop counter (`PACKET_STATISTICS`).
//!
//! Why by hand: pnet opens its AF_PACKET socket with the default buffer
//! (about 200 kB: a few hundred frames, lost in the first scheduling hiccup
//! at 100,000 frames a second) and has no call for the statistics; no
//! maintained crate sizes or reads a socket that pnet then reads. So
//! `listen` creates the socket here, sizes it, and hands it to pnet
//! (`datalink::Config::socket_fd`), which binds it to the interface. The
//! socket calls below are koseizu's only `unsafe` (STYLE.md: "unsafe only
//! where a socket call needs it"); each is a plain system call on an
//! integer descriptor with its result checked.
#![allow(unsafe_code)]

use std::io;
use std::mem;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

/// Receive buffer asked for: about a second of 100,000 small frames a
/// second (the kernel counts each frame's whole buffer, ~700 bytes).
pub const RECEIVE_BUFFER: usize = 64 << 20;

/// A new AF_PACKET raw socket that receives nothing yet: protocol 0
/// until pnet's bind names the interface and every EtherType, so no frame
/// of another interface is queued in between.
pub fn packet_socket() -> io::Result<OwnedFd> {
    // SAFETY: socket(2) takes no pointers; the result is checked.
    let fd = unsafe { libc::socket(libc::AF_PACKET, libc::SOCK_RAW | libc::SOCK_CLOEXEC, 0) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` was just created and nothing else owns it.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

fn set_int(fd: RawFd, level: libc::c_int, name: libc::c_int, value: libc::c_int) -> io::Result<()> {
    // SAFETY: the option value is a live c_int and its exact size is passed.
    let r = unsafe {
        libc::setsockopt(
            fd,
            level,
            name,
            (&value as *const libc::c_int).cast(),
            mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

fn get_int(fd: RawFd, level: libc::c_int, name: libc::c_int) -> io::Result<libc::c_int> {
    let mut value: libc::c_int = 0;
    let mut len = mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `value` and `len` are live and `len` is `value`'s size.
    let r = unsafe {
        libc::getsockopt(
            fd,
            level,
            name,
            (&mut value as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(value)
}

/// Sizes the socket's receive buffer to `bytes`: beyond the system's
/// `net.core.rmem_max` when the process may (CAP_NET_ADMIN,
/// `SO_RCVBUFFORCE`), else as far as that limit allows. Returns the size
/// the kernel granted (what it counts frames against).
pub fn set_receive_buffer(fd: &OwnedFd, bytes: usize) -> io::Result<usize> {
    let want = libc::c_int::try_from(bytes).unwrap_or(libc::c_int::MAX);
    let raw = fd.as_raw_fd();
    if set_int(raw, libc::SOL_SOCKET, libc::SO_RCVBUFFORCE, want).is_err() {
        set_int(raw, libc::SOL_SOCKET, libc::SO_RCVBUF, want)?;
    }
    // The kernel doubles the value asked for (bookkeeping) and reports that.
    let granted = get_int(raw, libc::SOL_SOCKET, libc::SO_RCVBUF)?;
    Ok(usize::try_from(granted).unwrap_or(0) / 2)
}

/// What the kernel counted on a packet socket since the last reading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Statistics {
    /// Frames the socket received (including the dropped ones).
    pub packets: u64,
    /// Frames dropped because the receive buffer was full.
    pub drops: u64,
}

/// Reads and resets the socket's counters (`PACKET_STATISTICS`: each
/// reading returns what happened since the previous one).
pub fn take_statistics(fd: RawFd) -> io::Result<Statistics> {
    let mut st = libc::tpacket_stats {
        tp_packets: 0,
        tp_drops: 0,
    };
    let mut len = mem::size_of::<libc::tpacket_stats>() as libc::socklen_t;
    // SAFETY: `st` and `len` are live and `len` is `st`'s size; on a
    // descriptor that is not a packet socket the call fails, it reads nothing.
    let r = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_PACKET,
            libc::PACKET_STATISTICS,
            (&mut st as *mut libc::tpacket_stats).cast(),
            &mut len,
        )
    };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(Statistics {
        packets: u64::from(st.tp_packets),
        drops: u64::from(st.tp_drops),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_of_something_else_are_an_error_not_garbage() {
        // A descriptor that is not a packet socket: the call fails cleanly.
        let f = std::fs::File::open("/dev/null").unwrap();
        assert!(take_statistics(f.as_raw_fd()).is_err());
    }

    #[test]
    fn a_packet_socket_is_sized_and_counted_when_permitted() {
        let fd = match packet_socket() {
            Ok(fd) => fd,
            // Without CAP_NET_RAW (not root) there is nothing to check, but
            // CI runs as root and must check it.
            Err(e) if std::env::var_os("CI").is_none_or(|v| v.is_empty()) => {
                eprintln!("SKIPPED: no packet socket ({e})");
                return;
            }
            Err(e) => panic!("CI is set but no packet socket: {e}"),
        };
        let granted = set_receive_buffer(&fd, 4 << 20).unwrap();
        assert!(granted > 100 << 10, "{granted}");
        let s = take_statistics(fd.as_raw_fd()).unwrap();
        assert_eq!(s.drops, 0);
    }
}
