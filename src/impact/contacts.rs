//! Whom to call (the manual's appendix 2 and 3), in the order to call them:
//! the owners and vendors of the affected systems (X's own first), the
//! vendors of the maintenance circuits on the intrusion routes, then the
//! site's external contact list (contacts.csv) as written.

use std::collections::HashSet;

use serde::Serialize;

use super::{Ctx, NodeRef, Route, Scope};
use crate::graph::Node;

/// One call to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum CallEntry {
    /// Owner and vendor of an affected system (systems.csv).
    System {
        /// The system.
        system: NodeRef,
        /// Owner inside the hospital.
        owner: String,
        /// Vendor.
        vendor: String,
        /// Contact person.
        contact: String,
        /// Phone.
        phone: String,
        /// E-mail.
        email: String,
    },
    /// Vendor of a maintenance circuit on an intrusion route (maintenance.csv).
    CircuitVendor {
        /// The circuit.
        circuit: NodeRef,
        /// Vendor.
        vendor: String,
        /// Contact person.
        contact: String,
        /// Phone.
        phone: String,
    },
    /// The site's external contact list (contacts.csv, appendix 3).
    SiteContact {
        /// Organisation or person.
        name: String,
        /// Role.
        role: String,
        /// Phone.
        phone: String,
        /// E-mail.
        email: String,
        /// Web address.
        url: String,
    },
}

/// Collects the calls in order, each system and circuit once.
pub(crate) fn collect(ctx: &Ctx, routes: &[Route], scope: &Scope) -> Vec<CallEntry> {
    let site = ctx.site;
    let g = &ctx.graph.graph;
    let mut out = Vec::new();
    for s in &scope.systems {
        let Node::System(i) = g[s.node] else {
            continue;
        };
        let sys = &site.systems[i];
        out.push(CallEntry::System {
            system: s.clone(),
            owner: sys.owner.clone(),
            vendor: sys.vendor.clone(),
            contact: sys.contact.clone(),
            phone: sys.phone.clone(),
            email: sys.email.clone(),
        });
    }
    let mut seen: HashSet<usize> = HashSet::new();
    for r in routes {
        for h in &r.hops {
            let Node::Circuit(c) = g[h.node.node] else {
                continue;
            };
            if seen.insert(c) {
                let circ = &site.circuits[c];
                out.push(CallEntry::CircuitVendor {
                    circuit: h.node.clone(),
                    vendor: circ.vendor.clone(),
                    contact: circ.contact.clone(),
                    phone: circ.phone.clone(),
                });
            }
        }
    }
    out.extend(site.contacts.iter().map(|c| CallEntry::SiteContact {
        name: c.name.clone(),
        role: c.role.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        url: c.url.clone(),
    }));
    out
}
