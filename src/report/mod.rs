//! What goes out: the writers of the commands' reports (text, JSON, CSV),
//! each generic over `impl Write`; the computation stays in `inventory/`
//! and `impact/`.

pub mod diff;
