//! The declared hours of a maintenance circuit (`maintenance.csv`
//! 接続時間), read from free text into weekly windows, and whether a remote
//! session seen by a capture falls inside them.
//!
//! The common forms are read, in Japanese and English: `常時`, `24時間`,
//! `24/7`, `平日 9:00-17:00`, `平日9-17時`, `月～金 8:30～17:15`,
//! `月曜日から金曜日 9時から17時まで`, `土日祝 10:00-15:00`, `毎日 22:00-翌6:00`,
//! `Mon-Fri 9am-5pm`, several windows separated by `、` or `,`. Text that
//! depends on a request (`申請時のみ`, `随時（事前連絡）`, `on request`) cannot
//! be checked against times; anything else not understood is reported as
//! unread, never guessed. National holidays are not known: `平日` is Monday
//! to Friday, `祝` is noted and ignored.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

/// Days of the week as a bit set, Monday = bit 0 … Sunday = bit 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Days(pub u8);

impl Days {
    /// Monday to Friday.
    pub const WEEKDAYS: Days = Days(0b001_1111);
    /// Saturday and Sunday.
    pub const WEEKEND: Days = Days(0b110_0000);
    /// Every day.
    pub const ALL: Days = Days(0b111_1111);

    /// True if `day` (0 = Monday) is in the set.
    pub fn has(self, day: u32) -> bool {
        day < 7 && self.0 & (1 << day) != 0
    }

    /// Days `from` to `to` inclusive, wrapping past Sunday.
    fn range(from: u32, to: u32) -> Days {
        let mut bits = 0u8;
        let mut d = from % 7;
        for _ in 0..7 {
            bits |= 1 << d;
            if d == to % 7 {
                break;
            }
            d = (d + 1) % 7;
        }
        Days(bits)
    }
}

/// Minutes in a day: a window's end may be 24:00.
const DAY_MINUTES: u16 = 24 * 60;

/// One weekly window: on `days`, from `start` to `end` minutes after local
/// midnight; an `end` not after `start` ends the next day (`22:00-翌6:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    /// Days the window opens on.
    pub days: Days,
    /// Opening, minutes after midnight.
    pub start: u16,
    /// Closing, minutes after midnight (1440: midnight at the end of the day).
    pub end: u16,
}

impl Window {
    /// The window's occurrence opening on `date`, if it opens that day.
    fn on(&self, date: NaiveDate) -> Option<(NaiveDateTime, NaiveDateTime)> {
        if !self.days.has(date.weekday().num_days_from_monday()) {
            return None;
        }
        let midnight = date.and_hms_opt(0, 0, 0)?;
        let open = midnight + Duration::minutes(i64::from(self.start));
        let mut close = midnight + Duration::minutes(i64::from(self.end));
        if self.end <= self.start {
            close += Duration::days(1);
        }
        Some((open, close))
    }
}

/// What the hours text says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Hours {
    /// Any time (`常時`, `24時間`, `24/7`).
    Always,
    /// Only when requested or announced (`申請時のみ`, `随時（事前連絡）`):
    /// times alone cannot tell whether a session was allowed.
    OnRequest,
    /// Weekly windows in the site's time zone.
    Windows {
        /// The windows.
        windows: Vec<Window>,
        /// The text also allows work outside them on request
        /// (`平日9-17時（時間外は事前申請）`).
        exceptions_on_request: bool,
    },
    /// Not understood (or empty): not checked.
    Unread,
}

/// Words that make the hours depend on a request or notice.
const ON_REQUEST: &[&str] = &[
    "申請",
    "事前連絡",
    "要連絡",
    "連絡の上",
    "連絡後",
    "依頼",
    "都度",
    "必要時",
    "作業時",
    "随時",
    "承認",
    "許可",
    "on request",
    "upon request",
    "by request",
    "when requested",
    "with notice",
    "by appointment",
    "as needed",
];

/// Words too vague to be turned into times: the whole text is unread.
const VAGUE: &[&str] = &[
    "夜間",
    "日中",
    "昼間",
    "深夜",
    "早朝",
    "業務時間",
    "診療時間",
    "営業時間",
    "時間内",
    "時間外",
    "以外",
    "除く",
    "night",
    "business hours",
    "office hours",
    "except",
];

/// Marks put in place of words while reading.
const FULL_DAY: char = '\u{e000}';
const WEEKDAYS_MARK: char = '\u{e001}';
const WEEKEND_MARK: char = '\u{e002}';
const EVERY_DAY: char = '\u{e003}';

/// Full-width digits and punctuation as ASCII, dashes and `から` as `-`.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'Ａ'..='Ｚ' => char::from(b'a' + (c as u32 - 'Ａ' as u32) as u8),
            'ａ'..='ｚ' => char::from(b'a' + (c as u32 - 'ａ' as u32) as u8),
            '：' => ':',
            '～' | '〜' | '~' | '－' | '−' | '–' | '—' | '‐' | 'ｰ' => '-',
            '、' | '，' | '；' | ';' | '／' | '\n' | '\r' | '。' => ',',
            '（' => '(',
            '）' => ')',
            '　' | '\t' => ' ',
            _ => c.to_ascii_lowercase(),
        };
        out.push(c);
    }
    out
}

/// Reads the hours text of a circuit.
pub fn parse(text: &str) -> Hours {
    let mut s = normalise(text.trim());
    if s.trim().is_empty() {
        return Hours::Unread;
    }
    let on_request = ON_REQUEST.iter().any(|w| s.contains(w));
    // A parenthesised aside about requests is an exception, not times.
    let mut exceptions = false;
    while let Some(open) = s.find('(') {
        let close = s[open..].find(')').map_or(s.len(), |c| open + c + 1);
        let aside = &s[open..close];
        if ON_REQUEST.iter().any(|w| aside.contains(w)) {
            exceptions = true;
            s.replace_range(open..close, " ");
        } else {
            // Other asides are read as plain text.
            s.replace_range(
                open..close,
                &format!(
                    " {} ",
                    &aside[1..aside.len() - usize::from(aside.ends_with(')'))]
                ),
            );
        }
    }
    for (from, to) in [
        ("24/7", FULL_DAY.to_string()),
        ("24x7", FULL_DAY.to_string()),
        ("365日24時間", FULL_DAY.to_string()),
        ("24時間365日", FULL_DAY.to_string()),
        ("24時間", FULL_DAY.to_string()),
        ("24h", FULL_DAY.to_string()),
        ("終日", FULL_DAY.to_string()),
        ("常時", FULL_DAY.to_string()),
        ("常設", FULL_DAY.to_string()),
        ("always", FULL_DAY.to_string()),
        ("all day", FULL_DAY.to_string()),
        ("anytime", FULL_DAY.to_string()),
        ("any time", FULL_DAY.to_string()),
        ("365日", String::new()),
        ("平日", WEEKDAYS_MARK.to_string()),
        ("weekdays", WEEKDAYS_MARK.to_string()),
        ("weekday", WEEKDAYS_MARK.to_string()),
        ("土日祝日", WEEKEND_MARK.to_string()),
        ("土日祝", WEEKEND_MARK.to_string()),
        ("休日", WEEKEND_MARK.to_string()),
        ("weekends", WEEKEND_MARK.to_string()),
        ("weekend", WEEKEND_MARK.to_string()),
        ("毎日", EVERY_DAY.to_string()),
        ("全日", EVERY_DAY.to_string()),
        ("daily", EVERY_DAY.to_string()),
        ("every day", EVERY_DAY.to_string()),
        ("everyday", EVERY_DAY.to_string()),
        ("曜日", "曜".into()),
        ("祝日", String::new()),
        ("祝", String::new()),
        ("から", "-".into()),
        (" to ", "-".into()),
        (" until ", "-".into()),
        ("まで", String::new()),
        ("翌日", String::new()),
        ("翌", String::new()),
    ] {
        s = s.replace(from, &to);
    }
    if VAGUE.iter().any(|w| s.contains(w)) {
        return if on_request {
            Hours::OnRequest
        } else {
            Hours::Unread
        };
    }
    match read_windows(&s) {
        Some(windows) if !windows.is_empty() => {
            let always = windows
                .iter()
                .all(|w| w.days == Days::ALL && w.start == 0 && w.end == DAY_MINUTES);
            if always && !exceptions {
                Hours::Always
            } else {
                Hours::Windows {
                    windows,
                    exceptions_on_request: exceptions,
                }
            }
        }
        _ if on_request => Hours::OnRequest,
        _ => Hours::Unread,
    }
}

/// The day a kanji or English abbreviation names (0 = Monday).
fn day_at(chars: &[char], i: usize) -> Option<(u32, usize)> {
    const KANJI: [char; 7] = ['月', '火', '水', '木', '金', '土', '日'];
    if let Some(d) = KANJI.iter().position(|&k| k == chars[i]) {
        let mut len = 1;
        if chars.get(i + 1) == Some(&'曜') {
            len += 1;
        }
        return Some((d as u32, len));
    }
    const EN: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let word: String = chars[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    if i > 0 && chars[i - 1].is_ascii_alphabetic() {
        return None;
    }
    let d = EN.iter().position(|e| word.starts_with(e))?;
    let full = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let ok = word.len() == 3
        || full[d].starts_with(word.as_str())
        || (d == 1 && word == "tues")
        || (d == 3 && (word == "thur" || word == "thurs"));
    ok.then_some((d as u32, word.len()))
}

/// A time at `i`: `9`, `09:30`, `9時`, `9時30分`, `9時半`, `9am`, `5:30pm`.
/// Returns minutes after midnight and the characters read.
fn time_at(chars: &[char], i: usize) -> Option<(u16, usize)> {
    let mut j = i;
    let digits = |j: &mut usize| -> Option<u16> {
        let start = *j;
        while *j < chars.len() && chars[*j].is_ascii_digit() && *j - start < 2 {
            *j += 1;
        }
        if *j == start || chars.get(*j).is_some_and(char::is_ascii_digit) {
            return None;
        }
        chars[start..*j].iter().collect::<String>().parse().ok()
    };
    let hour = digits(&mut j)?;
    let mut minute = 0u16;
    match chars.get(j) {
        Some(':') | Some('.') if chars.get(j + 1).is_some_and(char::is_ascii_digit) => {
            j += 1;
            minute = digits(&mut j)?;
        }
        Some('時') => {
            j += 1;
            if chars.get(j) == Some(&'半') {
                j += 1;
                minute = 30;
            } else if chars.get(j).is_some_and(char::is_ascii_digit) {
                let mut k = j;
                if let Some(m) = digits(&mut k) {
                    if chars.get(k) == Some(&'分') {
                        minute = m;
                        j = k + 1;
                    }
                }
            }
        }
        _ => {}
    }
    while chars.get(j) == Some(&' ') {
        j += 1;
    }
    let rest: String = chars[j..chars.len().min(j + 2)].iter().collect();
    let mut hour = hour;
    if rest == "am" || rest == "pm" {
        if hour == 0 || hour > 12 {
            return None;
        }
        if rest == "pm" && hour != 12 {
            hour += 12;
        } else if rest == "am" && hour == 12 {
            hour = 0;
        }
        j += 2;
    } else if j > i && chars[j - 1] == ' ' {
        j -= 1;
        while j > i && chars[j - 1] == ' ' {
            j -= 1;
        }
    }
    if minute >= 60 || hour > 24 || (hour == 24 && minute > 0) {
        return None;
    }
    Some((hour * 60 + minute, j - i))
}

/// Reads the windows of normalised text; `None`: some part not understood.
fn read_windows(s: &str) -> Option<Vec<Window>> {
    let chars: Vec<char> = s.chars().collect();
    let mut windows: Vec<Window> = Vec::new();
    // Days named since the last time range, and the days of that range.
    let mut pending: Option<u8> = None;
    let mut last_days: Option<Days> = None;
    let mut full_day = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            WEEKDAYS_MARK | WEEKEND_MARK | EVERY_DAY => {
                let d = match c {
                    WEEKDAYS_MARK => Days::WEEKDAYS,
                    WEEKEND_MARK => Days::WEEKEND,
                    _ => Days::ALL,
                };
                pending = Some(pending.unwrap_or(0) | d.0);
                i += 1;
            }
            FULL_DAY => {
                full_day = true;
                let days = pending.take().map(Days).or(last_days).unwrap_or(Days::ALL);
                windows.push(Window {
                    days,
                    start: 0,
                    end: DAY_MINUTES,
                });
                last_days = Some(days);
                i += 1;
            }
            _ if c.is_ascii_digit() => {
                let (start, n) = time_at(&chars, i)?;
                let mut j = i + n;
                while chars.get(j) == Some(&' ') {
                    j += 1;
                }
                if chars.get(j) != Some(&'-') {
                    return None;
                }
                j += 1;
                while chars.get(j) == Some(&' ') {
                    j += 1;
                }
                let (end, m) = time_at(&chars, j)?;
                j += m;
                if chars.get(j) == Some(&'時') {
                    j += 1;
                }
                let days = pending.take().map(Days).or(last_days).unwrap_or(Days::ALL);
                let end = if end == 0 { DAY_MINUTES } else { end };
                if start == end || start >= DAY_MINUTES {
                    return None;
                }
                windows.push(Window { days, start, end });
                last_days = Some(days);
                i = j;
            }
            _ => {
                if let Some((from, n)) = day_at(&chars, i) {
                    let mut j = i + n;
                    let mut days = Days::range(from, from);
                    if chars.get(j) == Some(&'-') {
                        if let Some((to, m)) = day_at(&chars, j + 1) {
                            days = Days::range(from, to);
                            j += 1 + m;
                        }
                    }
                    pending = Some(pending.unwrap_or(0) | days.0);
                    i = j;
                    continue;
                }
                // Fillers between the parts.
                let filler = c == ' '
                    || c == ','
                    || c == '・'
                    || c == '&'
                    || c == '+'
                    || c == '-'
                    || c == '時'
                    || c == 'の'
                    || c == 'み'
                    || c == 'は'
                    || c == 'と'
                    || c == '及'
                    || c == 'び'
                    || c == '('
                    || c == ')'
                    || c == '頃'
                    || c == '迄'
                    || c == '可';
                let word: String = chars[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect();
                if filler {
                    i += 1;
                } else if matches!(word.as_str(), "and" | "only" | "from" | "hours" | "on") {
                    i += word.len();
                } else {
                    // Request words are read by `parse`; anything else is not understood.
                    let rest: String = chars[i..].iter().collect();
                    let w = ON_REQUEST.iter().find(|w| rest.starts_with(*w))?;
                    i += w.chars().count();
                }
            }
        }
    }
    if let Some(days) = pending {
        // Days named with no times: the whole days, when nothing else had times.
        if windows.is_empty() || full_day {
            windows.push(Window {
                days: Days(days),
                start: 0,
                end: DAY_MINUTES,
            });
        } else {
            return None;
        }
    }
    Some(windows)
}

impl Hours {
    /// Whether the whole of `[first, last]` (UTC) lies in the hours, read in
    /// the zone `offset`; `None` when the hours cannot be checked by time.
    pub fn allows(
        &self,
        first: DateTime<Utc>,
        last: DateTime<Utc>,
        offset: FixedOffset,
    ) -> Option<bool> {
        let windows = match self {
            Hours::Always => return Some(true),
            Hours::OnRequest | Hours::Unread => return None,
            Hours::Windows { windows, .. } => windows,
        };
        let (first, last) = (first.min(last), first.max(last));
        let mut t = first.with_timezone(&offset).naive_local();
        let end = last.with_timezone(&offset).naive_local();
        // Follow windows that join end to start (a night window after a day one).
        for _ in 0..400 {
            let date = t.date();
            let reach = [date.pred_opt(), Some(date)]
                .into_iter()
                .flatten()
                .flat_map(|d| windows.iter().filter_map(move |w| w.on(d)))
                .filter(|(open, close)| *open <= t && t < *close)
                .map(|(_, close)| close)
                .max();
            match reach {
                None => return Some(false),
                Some(close) if close >= end => return Some(true),
                Some(close) => t = close,
            }
        }
        Some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(days: Days, start: &str, end: &str) -> Window {
        let m = |s: &str| {
            let (h, mm) = s.split_once(':').unwrap();
            h.parse::<u16>().unwrap() * 60 + mm.parse::<u16>().unwrap()
        };
        Window {
            days,
            start: m(start),
            end: m(end),
        }
    }

    fn windows(v: Vec<Window>) -> Hours {
        Hours::Windows {
            windows: v,
            exceptions_on_request: false,
        }
    }

    #[test]
    fn common_forms_are_read() {
        let wd = Days::WEEKDAYS;
        for (text, want) in [
            ("常時", Hours::Always),
            ("24時間", Hours::Always),
            ("24時間365日", Hours::Always),
            ("２４時間", Hours::Always),
            ("24/7", Hours::Always),
            ("Always", Hours::Always),
            ("申請時のみ", Hours::OnRequest),
            ("随時（事前連絡）", Hours::OnRequest),
            ("作業時のみ（都度申請）", Hours::OnRequest),
            ("On request", Hours::OnRequest),
            ("平日 9:00-17:00", windows(vec![w(wd, "9:00", "17:00")])),
            ("平日9-17時", windows(vec![w(wd, "9:00", "17:00")])),
            (
                "平日９：００～１７：３０",
                windows(vec![w(wd, "9:00", "17:30")]),
            ),
            ("月～金 8:30～17:15", windows(vec![w(wd, "8:30", "17:15")])),
            (
                "月曜日から金曜日 9時から17時まで",
                windows(vec![w(wd, "9:00", "17:00")]),
            ),
            ("月-金 9時半-17時", windows(vec![w(wd, "9:30", "17:00")])),
            ("Mon-Fri 9am-5pm", windows(vec![w(wd, "9:00", "17:00")])),
            (
                "weekdays 09:00-18:00",
                windows(vec![w(wd, "9:00", "18:00")]),
            ),
            ("9:00-17:00", windows(vec![w(Days::ALL, "9:00", "17:00")])),
            (
                "毎日 22:00-翌6:00",
                windows(vec![w(Days::ALL, "22:00", "6:00")]),
            ),
            (
                "平日 9:00-17:00、土 9:00-12:00",
                windows(vec![
                    w(wd, "9:00", "17:00"),
                    w(Days(0b10_0000), "9:00", "12:00"),
                ]),
            ),
            (
                "平日9:00-12:00,13:00-17:00",
                windows(vec![w(wd, "9:00", "12:00"), w(wd, "13:00", "17:00")]),
            ),
            (
                "土日祝 10:00-15:00",
                windows(vec![w(Days::WEEKEND, "10:00", "15:00")]),
            ),
            (
                "月・水・金 9-12時",
                windows(vec![w(Days(0b1_0101), "9:00", "12:00")]),
            ),
            ("平日24時間", windows(vec![w(wd, "0:00", "24:00")])),
            ("平日のみ", windows(vec![w(wd, "0:00", "24:00")])),
            (
                "平日9-17時（時間外は事前申請）",
                Hours::Windows {
                    windows: vec![w(wd, "9:00", "17:00")],
                    exceptions_on_request: true,
                },
            ),
        ] {
            assert_eq!(parse(text), want, "{text}");
        }
    }

    #[test]
    fn what_cannot_be_read_is_unread_not_guessed() {
        for text in [
            "",
            "  ",
            "夜間のみ",
            "業務時間内",
            "月2回",
            "平日 9:00-17:00、土",
            "25:00-26:00",
            "9:00-9:00",
            "9:61-10:00",
            "第2・第4土曜 9-12時 以外",
            "なんでも",
            "13pm-14pm",
        ] {
            assert_eq!(parse(text), Hours::Unread, "{text:?}");
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn sessions_are_checked_in_the_sites_zone() {
        let jst = FixedOffset::east_opt(9 * 3600).unwrap();
        let h = parse("平日 9:00-17:00");
        // 2026-12-04 is a Friday: 10:00-11:00 JST is 01:00-02:00 UTC.
        assert_eq!(
            h.allows(
                utc("2026-12-04T01:00:00Z"),
                utc("2026-12-04T02:00:00Z"),
                jst
            ),
            Some(true)
        );
        // 16:30-17:30 JST runs past the end.
        assert_eq!(
            h.allows(
                utc("2026-12-04T07:30:00Z"),
                utc("2026-12-04T08:30:00Z"),
                jst
            ),
            Some(false)
        );
        // Saturday 10:00 JST.
        assert_eq!(
            h.allows(
                utc("2026-12-05T01:00:00Z"),
                utc("2026-12-05T01:10:00Z"),
                jst
            ),
            Some(false)
        );
        // 02:00 UTC Friday is 11:00 JST but 02:00 in UTC: the zone matters.
        let utc0 = FixedOffset::east_opt(0).unwrap();
        assert_eq!(
            h.allows(
                utc("2026-12-04T02:00:00Z"),
                utc("2026-12-04T02:10:00Z"),
                utc0
            ),
            Some(false)
        );
        // A night window across midnight, and one chained to a day window.
        let night = parse("毎日 22:00-翌6:00");
        assert_eq!(
            night.allows(
                utc("2026-12-04T14:00:00Z"),
                utc("2026-12-04T20:00:00Z"),
                jst
            ),
            Some(true)
        );
        assert_eq!(
            night.allows(
                utc("2026-12-04T20:00:00Z"),
                utc("2026-12-04T22:00:00Z"),
                jst
            ),
            Some(false)
        );
        let chained = parse("毎日 8:00-22:00、22:00-8:00");
        assert_eq!(
            chained.allows(
                utc("2026-12-04T00:00:00Z"),
                utc("2026-12-06T00:00:00Z"),
                jst
            ),
            Some(true)
        );
        assert_eq!(
            Hours::Always.allows(
                utc("2026-12-04T00:00:00Z"),
                utc("2026-12-04T00:00:00Z"),
                jst
            ),
            Some(true)
        );
        assert_eq!(
            parse("申請時のみ").allows(
                utc("2026-12-04T00:00:00Z"),
                utc("2026-12-04T00:00:00Z"),
                jst
            ),
            None
        );
    }
}
