//! Text for people: the one translation table ([`words`]) and the one policy
//! for untrusted text ([`clean`]).
//!
//! Every writer takes its fixed wording from [`Word`] and passes every string
//! that came from a file or the network through [`clean`] for its target
//! (terminal, XML/SVG, JSON, CSV cell) before writing it.

pub mod clean;
pub mod time;
pub mod words;

pub use crate::site::Lang;
pub use clean::Target;
pub use time::TimeZone;
pub use words::Word;

/// `s` made fit to stand inside a pair of brackets in Japanese text, so that
/// brackets never nest: a bracketed note becomes a 「・」 part
/// (「保守事業者 (電子カルテ)」 → 「保守事業者・電子カルテ」).
pub fn unnested(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' | '（' => {
                while out.ends_with(' ') || out.ends_with('\u{3000}') {
                    out.pop();
                }
                if !out.is_empty() && !out.ends_with('・') {
                    out.push('・');
                }
            }
            ')' | '）' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unnested;

    #[test]
    fn brackets_inside_brackets_become_parts() {
        assert_eq!(
            unnested("保守事業者 (電子カルテ)"),
            "保守事業者・電子カルテ"
        );
        assert_eq!(unnested("IPsec-VPN（LTE）"), "IPsec-VPN・LTE");
        assert_eq!(unnested("常時"), "常時");
        assert_eq!(unnested("(院内)"), "院内");
        assert_eq!(unnested("A (B) (C)"), "A・B・C");
    }
}
