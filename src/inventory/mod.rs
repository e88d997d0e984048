//! Reconciling the network with the records: who is who (`identity`), what
//! does not add up (`audit`), what changed between scans (`diff`), and who
//! belongs on the MAC allowlist for MAC-address authentication (`allowlist`).
//!
//! Everything here is pure: sites and snapshots in, results out; the
//! writers of the audit report and the allowlist are in [`crate::report`].
//! See docs/audit.md.

pub mod allowlist;
pub mod audit;
pub mod diff;
pub mod evidence;
pub mod hours;
pub mod identity;

pub use audit::{audit, scan_marks, AuditReport};
pub use diff::{diff, SnapshotDiff};
pub use identity::{Identity, LedgerIndex, MatchedBy, NetIndex, SegmentIndex};
