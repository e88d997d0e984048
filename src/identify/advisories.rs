//! The advisory table: known-exploited vulnerabilities of VPN, firewall
//! and remote-access appliances (CVE, make, firmware family, affected and
//! fixed ranges, the date CISA added it to the KEV catalogue). Bundled as
//! `src/identify/data/advisories.tsv`; `--advisories FILE` reads a newer
//! table in the same format. Validated when loaded.

use chrono::NaiveDate;
use serde::Serialize;

use super::version::Version;

/// The bundled table.
pub const BUNDLED: &str = include_str!("data/advisories.tsv");

/// One affected range and the release that fixed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Range {
    /// First affected release, as written.
    pub first: String,
    /// Last affected release, as written.
    pub last: String,
    /// First fixed release of this branch, if the vendor named one.
    pub fixed: Option<String>,
    #[serde(skip)]
    first_v: Version,
    #[serde(skip)]
    last_v: Version,
}

/// One known-exploited vulnerability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Advisory {
    /// CVE id.
    pub cve: String,
    /// Make (as the signature table writes it).
    pub make: String,
    /// Firmware family (`FortiOS`).
    pub platform: String,
    /// Affected ranges.
    pub ranges: Vec<Range>,
    /// Date added to CISA's Known Exploited Vulnerabilities catalogue.
    pub kev_added: NaiveDate,
    /// What it is.
    pub name: String,
    /// Sources of the facts.
    pub source: String,
}

/// A firmware inside an advisory's affected range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdvisoryMatch {
    /// CVE id.
    pub cve: String,
    /// What it is.
    pub name: String,
    /// Date added to the KEV catalogue.
    pub kev_added: NaiveDate,
    /// The range that holds the firmware (`6.0.0..6.0.4`).
    pub affected: String,
    /// The first fixed release of that branch.
    pub fixed: Option<String>,
    /// Sources.
    pub source: String,
}

/// An entry the table could not take.
#[derive(Debug, thiserror::Error)]
#[error("advisories line {line}: {why}")]
pub struct TableError {
    /// Line (1-based).
    pub line: usize,
    /// What is wrong.
    pub why: String,
}

/// The advisory table.
#[derive(Debug, Clone)]
pub struct Advisories {
    /// The table's date (printed by every output that uses it).
    pub date: NaiveDate,
    /// Its entries.
    pub entries: Vec<Advisory>,
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

impl Advisories {
    /// The bundled table.
    pub fn bundled() -> Result<Advisories, TableError> {
        Advisories::parse(BUNDLED)
    }

    /// Reads and checks a table: a `date` line, then entries of eight
    /// TAB-separated fields: a CVE id, make, platform, ranges `A..B`
    /// (first not after last), as many fixed releases as ranges (or `-`),
    /// a KEV date, a name and a source.
    pub fn parse(text: &str) -> Result<Advisories, TableError> {
        let mut table_date = None;
        let mut entries = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let err = |why: String| TableError { line, why };
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = raw.split('\t').collect();
            if f[0] == "date" {
                table_date = Some(
                    f.get(1)
                        .and_then(|d| date(d))
                        .ok_or_else(|| err("date is not YYYY-MM-DD".into()))?,
                );
                continue;
            }
            if f.len() != 8 {
                return Err(err(format!("{} fields, expected 8", f.len())));
            }
            let cve = f[0];
            let well_formed = cve
                .strip_prefix("CVE-")
                .and_then(|r| r.split_once('-'))
                .is_some_and(|(y, n)| {
                    y.len() == 4
                        && n.len() >= 4
                        && y.bytes().chain(n.bytes()).all(|b| b.is_ascii_digit())
                });
            if !well_formed {
                return Err(err(format!("{cve}: not a CVE id")));
            }
            if f[1].is_empty() || f[2].is_empty() {
                return Err(err("make and platform are required".into()));
            }
            let fixed: Vec<&str> = f[4].split_whitespace().collect();
            let mut ranges = Vec::new();
            for (n, r) in f[3].split_whitespace().enumerate() {
                let (a, b) = r
                    .split_once("..")
                    .ok_or_else(|| err(format!("{r}: a range is FIRST..LAST")))?;
                let (Some(first_v), Some(last_v)) = (Version::parse(a), Version::parse(b)) else {
                    return Err(err(format!("{r}: not versions")));
                };
                if last_v.cmp_to(&first_v) == std::cmp::Ordering::Less {
                    return Err(err(format!("{r}: last before first")));
                }
                let fix = fixed.get(n).copied().filter(|s| *s != "-");
                if let Some(fx) = fix {
                    let fv =
                        Version::parse(fx).ok_or_else(|| err(format!("{fx}: not a version")))?;
                    if fv.within(&first_v, &last_v) {
                        return Err(err(format!("{fx}: fixed release inside its own range {r}")));
                    }
                }
                ranges.push(Range {
                    first: a.to_string(),
                    last: b.to_string(),
                    fixed: fix.map(str::to_string),
                    first_v,
                    last_v,
                });
            }
            if ranges.is_empty() || fixed.len() != ranges.len() {
                return Err(err("one fixed release (or -) per affected range".into()));
            }
            let kev_added = date(f[5]).ok_or_else(|| err("kev_added is not YYYY-MM-DD".into()))?;
            if f[7].trim().len() < 8 {
                return Err(err("no source".into()));
            }
            entries.push(Advisory {
                cve: cve.to_string(),
                make: f[1].to_string(),
                platform: f[2].to_string(),
                ranges,
                kev_added,
                name: f[6].to_string(),
                source: f[7].to_string(),
            });
        }
        let date = table_date.ok_or(TableError {
            line: 1,
            why: "no date line".into(),
        })?;
        Ok(Advisories { date, entries })
    }

    /// The advisories whose affected ranges hold `firmware` of `platform`
    /// (compared case-insensitively; the make is not needed: platforms are
    /// one vendor's).
    pub fn affecting(&self, platform: &str, firmware: &str) -> Vec<AdvisoryMatch> {
        let Some(v) = Version::parse(firmware) else {
            return Vec::new();
        };
        self.entries
            .iter()
            .filter(|a| a.platform.eq_ignore_ascii_case(platform))
            .filter_map(|a| {
                let r = a.ranges.iter().find(|r| v.within(&r.first_v, &r.last_v))?;
                Some(AdvisoryMatch {
                    cve: a.cve.clone(),
                    name: a.name.clone(),
                    kev_added: a.kev_added,
                    affected: format!("{}..{}", r.first, r.last),
                    fixed: r.fixed.clone(),
                    source: a.source.clone(),
                })
            })
            .collect()
    }

    /// True if some entry names `platform`.
    pub fn covers(&self, platform: &str) -> bool {
        self.entries
            .iter()
            .any(|a| a.platform.eq_ignore_ascii_case(platform))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_loads_and_checks_itself() {
        let t = Advisories::bundled().unwrap();
        assert!(t.entries.iter().any(|a| a.cve == "CVE-2018-13379"));
    }

    #[test]
    fn bad_entries_are_refused() {
        let head = "date\t2026-12-04\n";
        for bad in [
            "CVE-18-1\tF\tP\t1.0..1.1\t1.2\t2021-11-03\tn\tsome source",
            "CVE-2018-13379\tF\tP\t1.2..1.0\t1.3\t2021-11-03\tn\tsome source",
            "CVE-2018-13379\tF\tP\t1.0..1.1\t1.0.5\t2021-11-03\tn\tsome source",
            "CVE-2018-13379\tF\tP\t1.0..1.1 2.0..2.1\t1.2\t2021-11-03\tn\tsome source",
            "CVE-2018-13379\tF\tP\t1.0-1.1\t1.2\t2021-11-03\tn\tsome source",
            "CVE-2018-13379\tF\tP\t1.0..1.1\t1.2\t2021-11\tn\tsome source",
            "CVE-2018-13379\tF\tP\t1.0..1.1\t1.2\t2021-11-03\tn\t",
        ] {
            let e = Advisories::parse(&format!("{head}{bad}\n")).unwrap_err();
            assert_eq!(e.line, 2, "{bad}");
        }
    }
}
