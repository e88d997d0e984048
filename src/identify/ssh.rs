//! An SSH server's identification line (RFC 4253 §4.2) to an [`SshSeen`].

use super::bounded_text;
use super::observe::SshSeen;

/// Most bytes read waiting for the `SSH-` line (RFC 4253 allows other lines before it).
pub const MAX_BANNER_BYTES: usize = 1024;
/// Longest identification line RFC 4253 allows.
const MAX_LINE: usize = 255;

/// The `SSH-` line in what the server sent first, if there is one.
pub fn parse(port: u16, bytes: &[u8]) -> Option<SshSeen> {
    let bytes = &bytes[..bytes.len().min(MAX_BANNER_BYTES)];
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = &bytes[start..end];
        if line.starts_with(b"SSH-") {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            return Some(SshSeen {
                port,
                banner: bounded_text(line, MAX_LINE),
            });
        }
        start = end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banner_lines() {
        let s = parse(22, b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n").unwrap();
        assert_eq!(s.banner, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3");
        let s = parse(22, b"Welcome\r\nSSH-2.0-Cisco-1.25\r\n").unwrap();
        assert_eq!(s.banner, "SSH-2.0-Cisco-1.25");
        assert!(parse(22, b"HTTP/1.1 400 Bad\r\n").is_none());
        assert!(parse(22, b"").is_none());
        let mut hostile = b"SSH-2.0-\x1b]0;pwned\x07\xe2\x80\xae".to_vec();
        hostile.extend(std::iter::repeat(b'x').take(10_000));
        let s = parse(22, &hostile).unwrap();
        assert!(s.banner.chars().count() <= 256);
        assert!(!s.banner.contains('\u{1b}') && !s.banner.contains('\u{202e}'));
    }
}
