//! Times as people read them: text outputs show a scan's start in the
//! site's local time (`site.toml` `timezone`, default Asia/Tokyo), as
//! 「2026年11月2日 10:00」; JSON keeps RFC 3339 UTC.
//!
//! Only fixed offsets are needed (Japan has no daylight saving time), so a
//! zone is a name and its offset: `Asia/Tokyo` (also `Japan`, `JST`), `UTC`,
//! or an offset written `+09:00`, `UTC+9`, `UTC+09:00`.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, Offset, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Lang;

/// A time zone of fixed offset, with the name `site.toml` gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZone {
    name: String,
    offset: FixedOffset,
}

/// Japan Standard Time, nine hours ahead of UTC.
const JST_SECONDS: i32 = 9 * 3600;

impl Default for TimeZone {
    /// Asia/Tokyo: the hospitals koseizu is for are in Japan.
    fn default() -> Self {
        TimeZone {
            name: "Asia/Tokyo".into(),
            offset: FixedOffset::east_opt(JST_SECONDS).unwrap_or_else(|| Utc.fix()),
        }
    }
}

/// Why a `timezone` is not one koseizu knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?} (e.g. Asia/Tokyo, UTC, +09:00)")]
pub struct UnknownZone(pub String);

impl FromStr for TimeZone {
    type Err = UnknownZone;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim();
        let unknown = || UnknownZone(name.to_owned());
        let seconds = match name.to_ascii_lowercase().as_str() {
            "asia/tokyo" | "japan" | "jst" | "日本" => JST_SECONDS,
            "utc" | "etc/utc" | "gmt" | "z" => 0,
            other => {
                let rest = other
                    .strip_prefix("utc")
                    .or_else(|| other.strip_prefix("gmt"))
                    .unwrap_or(other);
                offset_seconds(rest).ok_or_else(unknown)?
            }
        };
        Ok(TimeZone {
            name: name.to_owned(),
            offset: FixedOffset::east_opt(seconds).ok_or_else(unknown)?,
        })
    }
}

/// `+09:00`, `+9`, `-0530`, `+5:30` as seconds east of UTC.
fn offset_seconds(s: &str) -> Option<i32> {
    let (sign, digits) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    let all_digits =
        |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || !all_digits(minutes) {
        return None;
    }
    let (h, m): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

impl TimeZone {
    /// The name as `site.toml` wrote it (`Asia/Tokyo` by default).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The zone's offset from UTC.
    pub fn offset(&self) -> FixedOffset {
        self.offset
    }

    /// `t` in this zone for a reader of `lang`: 「2026年11月2日 10:00」, or
    /// `2026-11-02 10:00 (Asia/Tokyo)`.
    pub fn local(&self, t: DateTime<Utc>, lang: Lang) -> String {
        let local = t.with_timezone(&self.offset);
        match lang {
            Lang::Ja => local.format("%Y年%-m月%-d日 %H:%M").to_string(),
            Lang::En => format!("{} ({})", local.format("%Y-%m-%d %H:%M"), self.name),
        }
    }
}

impl TimeZone {
    /// The calendar day of `t` in this zone (what the staff call its date).
    pub fn day(&self, t: DateTime<Utc>) -> chrono::NaiveDate {
        t.with_timezone(&self.offset).date_naive()
    }

    /// The day of `t` in this zone for a reader of `lang`: 「2026年11月2日」,
    /// or `2026-11-02`.
    pub fn local_date(&self, t: DateTime<Utc>, lang: Lang) -> String {
        date(self.day(t), lang)
    }
}

/// A calendar day for a reader of `lang`: 「2026年11月2日」, or `2026-11-02`.
pub fn date(d: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ja => d.format("%Y年%-m月%-d日").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

impl fmt::Display for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl Serialize for TimeZone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name)
    }
}

impl<'de> Deserialize<'de> for TimeZone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn tokyo_by_default_in_japanese_words() {
        let tz = TimeZone::default();
        assert_eq!(
            tz.local(at("2026-11-02T01:00:00Z"), Lang::Ja),
            "2026年11月2日 10:00"
        );
        assert_eq!(
            tz.local(at("2026-11-02T01:00:00Z"), Lang::En),
            "2026-11-02 10:00 (Asia/Tokyo)"
        );
        // Past midnight in Tokyo is the next day.
        assert_eq!(
            tz.local(at("2026-12-31T15:30:00Z"), Lang::Ja),
            "2027年1月1日 00:30"
        );
        assert_eq!(
            tz.local_date(at("2026-12-31T15:30:00Z"), Lang::Ja),
            "2027年1月1日"
        );
        assert_eq!(
            tz.local_date(at("2026-12-31T15:30:00Z"), Lang::En),
            "2027-01-01"
        );
    }

    #[test]
    fn names_and_offsets() {
        for (name, hours) in [
            ("Asia/Tokyo", 9),
            ("JST", 9),
            ("UTC", 0),
            ("+09:00", 9),
            ("UTC+9", 9),
            ("-0500", -5),
        ] {
            let tz: TimeZone = name.parse().unwrap();
            assert_eq!(tz.offset.local_minus_utc(), hours * 3600, "{name}");
            assert_eq!(tz.name(), name);
        }
        for bad in ["Mars/Olympus", "+25:00", "+9:75", "", "UTC+x"] {
            assert!(bad.parse::<TimeZone>().is_err(), "{bad}");
        }
    }
}
