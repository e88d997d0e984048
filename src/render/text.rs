//! Text for the diagram: estimating widths, wrapping (with kinsoku) and
//! truncating. Hostile strings are cleaned by the shared policy,
//! [`crate::text::clean`].
//!
//! One width estimate ([`text_width`]) is used both to size boxes and to
//! wrap or truncate labels, so a label never spills out of the box computed
//! for it. The estimate is deliberately generous (CJK and other wide glyphs
//! 1.0 em, Latin 0.6 em): a box a little too wide is harmless on paper, a
//! label running over its neighbour is not.

use crate::text::clean::page;

/// Tolerance for comparing widths (far below anything visible).
pub const EPSILON: f64 = 0.01;

/// Width in em of one character, as the Japanese fonts we name render it (generously).
pub fn char_em(c: char) -> f64 {
    let u = c as u32;
    match u {
        // Combining marks and zero-width characters take no room.
        0x0300..=0x036F | 0x200B..=0x200D | 0xFE00..=0xFE0F => 0.0,
        // ASCII: 0.6 em covers the widest common letters (M, W are ~0.85 but
        // rare in names; upper-case heavy words get the wider class below).
        0x20..=0x7E => {
            if c.is_ascii_uppercase() || c == '@' || c == '%' || c == '&' {
                0.7
            } else {
                0.6
            }
        }
        // Latin-1, Latin Extended, Greek, Cyrillic: proportional like ASCII.
        0xA0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2FF | 0x370..=0x52F => 0.7,
        // Hangul half-width and the half-width katakana block are narrow.
        0xFF61..=0xFFDC | 0xFFE8..=0xFFEE => 0.6,
        // Everything else (CJK, kana, full-width forms, symbols such as × … ⚠ ☁
        // which Japanese fonts draw full width) counts as one em.
        _ => 1.0,
    }
}

/// Estimated width of `s` at `font_size` (same units as the font size).
pub fn text_width(s: &str, font_size: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * font_size
}

/// Cuts `s` so that it fits `max_width`, ending with `…` when anything was cut.
pub fn truncate(s: &str, font_size: f64, max_width: f64) -> String {
    // Widths computed as `a + b - b` can land a hair under `a`: allow for it.
    let max_width = max_width + EPSILON;
    if text_width(s, font_size) <= max_width {
        return s.to_string();
    }
    let ellipsis = char_em('…') * font_size;
    let mut out = String::new();
    let mut w = 0.0;
    for c in s.chars() {
        let cw = char_em(c) * font_size;
        if w + cw + ellipsis > max_width {
            break;
        }
        w += cw;
        out.push(c);
    }
    let trimmed = out.trim_end().to_string();
    if ellipsis <= max_width {
        trimmed + "…"
    } else {
        trimmed
    }
}

/// Characters Japanese typesetting keeps off the start of a line.
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        'ー' | 'ｰ'
            | '～'
            | '々'
            | '、'
            | '。'
            | '，'
            | '．'
            | '・'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '］'
            | '｝'
            | '〉'
            | '》'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | 'ｧ'
            | 'ｨ'
            | 'ｩ'
            | 'ｪ'
            | 'ｫ'
            | 'ｯ'
            | 'ｬ'
            | 'ｭ'
            | 'ｮ'
    )
}

/// Opening brackets, which Japanese typesetting keeps off the end of a line.
fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '【' | '〔' | '［' | '｛' | '〈' | '《'
    )
}

/// True for a character of a katakana word (including the long-vowel mark
/// and small kana): a run of them is one word, never broken where the line
/// has another break point.
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '\u{30FC}'..='\u{30FE}' | '\u{FF66}'..='\u{FF9F}')
}

/// True for a character of a Latin word: ASCII and full-width letters and
/// digits, and the marks that join them (`-`, `.`, `/`, `_`, `'`).
fn is_latin(c: char) -> bool {
    (c.is_ascii() && c != ' ')
        || matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
}

/// Opening brackets, which stay with what follows them.
fn opens(c: char) -> bool {
    no_line_end(c) || c == '('
}

/// Closing brackets and punctuation, which stay with what precedes them.
fn closes(c: char) -> bool {
    no_line_start(c) && !is_katakana(c) || c == ')'
}

/// The pieces a line may break between: a Latin word, a katakana word, a
/// space, or one other character (Japanese breaks between any two), with an
/// opening bracket kept on the piece after it and closing punctuation on the
/// piece before it.
fn tokens(s: &str) -> Vec<String> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Latin,
        Katakana,
        Other,
    }
    let class = |c: char| {
        if is_latin(c) {
            Class::Latin
        } else if is_katakana(c) {
            Class::Katakana
        } else {
            Class::Other
        }
    };
    let mut raw: Vec<String> = Vec::new();
    let mut run: Option<Class> = None;
    for c in s.chars() {
        let k = class(c);
        let joins = c != ' ' && k != Class::Other && run == Some(k);
        match raw.last_mut() {
            Some(last) if joins => last.push(c),
            _ => raw.push(c.to_string()),
        }
        run = (c != ' ').then_some(k);
    }
    // Brackets and punctuation stay with their neighbours.
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    let mut pending_open = String::new();
    for t in raw {
        let first = t.chars().next().unwrap_or(' ');
        let single = t.chars().count() == 1;
        if single && opens(first) {
            pending_open.push(first);
            continue;
        }
        if t == " " {
            if !pending_open.is_empty() {
                out.push(std::mem::take(&mut pending_open));
            }
            out.push(t);
            continue;
        }
        let t = format!("{}{t}", std::mem::take(&mut pending_open));
        match out.last_mut() {
            Some(prev) if single && closes(first) && prev != " " => prev.push_str(&t),
            _ => out.push(t),
        }
    }
    if !pending_open.is_empty() {
        out.push(pending_open);
    }
    out
}

/// Wraps `s` into at most `max_lines` lines no wider than `max_width`; the last
/// line is truncated with `…` if text remains. Latin and katakana words are
/// kept whole when they fit on a line (「地域連携／ゲートウェイサーバ」, not
/// 「地域連携ゲートウェ／イサーバ」), brackets stay with what they enclose;
/// other Japanese breaks between any two characters.
///
/// When whole words would not all fit in `max_lines`, words are broken
/// rather than the text cut: a name on the page beats a tidy break.
pub fn wrap(s: &str, font_size: f64, max_width: f64, max_lines: usize) -> Vec<String> {
    let s = page(s);
    if s.is_empty() || max_lines == 0 {
        return Vec::new();
    }
    let by_words = wrap_tokens(&s, tokens(&s), font_size, max_width, max_lines);
    if shows_whole(&s, &by_words) {
        return by_words;
    }
    wrap_tokens(&s, char_tokens(&s), font_size, max_width, max_lines)
}

/// Every character its own piece, but for runs of ASCII (a Latin word, an
/// IP address): the fallback when whole words do not fit.
fn char_tokens(s: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        if c.is_ascii() && c != ' ' {
            word.push(c);
        } else {
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            tokens.push(c.to_string());
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    tokens
}

/// [`wrap`] over the given pieces of `s` (already cleaned for the page).
fn wrap_tokens(
    s: &str,
    mut tokens: Vec<String>,
    font_size: f64,
    max_width: f64,
    max_lines: usize,
) -> Vec<String> {
    let max_width = max_width + EPSILON;

    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < tokens.len() {
        let tok = &tokens[i];
        if tok.chars().count() > 1 && text_width(tok, font_size) > max_width {
            // A word wider than any line: it breaks by characters anyway, so
            // it flows on from the line it starts (kinsoku still applies).
            let chars: Vec<String> = tok.chars().map(String::from).collect();
            tokens.splice(i..=i, chars);
            continue;
        }
        let tok = &tokens[i];
        let candidate = format!("{cur}{tok}");
        if text_width(candidate.trim_end(), font_size) <= max_width {
            cur = candidate;
            i += 1;
            continue;
        }
        if cur.trim().is_empty() {
            // A single token wider than the line: break it by characters.
            let mut part = String::new();
            let mut rest = String::new();
            for c in tok.chars() {
                if rest.is_empty() && text_width(&format!("{part}{c}"), font_size) <= max_width {
                    part.push(c);
                } else {
                    rest.push(c);
                }
            }
            if part.is_empty() {
                // Not even one character fits: give up on this line width.
                return vec![truncate(s, font_size, max_width)];
            }
            lines.push(part);
            tokens[i] = rest;
            cur.clear();
        } else {
            // Kinsoku: a line must not start with ー, a small kana or closing
            // punctuation ("サ" / "ーバ"), nor end with an opening bracket, so
            // the last character moves down to the next line.
            let carried = match (tok.chars().next(), cur.chars().last()) {
                (Some(next), Some(last))
                    if (no_line_start(next) || no_line_end(last))
                        && !last.is_ascii()
                        && cur.trim().chars().count() > 1 =>
                {
                    cur.pop()
                }
                _ => None,
            };
            lines.push(cur.trim().to_string());
            cur.clear();
            match carried {
                Some(c) => cur.push(c),
                None if tok == " " => i += 1,
                None => {}
            }
        }
        if lines.len() == max_lines {
            break;
        }
    }
    if lines.len() < max_lines {
        if !cur.trim().is_empty() {
            lines.push(cur.trim().to_string());
        }
        return lines;
    }
    // Out of lines with text left: end the last line with an ellipsis.
    let rest_left = i < tokens.len() || !cur.trim().is_empty();
    if rest_left {
        if let Some(last) = lines.last_mut() {
            let mut tail = last.clone();
            tail.push_str(&cur);
            tail.push_str(&tokens[i.min(tokens.len() - 1)..].concat());
            *last = truncate(&format!("{tail}…"), font_size, max_width);
            if !last.ends_with('…') {
                *last = truncate(&format!("{last}……"), font_size, max_width);
            }
        }
    }
    lines
}

/// True when `lines` show the whole of `s` (as [`wrap`] or [`truncate`]
/// made them): nothing but spaces at line breaks is missing.
///
/// Wrapping drops only the spaces where it breaks a line and adds nothing but
/// an ellipsis where it cuts, so comparing what is left is exact.
pub fn shows_whole<S: AsRef<str>>(s: &str, lines: &[S]) -> bool {
    let shown = lines
        .iter()
        .flat_map(|l| l.as_ref().chars())
        .filter(|c| *c != ' ');
    page(s).chars().filter(|c| *c != ' ').eq(shown)
}

/// [`wrap`], and whether anything was cut (the whole text then belongs in a tooltip).
pub fn wrap_checked(
    s: &str,
    font_size: f64,
    max_width: f64,
    max_lines: usize,
) -> (Vec<String>, bool) {
    let lines = wrap(s, font_size, max_width, max_lines);
    let cut = !shows_whole(s, &lines);
    (lines, cut)
}

/// [`truncate`], and whether anything was cut.
pub fn truncate_checked(s: &str, font_size: f64, max_width: f64) -> (String, bool) {
    let t = truncate(s, font_size, max_width);
    let cut = t != s;
    (t, cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_wider_than_latin() {
        assert_eq!(text_width("パソコン", 10.0), 40.0);
        assert!((text_width("pc-01", 10.0) - 30.0).abs() < 1e-9);
    }

    #[test]
    fn wrap_fits_every_line() {
        let s = "電子カルテ系サーバ群とPACS画像サーバ（放射線科）のネットワーク";
        let lines = wrap(s, 10.0, 80.0, 3);
        assert_eq!(lines.len(), 3);
        for l in &lines {
            assert!(text_width(l, 10.0) <= 80.0, "{l}");
        }
        assert!(lines[2].ends_with('…'));
        let lines = wrap("core switch in building A", 10.0, 90.0, 5);
        assert_eq!(lines, vec!["core switch in", "building A"]);
    }

    #[test]
    fn wrap_keeps_long_vowel_and_small_kana_off_the_line_start() {
        // 9 em fit: plain breaking would give "ネットワーク監視サ" / "ーバ".
        let lines = wrap("ネットワーク監視サーバ", 10.0, 90.0, 3);
        assert_eq!(lines, vec!["ネットワーク監視", "サーバ"]);
        let lines = wrap("電子カルテサーバ（本番）", 10.0, 90.0, 3);
        assert_eq!(lines, vec!["電子カルテサーバ", "（本番）"]);
        let lines = wrap("バックアップ", 10.0, 20.0, 4);
        assert_eq!(lines, vec!["バッ", "ク", "アッ", "プ"]);
        // Out of lines: the cut still reads as the name does.
        let lines = wrap("ネットワーク監視サーバ", 10.0, 90.0, 1);
        assert_eq!(lines, vec!["ネットワーク監視…"]);
    }

    #[test]
    fn wrap_loses_nothing_and_fits_at_every_width() {
        let names = [
            "ネットワーク監視サーバ（バックアップ）",
            "電子カルテ・オーダリング連携ゲートウェイ",
            "ｻｰﾊﾞ ｽｲｯﾁ core-switch-01 ー っ",
            "ーーーっっっ。。",
            "PACS画像ストレージ (Dell PowerVault ME5024)",
        ];
        for name in names {
            for width in (5..=40).map(|w| w as f64 * 5.0) {
                let lines = wrap(name, 10.0, width, 20);
                for l in &lines {
                    assert!(
                        text_width(l, 10.0) <= width + EPSILON,
                        "{name} @{width}: {l}"
                    );
                }
                let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
                if !joined.contains('…') {
                    let want: String = name.chars().filter(|c| *c != ' ').collect();
                    assert_eq!(joined, want, "{name} @{width}: {lines:?}");
                }
            }
        }
    }

    #[test]
    fn wrap_huge_name_is_bounded() {
        let s = "あ".repeat(2000);
        let lines = wrap(&s, 10.0, 100.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| text_width(l, 10.0) <= 100.0));
        let t = truncate(&"x".repeat(500), 10.0, 50.0);
        assert!(text_width(&t, 10.0) <= 50.0 && t.ends_with('…'));
    }

    #[test]
    fn words_stay_whole_where_the_line_has_another_break() {
        for (name, width, want) in [
            (
                "地域連携ゲートウェイサーバ",
                10.0,
                vec!["地域連携", "ゲートウェイサーバ"],
            ),
            (
                "録画サーバ (監視カメラ)",
                7.0,
                vec!["録画サーバ", "(監視カメラ)"],
            ),
            (
                "電子カルテサーバ (本番)",
                9.0,
                vec!["電子カルテサーバ", "(本番)"],
            ),
            (
                "株式会社ひまわりビジネスソリューションズ",
                13.0,
                vec!["株式会社ひまわり", "ビジネスソリューションズ"],
            ),
        ] {
            let lines = wrap(name, 10.0, width * 10.0, 3);
            assert_eq!(lines, want, "{name}");
        }
        // A word longer than a line is still broken (by characters).
        let lines = wrap("ビジネスソリューションズ", 10.0, 60.0, 3);
        assert!(lines.len() > 1 && lines.iter().all(|l| text_width(l, 10.0) <= 60.0 + EPSILON));
    }

    #[test]
    fn no_break_inside_a_word_when_another_break_point_exists() {
        let names = [
            "地域連携ゲートウェイサーバ",
            "株式会社ひまわりビジネスソリューションズ",
            "録画サーバ (監視カメラ)",
            "電子カルテサーバ (本番)",
            "PACS保守用VPNルータ (事業者所有)",
            "リモート保守用SSL-VPN装置 (FortiGate 60F)",
            "設備系 (カメラ・電話・ナースコール)",
        ];
        for name in names {
            for em in 6..30 {
                let width = f64::from(em) * 10.0;
                let lines = wrap(name, 10.0, width, 10);
                assert!(shows_whole(name, &lines), "{name} at {em}: {lines:?}");
                // Where the tokens may break, counted in characters other than spaces.
                let mut inside = std::collections::HashMap::new();
                let mut end = 0usize;
                for t in tokens(name) {
                    let start = end;
                    end += t.chars().filter(|c| *c != ' ').count();
                    for p in start + 1..end {
                        inside.insert(p, (t.clone(), text_width(&t, 10.0) > width));
                    }
                }
                let mut at = 0;
                for l in &lines[..lines.len() - 1] {
                    at += l.chars().filter(|c| *c != ' ').count();
                    if let Some((word, too_wide)) = inside.get(&at) {
                        assert!(
                            *too_wide,
                            "{name} at {em} em: a break inside 「{word}」: {lines:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn cuts_are_reported() {
        let (lines, cut) = wrap_checked("core switch in building A", 10.0, 90.0, 5);
        assert_eq!(lines, vec!["core switch in", "building A"]);
        assert!(!cut, "a wrap that only breaks at spaces loses nothing");
        let (_, cut) = wrap_checked("ネットワーク監視サーバ", 10.0, 90.0, 1);
        assert!(cut);
        assert!(!truncate_checked("PC-01", 10.0, 100.0).1);
        assert!(truncate_checked(&"x".repeat(50), 10.0, 100.0).1);
        assert!(!shows_whole("a b", &["a…"]));
    }
}
