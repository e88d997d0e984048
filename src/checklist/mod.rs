//! The inspection checklist filled in from evidence (`koseizu checklist`):
//! the manual's 20-item サイバーセキュリティ対策チェックリスト (levels 0–3)
//! and the ministry's on-site inspection (立入検査) items that concern the
//! inventory (answered はい / いいえ), each judged from the records, the
//! scans, the audit and the diff — or honestly "not judged from the
//! records" (記録からは判定できません) with the question to ask.
//!
//! The rules live in one table, [`rules::RULES`] and
//! [`rules::INSPECTION`] (item → evidence → level), documented item by
//! item in `docs/checklist.md`. A judged item is a list of [`Check`]s, each
//! needed for one level; the proposed level is the highest level whose
//! checks, and those of every level below it, are all met, up to the
//! highest level the records can show at all (the item's ceiling; above
//! it the item asks its question). Nothing here does I/O: the writers are
//! in [`crate::report::checklist`].

pub mod rules;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::inventory::audit::{audit, AuditReport, SnapshotSummary};
use crate::inventory::diff::SnapshotDiff;
use crate::site::Site;
use crate::snapshot::Snapshot;
use crate::text::Word;

pub use rules::{Action, Rule, RuleKind, Section, INSPECTION, RULES};

/// How many names a piece of evidence shows (the rest is counted).
pub const NAMES_SHOWN: usize = 8;

/// A value in a piece of evidence. Names and texts come from the records or
/// the network: writers clean them for their target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A count.
    Count(usize),
    /// A date.
    Date(NaiveDate),
    /// One untrusted text (a name, an id).
    Text(String),
    /// Untrusted names: the first [`NAMES_SHOWN`] and how many in all.
    Names {
        /// The names shown.
        shown: Vec<String>,
        /// How many there are in all.
        total: usize,
    },
    /// Fixed words (a list of what is missing).
    Words(Vec<Word>),
}

impl Value {
    /// The names of `items`, the first [`NAMES_SHOWN`] kept.
    pub fn names<I, S>(items: I) -> Value
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut shown = Vec::new();
        let mut total = 0;
        for s in items {
            if shown.len() < NAMES_SHOWN {
                shown.push(s.into());
            }
            total += 1;
        }
        Value::Names { shown, total }
    }
}

/// One fact: a phrase of the translation table with its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The phrase (placeholders `{0}`, `{1}`, … for the values).
    pub word: Word,
    /// The values, in placeholder order.
    pub values: Vec<Value>,
}

impl Fact {
    /// A fact of `word` with `values`.
    pub fn new(word: Word, values: Vec<Value>) -> Fact {
        Fact { word, values }
    }
}

/// One piece of evidence needed for a level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The level it is needed for (1–3).
    pub level: u8,
    /// Whether the records show it.
    pub met: bool,
    /// What the records show, either way.
    pub fact: Fact,
    /// What to do when it is not met.
    pub action: Action,
}

/// What the rules say about one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A proposed level (or, for an inspection item, はい = 1 / いいえ = 0).
    Judged {
        /// The proposed level.
        level: u8,
        /// The highest level the records can show for this item.
        ceiling: u8,
        /// Every check, met or not, by level.
        checks: Vec<Check>,
        /// Facts that inform without deciding.
        notes: Vec<Fact>,
        /// What to ask for the levels above the ceiling, if any.
        beyond: Option<Word>,
    },
    /// Not judged from the records.
    NotJudged {
        /// The concrete question to answer.
        question: Word,
        /// What the records do show that helps answer it.
        facts: Vec<Fact>,
        /// The issue whose evidence would let koseizu judge it, if one is planned.
        waits_for: Option<Word>,
    },
}

impl Verdict {
    /// A judged verdict from its checks: the highest level up to `ceiling`
    /// whose checks and those of every lower level are met.
    pub fn judged(ceiling: u8, checks: Vec<Check>, notes: Vec<Fact>, beyond: Option<Word>) -> Self {
        let level = level_of(ceiling, &checks, None);
        Verdict::Judged {
            level,
            ceiling,
            checks,
            notes,
            beyond,
        }
    }

    /// The proposed level, if judged.
    pub fn level(&self) -> Option<u8> {
        match self {
            Verdict::Judged { level, .. } => Some(*level),
            Verdict::NotJudged { .. } => None,
        }
    }

    /// The checks still missing for the next level (empty at the ceiling
    /// or when not judged).
    pub fn to_raise(&self) -> Vec<&Check> {
        match self {
            Verdict::Judged {
                level,
                ceiling,
                checks,
                ..
            } if level < ceiling => checks
                .iter()
                .filter(|c| c.level == level + 1 && !c.met)
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The level `checks` support up to `ceiling`, counting checks of action
/// `assume` as met (what doing that action alone would give).
fn level_of(ceiling: u8, checks: &[Check], assume: Option<Action>) -> u8 {
    let mut level = 0;
    for l in 1..=ceiling {
        if checks
            .iter()
            .filter(|c| c.level == l)
            .all(|c| c.met || Some(c.action) == assume)
        {
            level = l;
        } else {
            break;
        }
    }
    level
}

/// One item of the checklist with its verdict.
#[derive(Debug, Clone)]
pub struct ItemResult {
    /// The item's rule (number, question, section, criteria).
    pub rule: &'static Rule,
    /// What the records say.
    pub verdict: Verdict,
}

/// An action and the levels it would raise if done alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gain {
    /// The action.
    pub action: Action,
    /// Levels it would raise over all items (はい counts as one).
    pub levels: usize,
    /// Ids of the items it alone would raise.
    pub items: Vec<&'static str>,
    /// Ids of the items whose next level needs it among other actions.
    pub also: Vec<&'static str>,
}

/// The summary at the top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Items of the manual's list judged.
    pub judged: usize,
    /// Items not judged.
    pub not_judged: usize,
    /// How many judged items stand at each level 0–3.
    pub per_level: [usize; 4],
    /// Inspection items answered はい.
    pub yes: usize,
    /// Inspection items answered いいえ.
    pub no: usize,
    /// Inspection items not judged.
    pub inspection_not_judged: usize,
    /// The (up to) three actions that would raise the most levels.
    pub actions: Vec<Gain>,
}

/// The two scans the diff compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compared {
    /// The older scan's start.
    pub old: DateTime<Utc>,
    /// The newer scan's start.
    pub new: DateTime<Utc>,
    /// Changes found.
    pub changes: usize,
}

/// The whole checklist.
#[derive(Debug, Clone)]
pub struct Checklist {
    /// Hospital name.
    pub site: String,
    /// The records' update date (site.toml).
    pub updated: Option<NaiveDate>,
    /// The site's time zone (site.toml), for the times the text shows.
    pub timezone: crate::text::TimeZone,
    /// The scans the audit used.
    pub scans: Vec<SnapshotSummary>,
    /// The two scans the diff compared, if any.
    pub compared: Option<Compared>,
    /// The manual's 20 items, in order.
    pub items: Vec<ItemResult>,
    /// The ministry's inspection items.
    pub inspection: Vec<ItemResult>,
    /// Counts and the actions that would raise the most levels.
    pub summary: Summary,
}

/// What the rules read: the records, the audit of the scans (none without
/// scans) and the diff of the two latest scans of one scope (if there are two).
#[derive(Debug)]
pub struct Evidence<'a> {
    /// The records.
    pub site: &'a Site,
    /// The audit of the scans, `None` without any.
    pub audit: Option<AuditReport>,
    /// The diff of the two latest scans of one scope.
    pub diff: Option<&'a SnapshotDiff>,
}

impl Evidence<'_> {
    /// True if at least one complete (not partial) scan was audited.
    pub fn has_complete_scan(&self) -> bool {
        self.audit
            .as_ref()
            .is_some_and(|a| a.snapshots.iter().any(|s| !s.partial))
    }
}

/// Fills in the checklist for `site` from `snapshots` (the latest per
/// scope, audited) and `diff` (the two latest scans of one scope compared).
pub fn judge(site: &Site, snapshots: &[Snapshot], diff: Option<&SnapshotDiff>) -> Checklist {
    let evidence = Evidence {
        site,
        audit: (!snapshots.is_empty()).then(|| audit(site, snapshots)),
        diff,
    };
    judge_evidence(&evidence)
}

/// Fills in the checklist from evidence already gathered.
pub fn judge_evidence(ev: &Evidence<'_>) -> Checklist {
    let run = |rules: &'static [Rule]| -> Vec<ItemResult> {
        rules
            .iter()
            .map(|rule| ItemResult {
                rule,
                verdict: rule.judge(ev),
            })
            .collect()
    };
    let items = run(&RULES);
    let inspection = run(&INSPECTION);
    let summary = summarise(&items, &inspection);
    Checklist {
        site: ev.site.meta.name.clone(),
        updated: ev.site.meta.updated,
        timezone: ev.site.meta.timezone.clone(),
        scans: ev
            .audit
            .as_ref()
            .map(|a| a.snapshots.clone())
            .unwrap_or_default(),
        compared: ev.diff.map(|d| Compared {
            old: d.old.started,
            new: d.new.started,
            changes: d.changes.len(),
        }),
        items,
        inspection,
        summary,
    }
}

fn summarise(items: &[ItemResult], inspection: &[ItemResult]) -> Summary {
    let mut s = Summary {
        judged: 0,
        not_judged: 0,
        per_level: [0; 4],
        yes: 0,
        no: 0,
        inspection_not_judged: 0,
        actions: Vec::new(),
    };
    for i in items {
        match i.verdict.level() {
            Some(l) => {
                s.judged += 1;
                s.per_level[usize::from(l.min(3))] += 1;
            }
            None => s.not_judged += 1,
        }
    }
    for i in inspection {
        match i.verdict.level() {
            Some(0) => s.no += 1,
            Some(_) => s.yes += 1,
            None => s.inspection_not_judged += 1,
        }
    }
    // Every action some item's next level needs, with what it alone would raise.
    let mut gains: Vec<Gain> = Vec::new();
    for i in items.iter().chain(inspection) {
        let Verdict::Judged {
            level,
            ceiling,
            checks,
            ..
        } = &i.verdict
        else {
            continue;
        };
        for c in i.verdict.to_raise() {
            let raised = usize::from(level_of(*ceiling, checks, Some(c.action)) - level);
            let g = match gains.iter_mut().position(|g| g.action == c.action) {
                Some(p) => &mut gains[p],
                None => {
                    gains.push(Gain {
                        action: c.action,
                        levels: 0,
                        items: Vec::new(),
                        also: Vec::new(),
                    });
                    let last = gains.len() - 1;
                    &mut gains[last]
                }
            };
            let id = i.rule.id;
            if g.items.contains(&id) || g.also.contains(&id) {
                continue;
            }
            g.levels += raised;
            if raised > 0 {
                g.items.push(id);
            } else {
                g.also.push(id);
            }
        }
    }
    // Most levels first, then the most items; the table's order breaks ties.
    gains.sort_by(|a, b| {
        (b.levels, b.items.len() + b.also.len())
            .cmp(&(a.levels, a.items.len() + a.also.len()))
            .then(a.action.cmp(&b.action))
    });
    gains.truncate(3);
    s.actions = gains;
    s
}
