//! The SNMP client: read-only requests behind the [`Agent`] trait, so the
//! walking and everything after it is tested without sockets.
//!
//! Crate choice: `snmp2` (0.5) over `async-snmp` (0.18). Both speak v2c and
//! v3 with SHA/SHA-256 and AES-128 and both build BER for us. `snmp2` is a
//! small crate (about 4,000 lines: easy to audit for what it sends) on the
//! tokio we already use, its message parser is public (the tests decode
//! what went on the wire with it), and it asks for nothing we do not need;
//! `async-snmp` is much larger (agent, notification and MIB machinery we
//! would not use). Whichever crate, koseizu's client exposes GET and
//! GETBULK only: [`Agent`] has no other request, and [`SnmpAgent`] calls
//! no other method of the crate's session (no SET can be sent).

use std::fmt;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use snmp2::{AsyncSession, Oid as WireOid, Value as WireValue};
use tokio::time::Instant;

use super::credentials::{AuthProto, Credential, PrivProto};

/// An object identifier as numbers.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Oid(pub Vec<u32>);

impl Oid {
    /// From a dotted literal known at compile time (`"1.3.6.1.2.1.1.5.0"`).
    pub fn parse(s: &str) -> Option<Oid> {
        s.trim_start_matches('.')
            .split('.')
            .map(|p| p.parse().ok())
            .collect::<Option<Vec<u32>>>()
            .map(Oid)
    }

    /// True if `self` is `prefix` or below it.
    pub fn starts_with(&self, prefix: &Oid) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// The parts after `prefix` (the table index), if below it.
    pub fn index_after(&self, prefix: &Oid) -> Option<&[u32]> {
        self.0.strip_prefix(prefix.0.as_slice())
    }
}

impl fmt::Display for Oid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Oid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A value read, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// INTEGER.
    Int(i64),
    /// OCTET STRING (hostile bytes).
    Bytes(Vec<u8>),
    /// OBJECT IDENTIFIER.
    Oid(Oid),
    /// IpAddress.
    Ip([u8; 4]),
    /// Counter32, Gauge32/Unsigned32, Counter64.
    Unsigned(u64),
    /// TimeTicks (hundredths of a second).
    Ticks(u32),
    /// NULL or a type koseizu does not read.
    Other,
    /// The walk ran past the agent's last object.
    EndOfMibView,
    /// The agent does not implement this object.
    NoSuchObject,
    /// The object exists, this instance does not.
    NoSuchInstance,
}

impl Value {
    /// As an integer, if it is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Unsigned(u) => i64::try_from(*u).ok(),
            Value::Ticks(t) => Some(i64::from(*t)),
            _ => None,
        }
    }

    /// As bytes, if a string.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Bytes(b) => Some(b),
            _ => None,
        }
    }
}

/// One (object, value) pair.
pub type VarBind = (Oid, Value);

/// At most this many objects are kept from one answer (a 65,507-byte UDP
/// message cannot hold more real ones).
pub const MAX_VARBINDS: usize = 10_000;

/// Why a request failed. No variant carries a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgentError {
    /// No answer within the timeout, after every retry.
    #[error(
        "timeout: no answer after {tries} tries (unreachable, SNMP off, or a wrong community)"
    )]
    Timeout {
        /// Requests sent.
        tries: u32,
    },
    /// The agent refused our v3 credentials (wrong user, password or protocol).
    #[error("authentication failure: {0}")]
    Auth(String),
    /// No route, connection refused, or the socket could not be opened.
    #[error("unreachable: {0}")]
    Unreachable(String),
    /// The agent answered with an error status.
    #[error("agent error status {status} ({})", error_status_name(*.status))]
    Status {
        /// The error-status field.
        status: u32,
    },
    /// The answer could not be decoded.
    #[error("malformed answer: {0}")]
    Malformed(String),
}

fn error_status_name(s: u32) -> &'static str {
    match s {
        1 => "tooBig",
        2 => "noSuchName",
        5 => "genErr",
        6 => "noAccess",
        16 => "authorizationError",
        _ => "other",
    }
}

/// A read-only SNMP agent: GET and GETBULK, nothing else.
pub trait Agent: Send {
    /// GET of these objects.
    fn get(
        &mut self,
        oids: &[Oid],
    ) -> impl Future<Output = Result<Vec<VarBind>, AgentError>> + Send;
    /// GETBULK from each of `starts` (non-repeaters 0), at most
    /// `max_repetitions` rows each. The answer is row by row, as RFC 3416
    /// says: the first object after each start, then the second after each,
    /// and so on (an agent may cut it short).
    fn get_bulk(
        &mut self,
        starts: &[Oid],
        max_repetitions: u32,
    ) -> impl Future<Output = Result<Vec<VarBind>, AgentError>> + Send;
    /// Requests sent so far (retries included).
    fn requests_sent(&self) -> u64;
}

/// Gentleness settings for one device.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    /// At most this many requests in any one second to the device.
    pub rate: u32,
    /// Wait this long for each answer.
    pub timeout: Duration,
    /// Resend at most this many times after a timeout.
    pub retries: u32,
    /// GETBULK max-repetitions (rows per column asked in one request; the
    /// agent answers fewer when its own cap or the message size says so).
    pub max_repetitions: u32,
}

/// The largest `max_repetitions` accepted.
pub const MAX_REPETITIONS: u32 = 1000;

impl Default for Pace {
    fn default() -> Pace {
        Pace {
            rate: 20,
            timeout: Duration::from_millis(1500),
            retries: 2,
            max_repetitions: 200,
        }
    }
}

/// Holds the request rate: any one-second window holds at most `rate`
/// requests on the wire, and only one request is in flight (the caller
/// awaits each answer before asking again). Request `k + rate` starts at
/// least one second after request `k` *ended* (answered or timed out), so
/// the cap holds for the packets themselves, whatever delayed their
/// sending (an ARP resolution, a busy machine). A poll of fewer than
/// `rate` requests is not slowed down at all; a longer one is held to
/// `rate` per second.
#[derive(Debug)]
pub struct Spacing {
    rate: usize,
    ended: std::collections::VecDeque<Instant>,
}

impl Spacing {
    /// For `rate` requests per second (at least 1).
    pub fn new(rate: u32) -> Spacing {
        let rate = usize::try_from(rate.max(1)).unwrap_or(usize::MAX);
        Spacing {
            rate,
            ended: std::collections::VecDeque::with_capacity(rate.min(1024)),
        }
    }

    /// Waits until the next request may be sent.
    pub async fn wait(&mut self) {
        while self.ended.len() >= self.rate {
            if let Some(oldest) = self.ended.pop_front() {
                tokio::time::sleep_until(oldest + Duration::from_secs(1)).await;
            }
        }
    }

    /// Books the end of the request sent after [`Spacing::wait`].
    pub fn ended(&mut self) {
        self.ended.push_back(Instant::now());
    }
}

/// The real agent: an `snmp2` session on UDP port 161 (or the one given).
pub struct SnmpAgent {
    session: Box<AsyncSession>,
    pace: Pace,
    spacing: Spacing,
    sent: u64,
}

impl fmt::Debug for SnmpAgent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The session holds the community or the v3 keys: never printed.
        f.debug_struct("SnmpAgent")
            .field("pace", &self.pace)
            .field("sent", &self.sent)
            .finish_non_exhaustive()
    }
}

fn to_wire(oid: &Oid) -> Result<WireOid<'static>, AgentError> {
    let parts: Vec<u64> = oid.0.iter().map(|&p| u64::from(p)).collect();
    WireOid::from(&parts).map_err(|_| AgentError::Malformed(format!("cannot encode {oid}")))
}

fn from_wire(oid: &WireOid<'_>) -> Option<Oid> {
    let mut out = Vec::new();
    for p in oid.iter()? {
        out.push(u32::try_from(p).ok()?);
        if out.len() > 128 {
            return None;
        }
    }
    Some(Oid(out))
}

fn value_from_wire(v: &WireValue<'_>) -> Value {
    match v {
        WireValue::Integer(i) => Value::Int(*i),
        WireValue::OctetString(b) => Value::Bytes(b.to_vec()),
        WireValue::ObjectIdentifier(o) => from_wire(o).map(Value::Oid).unwrap_or(Value::Other),
        WireValue::IpAddress(a) => Value::Ip(*a),
        WireValue::Counter32(n) | WireValue::Unsigned32(n) => Value::Unsigned(u64::from(*n)),
        WireValue::Counter64(n) => Value::Unsigned(*n),
        WireValue::Timeticks(t) => Value::Ticks(*t),
        WireValue::EndOfMibView => Value::EndOfMibView,
        WireValue::NoSuchObject => Value::NoSuchObject,
        WireValue::NoSuchInstance => Value::NoSuchInstance,
        _ => Value::Other,
    }
}

/// What went wrong in one try: try again, or give up.
enum Try {
    Again,
    Fail(AgentError),
}

fn classify(e: snmp2::Error) -> Try {
    use snmp2::Error as E;
    match e {
        // A late answer to an earlier try, or a v3 clock resync: resend.
        E::RequestIdMismatch | E::AuthUpdated => Try::Again,
        E::AuthFailure(kind) => Try::Fail(AgentError::Auth(kind.to_string())),
        E::CommunityMismatch => Try::Fail(AgentError::Auth("community mismatch".into())),
        E::Send | E::Receive => Try::Fail(AgentError::Unreachable("socket error".into())),
        other => Try::Fail(AgentError::Malformed(other.to_string())),
    }
}

impl SnmpAgent {
    /// Opens a session to `ip:port` with `cred` (v3: discovers the engine first).
    pub async fn connect(
        ip: IpAddr,
        port: u16,
        cred: &Credential,
        pace: Pace,
    ) -> Result<SnmpAgent, AgentError> {
        let addr = SocketAddr::new(ip, port);
        let unreachable = |e: std::io::Error| AgentError::Unreachable(e.kind().to_string());
        let req_id = i32::try_from(std::process::id() & 0x3fff_ffff).unwrap_or(1);
        let session = match cred {
            Credential::V2c { community } => {
                AsyncSession::new_v2c(addr, community.expose(), req_id)
                    .await
                    .map_err(unreachable)?
            }
            Credential::V3 {
                user,
                auth,
                auth_password,
                privacy,
            } => {
                let proto = match auth {
                    AuthProto::Md5 => snmp2::v3::AuthProtocol::Md5,
                    AuthProto::Sha1 => snmp2::v3::AuthProtocol::Sha1,
                    AuthProto::Sha256 => snmp2::v3::AuthProtocol::Sha256,
                };
                let level = match privacy {
                    None => snmp2::v3::Auth::AuthNoPriv,
                    Some((p, pw)) => snmp2::v3::Auth::AuthPriv {
                        cipher: match p {
                            PrivProto::Des => snmp2::v3::Cipher::Des,
                            PrivProto::Aes128 => snmp2::v3::Cipher::Aes128,
                        },
                        privacy_password: pw.expose().to_vec(),
                    },
                };
                let security = snmp2::v3::Security::new(user.as_bytes(), auth_password.expose())
                    .with_auth_protocol(proto)
                    .with_auth(level);
                AsyncSession::new_v3(addr, req_id, security)
                    .await
                    .map_err(unreachable)?
            }
        };
        let mut agent = SnmpAgent {
            session: Box::new(session),
            pace,
            spacing: Spacing::new(pace.rate),
            sent: 0,
        };
        if matches!(cred, Credential::V3 { .. }) {
            agent.discover().await?;
        }
        Ok(agent)
    }

    /// v3 engine discovery (one request, paced and retried like any other).
    async fn discover(&mut self) -> Result<(), AgentError> {
        let mut tries = 0;
        loop {
            if tries > self.pace.retries {
                return Err(AgentError::Timeout { tries });
            }
            tries += 1;
            self.spacing.wait().await;
            self.sent += 1;
            let answer = tokio::time::timeout(self.pace.timeout, self.session.init()).await;
            self.spacing.ended();
            match answer {
                Err(_) => continue,
                Ok(Ok(())) => return Ok(()),
                Ok(Err(e)) => match classify(e) {
                    Try::Again => continue,
                    Try::Fail(e) => return Err(e),
                },
            }
        }
    }

    async fn request(
        &mut self,
        oids: &[Oid],
        bulk: Option<u32>,
    ) -> Result<Vec<VarBind>, AgentError> {
        let wire: Vec<WireOid<'static>> = oids.iter().map(to_wire).collect::<Result<_, _>>()?;
        let refs: Vec<&WireOid<'_>> = wire.iter().collect();
        let mut tries = 0;
        loop {
            if tries > self.pace.retries {
                return Err(AgentError::Timeout { tries });
            }
            tries += 1;
            self.spacing.wait().await;
            self.sent += 1;
            let session = &mut *self.session;
            let fut = async {
                let pdu = match bulk {
                    Some(n) => session.getbulk(&refs, 0, n).await,
                    None => session.get_many(&refs).await,
                };
                pdu.map(|p| {
                    let status = p.error_status;
                    let vbs: Vec<VarBind> = p
                        .varbinds
                        .take(MAX_VARBINDS)
                        .filter_map(|(o, v)| Some((from_wire(&o)?, value_from_wire(&v))))
                        .collect();
                    (status, vbs)
                })
            };
            let answer = tokio::time::timeout(self.pace.timeout, fut).await;
            self.spacing.ended();
            match answer {
                Err(_) => continue,
                Ok(Ok((0, vbs))) => return Ok(vbs),
                Ok(Ok((status, _))) => return Err(AgentError::Status { status }),
                Ok(Err(e)) => match classify(e) {
                    Try::Again => continue,
                    Try::Fail(e) => return Err(e),
                },
            }
        }
    }
}

impl Agent for SnmpAgent {
    async fn get(&mut self, oids: &[Oid]) -> Result<Vec<VarBind>, AgentError> {
        self.request(oids, None).await
    }

    async fn get_bulk(
        &mut self,
        starts: &[Oid],
        max_repetitions: u32,
    ) -> Result<Vec<VarBind>, AgentError> {
        self.request(starts, Some(max_repetitions)).await
    }

    fn requests_sent(&self) -> u64 {
        self.sent
    }
}

/// Why a walk stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkStop {
    /// The table ended.
    Done,
    /// The agent does not have this table (noSuchObject / empty).
    Absent,
    /// More rows than the cap: the rest was not read.
    Truncated,
    /// The agent answered an object not after the one asked (a loop).
    NotIncreasing,
}

/// A walked subtree: rows in agent order, and how the walk ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walked {
    /// (OID, value) pairs below the root.
    pub rows: Vec<VarBind>,
    /// How it ended.
    pub stop: WalkStop,
}

/// Walks `root` with GETBULK, at most `max_rows` rows (bounded memory).
pub async fn walk<A: Agent>(
    agent: &mut A,
    root: &Oid,
    max_repetitions: u32,
    max_rows: usize,
) -> Result<Walked, AgentError> {
    let mut w = walk_columns(agent, std::slice::from_ref(root), max_repetitions, max_rows).await?;
    Ok(w.pop().unwrap_or(Walked {
        rows: Vec::new(),
        stop: WalkStop::Absent,
    }))
}

/// Rows per column of the first GETBULK of a walk (net-snmp's own
/// `snmpbulkwalk` default); each further request asks four times as many,
/// up to the walk's `max_repetitions`.
pub const FIRST_REPETITIONS: u32 = 10;

/// Walks several columns side by side, one GETBULK for all of them per
/// round (the columns of one table have one row per index, so a table is
/// read in `rows / max_repetitions` requests instead of that many per
/// column). Each column stops on its own: past its subtree, at the end of
/// the agent's view, at `max_rows` rows (bounded memory), or when the agent
/// answers out of order.
///
/// Gentle on tables that are short or absent: an agent answers a GETBULK
/// by walking on past the table's end into whatever MIB follows (net-snmp
/// fills the answer from UCD-SNMP-MIB, HOST-RESOURCES-MIB… which can take
/// it seconds), so the first request asks [`FIRST_REPETITIONS`] rows and
/// each further one four times as many, up to `max_repetitions`. Asked `tooBig`,
/// the walk halves its repetitions and keeps that as its ceiling. Results
/// are in the order of `roots`.
pub async fn walk_columns<A: Agent>(
    agent: &mut A,
    roots: &[Oid],
    max_repetitions: u32,
    max_rows: usize,
) -> Result<Vec<Walked>, AgentError> {
    struct Column {
        cur: Oid,
        rows: Vec<VarBind>,
        stop: Option<WalkStop>,
    }
    let mut cols: Vec<Column> = roots
        .iter()
        .map(|r| Column {
            cur: r.clone(),
            rows: Vec::new(),
            stop: None,
        })
        .collect();
    let ended = |c: &Column| {
        if c.rows.is_empty() {
            WalkStop::Absent
        } else {
            WalkStop::Done
        }
    };
    let mut ceiling = max_repetitions.clamp(1, MAX_REPETITIONS);
    let mut reps = FIRST_REPETITIONS.min(ceiling);
    loop {
        let active: Vec<usize> = (0..cols.len())
            .filter(|&i| cols.get(i).is_some_and(|c| c.stop.is_none()))
            .collect();
        if active.is_empty() {
            break;
        }
        let starts: Vec<Oid> = active
            .iter()
            .filter_map(|&i| cols.get(i).map(|c| c.cur.clone()))
            .collect();
        let batch = match agent.get_bulk(&starts, reps).await {
            Err(AgentError::Status { status: 1 }) if reps > 1 => {
                reps = (reps / 2).max(1);
                ceiling = reps;
                continue;
            }
            Err(e) => return Err(e),
            Ok(b) => b,
        };
        reps = reps.saturating_mul(4).min(ceiling);
        if batch.is_empty() {
            for &i in &active {
                if let Some(c) = cols.get_mut(i) {
                    c.stop = Some(ended(c));
                }
            }
            break;
        }
        // Varbind k answers column active[k % n] (row-major order).
        for (k, (oid, value)) in batch.into_iter().enumerate() {
            let Some((&i, root)) = active
                .get(k % active.len())
                .and_then(|i| Some((i, roots.get(*i)?)))
            else {
                continue;
            };
            let Some(c) = cols.get_mut(i) else {
                continue;
            };
            if c.stop.is_some() {
                continue;
            }
            if !oid.starts_with(root)
                || matches!(
                    value,
                    Value::EndOfMibView | Value::NoSuchObject | Value::NoSuchInstance
                )
            {
                c.stop = Some(ended(c));
            } else if oid <= c.cur {
                c.stop = Some(WalkStop::NotIncreasing);
            } else if c.rows.len() >= max_rows {
                c.stop = Some(WalkStop::Truncated);
            } else {
                c.cur = oid.clone();
                c.rows.push((oid, value));
            }
        }
    }
    Ok(cols
        .into_iter()
        .map(|c| Walked {
            stop: c.stop.unwrap_or(WalkStop::Done),
            rows: c.rows,
        })
        .collect())
}

/// An agent made of a table, for tests and benches: answers GET and
/// GETBULK from a sorted map, like a well-behaved agent would.
#[derive(Debug, Clone, Default)]
pub struct TableAgent {
    /// The objects it serves.
    pub objects: std::collections::BTreeMap<Oid, Value>,
    /// Requests answered.
    pub sent: u64,
    /// If set, every request fails with this.
    pub fail: Option<AgentError>,
    /// If set, at most this many objects in one GETBULK answer (whole rows),
    /// like net-snmp's `maxGetbulkResponses` (100 by default).
    pub max_varbinds: Option<usize>,
}

impl Agent for TableAgent {
    async fn get(&mut self, oids: &[Oid]) -> Result<Vec<VarBind>, AgentError> {
        self.sent += 1;
        if let Some(e) = &self.fail {
            return Err(e.clone());
        }
        Ok(oids
            .iter()
            .map(|o| {
                (
                    o.clone(),
                    self.objects.get(o).cloned().unwrap_or(Value::NoSuchObject),
                )
            })
            .collect())
    }

    async fn get_bulk(
        &mut self,
        starts: &[Oid],
        max_repetitions: u32,
    ) -> Result<Vec<VarBind>, AgentError> {
        use std::ops::Bound;
        self.sent += 1;
        if let Some(e) = &self.fail {
            return Err(e.clone());
        }
        let mut cur: Vec<Oid> = starts.to_vec();
        let mut out = Vec::new();
        let cap = self.max_varbinds.unwrap_or(usize::MAX);
        'rows: for _ in 0..max_repetitions {
            if out.len() + cur.len() > cap || cur.is_empty() {
                break;
            }
            let mut all_ended = true;
            for c in cur.iter_mut() {
                let next = self
                    .objects
                    .range((Bound::Excluded(c.clone()), Bound::Unbounded))
                    .next();
                match next {
                    Some((o, v)) => {
                        all_ended = false;
                        *c = o.clone();
                        out.push((o.clone(), v.clone()));
                    }
                    None => out.push((c.clone(), Value::EndOfMibView)),
                }
            }
            if all_ended {
                break 'rows;
            }
        }
        Ok(out)
    }

    fn requests_sent(&self) -> u64 {
        self.sent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(s: &str) -> Oid {
        Oid::parse(s).unwrap()
    }

    fn agent(n: u32) -> TableAgent {
        let mut a = TableAgent::default();
        a.objects
            .insert(o("1.3.6.1.2.1.1.5.0"), Value::Bytes(b"sw".to_vec()));
        for i in 1..=n {
            a.objects.insert(
                o(&format!("1.3.6.1.2.1.2.2.1.2.{i}")),
                Value::Bytes(b"x".to_vec()),
            );
        }
        a.objects.insert(o("1.3.6.1.2.1.2.2.1.3.1"), Value::Int(6));
        a
    }

    #[tokio::test]
    async fn walk_reads_the_subtree_and_stops_at_its_end() {
        let mut a = agent(60);
        let w = walk(&mut a, &o("1.3.6.1.2.1.2.2.1.2"), 25, 1000)
            .await
            .unwrap();
        assert_eq!(w.rows.len(), 60);
        assert_eq!(w.stop, WalkStop::Done);
        // 10, 25, 25 rows a request, and the end.
        assert_eq!(a.sent, 4);
        let before = a.sent;
        let w = walk(&mut a, &o("1.3.6.1.2.1.17.4.3.1.2"), 25, 1000)
            .await
            .unwrap();
        assert_eq!(w.stop, WalkStop::Absent);
        // An absent table: one request of FIRST_REPETITIONS rows.
        assert_eq!(a.sent, before + 1);
    }

    #[tokio::test]
    async fn walk_is_bounded() {
        let mut a = agent(500);
        let w = walk(&mut a, &o("1.3.6.1.2.1.2.2.1.2"), 25, 100)
            .await
            .unwrap();
        assert_eq!(w.rows.len(), 100);
        assert_eq!(w.stop, WalkStop::Truncated);
    }

    /// An agent that answers the same object again and again.
    struct Looping;
    impl Agent for Looping {
        async fn get(&mut self, _: &[Oid]) -> Result<Vec<VarBind>, AgentError> {
            Ok(vec![])
        }
        async fn get_bulk(&mut self, _: &[Oid], _: u32) -> Result<Vec<VarBind>, AgentError> {
            Ok(vec![(
                Oid::parse("1.3.6.1.2.1.2.2.1.2.1").unwrap(),
                Value::Int(1),
            )])
        }
        fn requests_sent(&self) -> u64 {
            0
        }
    }

    #[tokio::test]
    async fn walk_stops_on_a_looping_agent() {
        let w = walk(&mut Looping, &o("1.3.6.1.2.1.2.2.1.2"), 25, 1000)
            .await
            .unwrap();
        assert_eq!(w.stop, WalkStop::NotIncreasing);
        assert_eq!(w.rows.len(), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn spacing_holds_the_rate_in_every_window() {
        let mut s = Spacing::new(20);
        let start = Instant::now();
        let mut times = Vec::new();
        for _ in 0..100 {
            s.wait().await;
            times.push(Instant::now() - start);
            // Each answer takes 5 ms.
            tokio::time::sleep(Duration::from_millis(5)).await;
            s.ended();
        }
        for (i, t) in times.iter().enumerate() {
            let in_window = times[i..]
                .iter()
                .filter(|u| **u < *t + Duration::from_secs(1))
                .count();
            assert!(
                in_window <= 20,
                "{in_window} requests in the second from {t:?}"
            );
        }
        // The first `rate` go at once (one in flight each), then one
        // window after another: request 21 a second after request 1.
        assert_eq!(times[19], Duration::from_millis(95));
        // Request 21 a second after request 1 ended.
        assert_eq!(times[20], Duration::from_millis(1005));
        assert!(times[99] >= Duration::from_secs(4));
    }

    #[tokio::test]
    async fn columns_are_walked_side_by_side_each_to_its_own_end() {
        let mut a = agent(60);
        // Column 3 of ifTable has one row; column 2 has 60; column 9 none.
        let roots = [
            o("1.3.6.1.2.1.2.2.1.2"),
            o("1.3.6.1.2.1.2.2.1.3"),
            o("1.3.6.1.2.1.2.2.1.9"),
        ];
        let w = walk_columns(&mut a, &roots, 25, 1000).await.unwrap();
        assert_eq!(w[0].rows.len(), 60);
        assert_eq!(w[0].stop, WalkStop::Done);
        assert_eq!(w[1].rows.len(), 1);
        assert_eq!(w[1].stop, WalkStop::Done);
        assert_eq!(w[2].rows.len(), 0);
        assert_eq!(w[2].stop, WalkStop::Absent);
        // 60 rows at 25 a request, all three columns in each.
        // 60 rows at 10, 25, 25 a request (slow start up to 25) and the end, all
        // three columns in each.
        assert_eq!(a.sent, 4);
        // Row for row what walking each column alone gives.
        for (i, r) in roots.iter().enumerate() {
            let alone = walk(&mut a, r, 7, 1000).await.unwrap();
            assert_eq!(alone, w[i]);
        }
    }

    #[tokio::test]
    async fn an_agent_cap_on_answers_only_costs_requests() {
        let mut a = agent(500);
        // Like net-snmp's maxGetbulkResponses 100: two columns, 50 rows each.
        a.max_varbinds = Some(100);
        let roots = [o("1.3.6.1.2.1.2.2.1.2"), o("1.3.6.1.2.1.2.2.1.3")];
        let w = walk_columns(&mut a, &roots, 1000, 100_000).await.unwrap();
        assert_eq!(w[0].rows.len(), 500);
        assert_eq!(w[1].rows.len(), 1);
        // 10 rows of each, then the first alone: 40, then 100 (the agent's
        // cap) a request: 10 + 40 + 4 × 100 + the last 50.
        assert_eq!(a.sent, 7);
    }

    /// An agent that says tooBig unless asked for at most 10 rows.
    struct Small(TableAgent, Vec<u32>);
    impl Agent for Small {
        async fn get(&mut self, o: &[Oid]) -> Result<Vec<VarBind>, AgentError> {
            self.0.get(o).await
        }
        async fn get_bulk(&mut self, s: &[Oid], n: u32) -> Result<Vec<VarBind>, AgentError> {
            self.1.push(n);
            if n > 10 {
                self.0.sent += 1;
                return Err(AgentError::Status { status: 1 });
            }
            self.0.get_bulk(s, n).await
        }
        fn requests_sent(&self) -> u64 {
            self.0.sent
        }
    }

    #[tokio::test]
    async fn too_big_halves_the_repetitions() {
        let mut a = Small(agent(40), Vec::new());
        let w = walk(&mut a, &o("1.3.6.1.2.1.2.2.1.2"), 80, 1000)
            .await
            .unwrap();
        assert_eq!(w.rows.len(), 40);
        // 10 answered, 40 and 20 refused; then 10 at a time, never more.
        assert_eq!(a.1, [10, 40, 20, 10, 10, 10, 10]);
        assert_eq!(a.requests_sent(), 7);
    }
}
