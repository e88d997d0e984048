//! Firmware versions as vendors write them (`FortiOS 6.0.4`, `v6.0.4
//! build0231`, `Rev.14.01.38`, `9.0R3.4`, `10.2.9-h1`, `13.0-47.24`, `9.8(4)20`), read
//! as a list of numbers compared component by component.

use std::cmp::Ordering;
use std::fmt;

/// A version: its numbers in order (`9.0R3.4` → 9, 0, 3, 4).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Version(Vec<u32>);

impl Version {
    /// Reads the first version-looking run of `text`: digits separated by
    /// `.`, `-`, `R`/`r`, `-h`, `build`; `None` if it has no digit.
    pub fn parse(text: &str) -> Option<Version> {
        let b = text.as_bytes();
        let first = b.iter().position(u8::is_ascii_digit)?;
        let mut parts = Vec::new();
        let mut i = first;
        loop {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let n: u32 = text[start..i].parse().unwrap_or(u32::MAX);
            parts.push(n);
            if parts.len() >= 8 {
                break;
            }
            // A separator followed by a digit continues the version.
            let rest = &text[i..];
            let sep = [
                ".", "-h", "-H", "R", "r", "-", " build", "build", ",build", " Build", "_", "(",
                ")",
            ]
            .iter()
            .find(|s| {
                rest.starts_with(**s) && rest[s.len()..].starts_with(|c: char| c.is_ascii_digit())
            });
            match sep {
                Some(s) => i += s.len(),
                None => break,
            }
        }
        Some(Version(parts))
    }

    /// Its numbers.
    pub fn parts(&self) -> &[u32] {
        &self.0
    }

    /// Compares `self` with `bound` on the bound's own precision: `6.0.4
    /// build0231` is equal to `6.0.4`, and `6.0` holds every `6.0.x`.
    pub fn cmp_to(&self, bound: &Version) -> Ordering {
        for (i, b) in bound.0.iter().enumerate() {
            let s = self.0.get(i).copied().unwrap_or(0);
            match s.cmp(b) {
                Ordering::Equal => continue,
                o => return o,
            }
        }
        Ordering::Equal
    }

    /// True if `first <= self <= last`, each on its own precision.
    pub fn within(&self, first: &Version, last: &Version) -> bool {
        self.cmp_to(first) != Ordering::Less && self.cmp_to(last) != Ordering::Greater
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for p in &self.0 {
            if !first {
                f.write_str(".")?;
            }
            first = false;
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn vendor_spellings() {
        assert_eq!(v("FortiOS 6.0.4").parts(), &[6, 0, 4]);
        assert_eq!(v("v6.0.4 build0231").parts(), &[6, 0, 4, 231]);
        assert_eq!(v("v6.0.4,build0231 (GA)").parts(), &[6, 0, 4, 231]);
        assert_eq!(v("Rev.14.01.38").parts(), &[14, 1, 38]);
        assert_eq!(v("9.0R3.4").parts(), &[9, 0, 3, 4]);
        assert_eq!(v("10.2.9-h1").parts(), &[10, 2, 9, 1]);
        assert_eq!(v("NS13.0-47.24").parts(), &[13, 0, 47, 24]);
        assert_eq!(Version::parse("none"), None);
    }

    #[test]
    fn precision_of_the_bound() {
        assert!(v("6.0.4 build0231").within(&v("6.0.0"), &v("6.0.4")));
        assert!(!v("6.0.5").within(&v("6.0.0"), &v("6.0.4")));
        assert!(v("6.0.0").within(&v("6.0.0"), &v("6.0.4")));
        assert!(!v("5.6.2").within(&v("5.6.3"), &v("5.6.7")));
        assert!(v("6.0.9").within(&v("6.0"), &v("6.0")));
        assert!(!v("6.2.0").within(&v("6.0"), &v("6.0")));
        assert_eq!(v("7").to_string(), "7");
    }
}
