//! `koseizu scan`: the only module that opens sockets or needs privileges.
//!
//! `wire` is pure packet code; `link` and `probe` are the injectable OS
//! boundary (real AF_PACKET / TCP / UDP, or fakes in tests); `limiter` is the
//! one place every probe passes through; `config` turns command-line values
//! into a checked plan before any packet is sent; `engine` runs the plan.

pub mod config;
pub mod limiter;
pub mod wire;
