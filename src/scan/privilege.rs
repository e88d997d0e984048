//! Privilege lifecycle: CAP_NET_RAW is raised only to open the AF_PACKET
//! socket, then every capability is dropped from the effective and
//! permitted sets, before any thread exists (capabilities are per thread
//! on Linux and threads inherit them).

use caps::{CapSet, Capability};

use super::link::{open_channel, LinkError, OpenChannel};

/// Opens the layer-2 channel on `iface`, then drops all capabilities.
/// Call from the main thread before starting the async runtime.
pub fn open_then_drop(iface: &str) -> Result<OpenChannel, LinkError> {
    // With `setcap cap_net_raw+p` the capability is permitted but not effective.
    if caps::has_cap(None, CapSet::Permitted, Capability::CAP_NET_RAW).unwrap_or(false) {
        let _ = caps::raise(None, CapSet::Effective, Capability::CAP_NET_RAW);
    }
    let opened = open_channel(iface);
    drop_all()?;
    opened
}

/// Clears the effective and permitted capability sets and checks CAP_NET_RAW is gone.
pub fn drop_all() -> Result<(), LinkError> {
    caps::clear(None, CapSet::Effective).map_err(|e| LinkError::DropPrivileges(e.to_string()))?;
    caps::clear(None, CapSet::Permitted).map_err(|e| LinkError::DropPrivileges(e.to_string()))?;
    match caps::has_cap(None, CapSet::Effective, Capability::CAP_NET_RAW) {
        Ok(false) => Ok(()),
        Ok(true) => Err(LinkError::DropPrivileges(
            "CAP_NET_RAW still effective".into(),
        )),
        Err(e) => Err(LinkError::DropPrivileges(e.to_string())),
    }
}
