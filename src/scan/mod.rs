//! `koseizu scan`: the only module that opens sockets or needs privileges.
//!
//! `wire` is pure packet code; `link` and `probe` are the injectable OS
//! boundary (real AF_PACKET / TCP / UDP, or fakes in tests); `limiter` is the
//! one place every probe passes through; `config` turns command-line values
//! into a checked plan before any packet is sent; `engine` runs the plan,
//! `evidence` turns what it saw into snapshot hosts and `finish` the whole
//! run into a snapshot.

pub mod config;
pub mod engine;
pub mod evidence;
#[cfg(test)]
pub mod fake;
pub mod finish;
pub mod identify;
pub mod iface;
pub mod limiter;
pub mod link;
pub mod neighbours;
pub mod privilege;
pub mod probe;
pub mod wire;
