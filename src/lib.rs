//! koseizu (構成図): maps a hospital's network for the people who keep it safe.
//!
//! Pure modules (`site`, `snapshot`, `graph`, `render`, `report`, `inventory`,
//! `impact`, `checklist`, `identify`, `import` and `scan::wire`) never touch
//! sockets; only `scan` (active probes), `capture` (receive-only listening)
//! and `poll` (SNMP) open them. See `docs/architecture.md`.

pub mod capture;
pub mod checklist;
pub mod excel;
pub mod graph;
pub mod identify;
pub mod impact;
pub mod import;
pub mod inputs;
pub mod inventory;
pub mod mac;
pub mod oui;
pub mod output;
pub mod poll;
pub mod problem;
pub mod render;
pub mod report;
pub mod scan;
pub mod site;
pub mod snapshot;
#[cfg(feature = "synth")]
pub mod synth;
pub mod text;
