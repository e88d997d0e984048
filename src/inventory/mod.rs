//! Reconciling the network with the records: who is who (`identity`), what
//! does not add up (`audit`), what changed between scans (`diff`), and the
//! MAC allowlist for MAC-address authentication (`allowlist`).
//!
//! Everything here is pure: sites and snapshots in, reports out through
//! `impl Write`. See docs/audit.md.

pub mod allowlist;
pub mod audit;
pub mod audit_report;
pub mod diff;
pub mod evidence;
pub mod identity;
pub mod text;

pub use audit::{audit, scan_marks, AuditReport};
pub use diff::{diff, SnapshotDiff};
pub use identity::{Identity, LedgerIndex, MatchedBy, NetIndex, SegmentIndex};
