//! Text files of unknown encoding: UTF-8 (with or without BOM), UTF-16
//! (with BOM, or without one when every other byte is zero, as Windows
//! PowerShell writes), and CP932 for what is not valid UTF-8 (Japanese
//! Windows' default code page).

use std::io::{self, Read};

use encoding_rs::{Encoding, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8};

use super::MAX_TEXT;

/// Largest text file read (lease files, arp-scan output), in bytes.
pub const MAX_TEXT_FILE: u64 = 512 * 1024 * 1024;

/// The encoding of `bytes`: BOM first, then UTF-16 without BOM, then UTF-8,
/// else CP932.
pub fn sniff(bytes: &[u8]) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    let pairs = bytes.len().min(512) / 2;
    if pairs >= 2 {
        let even_zero = (0..pairs).filter(|&i| bytes[2 * i] == 0).count();
        let odd_zero = (0..pairs).filter(|&i| bytes[2 * i + 1] == 0).count();
        if odd_zero * 10 >= pairs * 9 {
            return UTF_16LE;
        }
        if even_zero * 10 >= pairs * 9 {
            return UTF_16BE;
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => UTF_8,
        // A multi-byte character cut by the end of a sniffed head is still UTF-8.
        Err(e) if e.error_len().is_none() => UTF_8,
        Err(_) => SHIFT_JIS,
    }
}

/// Decodes `bytes` as [`sniff`] finds them, BOM removed, bad sequences replaced.
pub fn decode(bytes: &[u8]) -> String {
    let enc = sniff(bytes);
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

/// Reads a whole text file (at most [`MAX_TEXT_FILE`] bytes) and decodes it.
pub fn read_text<R: Read>(r: R) -> io::Result<String> {
    let mut bytes = Vec::new();
    r.take(MAX_TEXT_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_TEXT_FILE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {MAX_TEXT_FILE} bytes: not a text file koseizu imports"),
        ));
    }
    Ok(decode(&bytes))
}

/// `s` cut to [`MAX_TEXT`] characters.
pub fn bounded(s: &str) -> String {
    match s.char_indices().nth(MAX_TEXT) {
        Some((i, _)) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// `s` trimmed and bounded, or `None` when empty.
pub fn value(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| bounded(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_apart() {
        assert_eq!(decode(b"\xef\xbb\xbfIP,MAC"), "IP,MAC");
        let mut le = vec![0xff, 0xfe];
        let mut bare = Vec::new();
        for u in "病院,PC".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            bare.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le), "病院,PC");
        let mut ascii_le = Vec::new();
        for u in "IPAddress,ClientId".encode_utf16() {
            ascii_le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&ascii_le), "IPAddress,ClientId");
        let (sjis, _, _) = SHIFT_JIS.encode("放射線科-PC01");
        assert_eq!(decode(&sjis), "放射線科-PC01");
        assert_eq!(decode("放射線科".as_bytes()), "放射線科");
        assert_eq!(bounded(&"あ".repeat(1000)).chars().count(), MAX_TEXT);
        assert_eq!(value("  "), None);
    }
}
