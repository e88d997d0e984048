//! tmp
/// tmp
pub struct SnapshotDiff;
/// tmp
pub fn diff() {}
