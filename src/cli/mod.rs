//! Argument definitions (clap) and one function per subcommand.
//!
//! Every subcommand returns `Ok(ExitCode)` (0 fine, 1 findings asked for
//! with `--fail-on`) or an error, which `main` prints as one chain and turns
//! into exit status 2 (bad usage or bad input). Outputs are written with
//! `koseizu::output::write_atomic`, so an error never leaves a partial file.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use koseizu::site::Lang;

mod audit;
mod checklist;
mod common;
mod diff;
pub mod help;
mod identify;
mod impact;
mod import;
mod init;
mod ledger;
mod listen;
mod map;
mod poll;
mod report;
mod scan;

/// koseizu (構成図): map a hospital's network, find what nobody registered,
/// and trace an incident.
#[derive(Debug, Parser)]
#[command(name = "koseizu", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Draw the simplified network diagram (ネットワーク簡易構成図) of a site.
    Map(MapArgs),
    /// Scan the LAN for hosts and for every way out of it.
    Scan(ScanArgs),
    /// Compare the network with the records: unregistered devices, undeclared ways out.
    Audit(AuditArgs),
    /// What changed between two scans.
    Diff(DiffArgs),
    /// Intrusion routes, impact scope, containment and whom to call for one compromised node.
    Impact(ImpactArgs),
    /// The manual's checklist (levels 0–3) and the inspection items, proposed from the records and scans.
    Checklist(checklist::ChecklistArgs),
    /// Start a new site folder: site.toml and a site.xlsx to fill in.
    Init(InitArgs),
    /// The ledger with what the scans add, as a workbook for the yearly review.
    Ledger(LedgerArgs),
    /// Read switch ports, VLANs, neighbours and ARP tables over SNMP (read-only).
    Poll(PollArgs),
    /// Identify every way out by make, model and firmware, against known-exploited advisories.
    Identify(IdentifyArgs),
    /// One self-contained HTML report for staff: diagram, devices, findings, changes, contacts.
    Report(ReportArgs),
    /// Turn what other tools saw (nmap XML, arp-scan, DHCP leases, captures) into snapshots.
    Import(ImportArgs),
    /// Listen on an interface (a mirror port) without sending anything, and learn the hosts.
    Listen(ListenArgs),
}

/// `koseizu init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new site folder (made if missing; must hold no site files).
    pub dir: PathBuf,
    /// Language of the workbook's sheets and headers.
    #[arg(long, value_enum, default_value_t = LangArg::Ja)]
    pub lang: LangArg,
}

/// `koseizu ledger`.
#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// Site folder.
    pub site: PathBuf,
    /// Snapshot(s); default: the latest per scope in SITE/scans/.
    #[arg(long = "scan", value_name = "FILE")]
    pub scans: Vec<PathBuf>,
    /// The workbook to write.
    #[arg(long, value_name = "OUT.xlsx")]
    pub xlsx: PathBuf,
    /// Language; default: site.toml's.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Language for people-facing output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 日本語.
    Ja,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
        }
    }
}

/// `koseizu map`.
#[derive(Debug, Args)]
pub struct MapArgs {
    /// Site folder (site.toml, devices.csv, …).
    pub site: PathBuf,
    /// Snapshot(s) to mark on the diagram; default: the latest per scope in SITE/scans/.
    #[arg(long = "scan", value_name = "FILE")]
    pub scans: Vec<PathBuf>,
    /// Draw from the records only, ignoring SITE/scans/.
    #[arg(long)]
    pub no_scans: bool,
    /// Output file; default: SITE/diagram.svg (or .dot/.json/.drawio/.pdf by format). `-` for stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MapFormat::Svg)]
    pub format: MapFormat,
    /// Language of labels and legend; default: site.toml's.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Formats `map` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MapFormat {
    /// Printable SVG (landscape A3).
    Svg,
    /// Graphviz DOT of the same diagram.
    Dot,
    /// The graph with groups and counts, for tools.
    Json,
    /// An editable diagrams.net (draw.io) file of the same diagram.
    Drawio,
    /// One landscape A3 PDF page, vector, fonts embedded (needs a Japanese font).
    Pdf,
}

/// `koseizu scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Interface to scan from.
    #[arg(long, value_name = "IF")]
    pub iface: String,
    /// Networks to scan; default: the interface's own subnet.
    #[arg(long = "cidr", value_name = "CIDR")]
    pub cidrs: Vec<ipnetwork::IpNetwork>,
    /// Save the snapshot into SITE/scans/ under a UTC timestamp name.
    #[arg(long, value_name = "SITE", conflicts_with = "output")]
    pub site: Option<PathBuf>,
    /// Save the snapshot to this file (never overwritten).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Global packet-rate cap, packets per second.
    #[arg(long, value_name = "PPS", default_value_t = 1000)]
    pub rate: u32,
    /// Per-host packet-rate cap, packets per second.
    #[arg(long, value_name = "PPS", default_value_t = 20)]
    pub host_rate: u32,
    /// Ports to probe, e.g. `22,443,u500`, or `none`; default: a hospital list.
    #[arg(long, value_name = "LIST")]
    pub ports: Option<String>,
    /// Outside address for the TTL-1 gateway probe.
    #[arg(long, value_name = "IP")]
    pub outside_probe: Option<IpAddr>,
    /// Devices that get nothing beyond ARP: CIDR, MAC or OUI vendor name.
    #[arg(long = "exclude", value_name = "CIDR|MAC|VENDOR")]
    pub excludes: Vec<String>,
    /// Allow scopes outside private ranges and the interface's own networks.
    #[arg(long)]
    pub allow_public: bool,
    /// Allow more than 65,536 targets.
    #[arg(long, value_name = "N")]
    pub max_targets: Option<u64>,
    /// Run without CAP_NET_RAW: TCP connect probes only.
    #[arg(long)]
    pub unprivileged: bool,
    /// No progress output.
    #[arg(short, long)]
    pub quiet: bool,
    /// Identification of the ways out found (TLS certificate, HTTP, SSH
    /// banner, IKE Vendor IDs): `ways-out` (default) or `none`.
    #[arg(long, value_enum, default_value_t = IdentifyScope::WaysOut)]
    pub identify: IdentifyScope,
    /// Language of progress, summary and errors; default: the site's, else the locale.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Which hosts `scan` identifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IdentifyScope {
    /// Hosts with external-facing evidence.
    WaysOut,
    /// None.
    None,
}

/// `koseizu identify`.
#[derive(Debug, Args)]
pub struct IdentifyArgs {
    /// Site folder.
    pub site: PathBuf,
    /// Only these ways out: ledger device id or IP (repeatable); default: all.
    #[arg(long = "device", value_name = "ID|IP")]
    pub devices: Vec<String>,
    /// Snapshot(s); default: the latest per scope in SITE/scans/.
    #[arg(long = "scan", value_name = "FILE")]
    pub scans: Vec<PathBuf>,
    /// Probe nothing: report from what the snapshots already hold.
    #[arg(long)]
    pub no_probe: bool,
    /// Save a new snapshot in SITE/scans/: the latest one's hosts with these observations.
    #[arg(long)]
    pub save: bool,
    /// A newer advisory table in the bundled format.
    #[arg(long, value_name = "FILE")]
    pub advisories: Option<PathBuf>,
    /// Global packet-rate cap, packets per second.
    #[arg(long, value_name = "PPS", default_value_t = 1000)]
    pub rate: u32,
    /// Per-host packet-rate cap, packets per second.
    #[arg(long, value_name = "PPS", default_value_t = 20)]
    pub host_rate: u32,
    /// Devices never probed: CIDR or MAC (the snapshot's own exclusions always hold).
    #[arg(long = "exclude", value_name = "CIDR|MAC")]
    pub excludes: Vec<String>,
    /// Allow probing addresses outside private ranges.
    #[arg(long)]
    pub allow_public: bool,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Language; default: site.toml's.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// What makes `audit` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any unregistered device.
    Unregistered,
    /// Any undeclared external-facing device.
    UndeclaredExternal,
    /// Any finding at all.
    Any,
}

/// Text or JSON report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people.
    Text,
    /// For tools.
    Json,
}

/// Allowlist file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AllowlistFormat {
    /// One MAC per line.
    Plain,
    /// CSV with names (Excel).
    Csv,
    /// FreeRADIUS `authorize`/users file.
    Freeradius,
}

/// `koseizu audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Site folder.
    pub site: PathBuf,
    /// Snapshot(s); default: the latest per scope in SITE/scans/.
    #[arg(long = "scan", value_name = "FILE")]
    pub scans: Vec<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Also write the findings as CSV for Excel.
    #[arg(long, value_name = "OUT")]
    pub csv: Option<PathBuf>,
    /// Also write the findings as an Excel workbook, a sheet per section.
    #[arg(long, value_name = "OUT.xlsx")]
    pub xlsx: Option<PathBuf>,
    /// Write the registered MACs for MAC-address authentication.
    #[arg(long, value_name = "OUT")]
    pub allowlist: Option<PathBuf>,
    /// Allowlist format.
    #[arg(long, value_enum, default_value_t = AllowlistFormat::Plain)]
    pub allowlist_format: AllowlistFormat,
    /// Exit 1 when findings of this class exist.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// A newer advisory table for section 6 (ways out to check), in the bundled format.
    #[arg(long, value_name = "FILE")]
    pub advisories: Option<PathBuf>,
    /// Language; default: site.toml's.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Diff formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For people.
    Text,
    /// For tools.
    Json,
    /// For Excel.
    Csv,
    /// An Excel workbook, written to stdout (redirect it to a file).
    Xlsx,
}

/// `koseizu diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Older and newer snapshot; default: the two latest of --site for the same scope.
    #[arg(num_args = 0..=2, value_name = "OLD NEW")]
    pub snapshots: Vec<PathBuf>,
    /// Site folder whose scans/ to use (and whose ledger names the hosts).
    #[arg(long, value_name = "SITE")]
    pub site: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Language; default: site.toml's, else Japanese.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// `koseizu impact`.
#[derive(Debug, Args)]
pub struct ImpactArgs {
    /// Site folder.
    pub site: PathBuf,
    /// The compromised node: device id or name, IP, MAC, system id, line id or circuit id.
    #[arg(long, value_name = "DEVICE|IP|MAC|SYSTEM|LINE|CIRCUIT")]
    pub from: String,
    /// Snapshot(s); default: the latest per scope in SITE/scans/.
    #[arg(long = "scan", value_name = "FILE")]
    pub scans: Vec<PathBuf>,
    /// Draw the diagram with routes and scope highlighted to this SVG file.
    #[arg(short, long, value_name = "OUT.svg")]
    pub output: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Language; default: site.toml's.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Text: every route, segment, system, data flow and way out, not only the first few.
    #[arg(long)]
    pub all: bool,
}

/// `koseizu poll`.
#[derive(Debug, Args)]
pub struct PollArgs {
    /// Site folder (its ledger lists the devices; SITE/snmp.toml the credentials).
    pub site: PathBuf,
    /// Poll only these devices (ledger id or IP); default: every switch, router and firewall with an IP.
    #[arg(long = "device", value_name = "ID|IP")]
    pub devices: Vec<String>,
    /// Credentials file (mode 0600); default: SITE/snmp.toml.
    #[arg(long, value_name = "FILE")]
    pub credentials: Option<PathBuf>,
    /// Save the snapshot to this file (never overwritten) instead of SITE/scans/.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Per-device request-rate cap, requests per second.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub rate: u32,
    /// Wait this long for each answer, milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 1500)]
    pub timeout_ms: u64,
    /// Resend a request at most this many times (at most 10).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub retries: u32,
    /// GETBULK max-repetitions (1 to 1000): rows per column asked in one request.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub max_repetitions: u32,
    /// Agent UDP port.
    #[arg(long, value_name = "PORT", default_value_t = 161, hide = true)]
    pub port: u16,
    /// No progress output (problems are still printed).
    #[arg(short, long)]
    pub quiet: bool,
}

/// `koseizu report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Site folder.
    pub site: PathBuf,
    /// Output file; default: SITE/report.html.
    #[arg(short, long, value_name = "OUT.html")]
    pub output: Option<PathBuf>,
    /// Snapshot(s); default: the latest per scope in SITE/scans/ (and the
    /// one before, for the changes).
    #[arg(long = "scan", value_name = "FILE")]
    pub scans: Vec<PathBuf>,
    /// Language; default: site.toml's.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Recognise each file from its content (not its name).
    Auto,
    /// pcap or pcapng capture.
    Pcap,
    /// nmap XML (`-oX`).
    Nmap,
    /// arp-scan output (default or `--plain`).
    ArpScan,
    /// dnsmasq lease file.
    Dnsmasq,
    /// ISC dhcpd.leases.
    Dhcpd,
    /// Windows Server `Get-DhcpServerv4Lease | Export-Csv`.
    WindowsDhcp,
}

/// `koseizu import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files to import; each becomes one snapshot.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Save the snapshots into SITE/scans/ (never overwriting).
    #[arg(long, value_name = "SITE", conflicts_with = "output")]
    pub site: Option<PathBuf>,
    /// Save the snapshot to this file (never overwritten); `-` for stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Format of the files.
    #[arg(long, value_enum, default_value_t = ImportFormat::Auto)]
    pub format: ImportFormat,
    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Language of the summary and errors; default: the site's, else the locale.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// `koseizu listen`.
#[derive(Debug, Args)]
pub struct ListenArgs {
    /// Interface to listen on (put in promiscuous mode; nothing is sent).
    #[arg(long, value_name = "IF")]
    pub iface: String,
    /// Stop after this long (`30m`, `45s`, `2h`); default: until Ctrl-C.
    #[arg(long, value_name = "TIME", value_parser = listen::parse_duration)]
    pub duration: Option<std::time::Duration>,
    /// Save the snapshot into SITE/scans/ under a UTC timestamp name.
    #[arg(long, value_name = "SITE", conflicts_with = "output")]
    pub site: Option<PathBuf>,
    /// Save the snapshot to this file (never overwritten); `-` for stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Also write every frame to this pcap file: it holds the traffic
    /// itself, patient data included where the network carries it.
    #[arg(long, value_name = "FILE")]
    pub write_pcap: Option<PathBuf>,
    /// No progress output.
    #[arg(short, long)]
    pub quiet: bool,
    /// Language of progress, summary and errors; default: the site's, else the locale.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Map(a) => map::run(&a),
        Command::Scan(a) => scan::run(&a),
        Command::Audit(a) => audit::run(&a),
        Command::Diff(a) => diff::run(&a),
        Command::Impact(a) => impact::run(&a),
        Command::Checklist(a) => checklist::run(&a),
        Command::Init(a) => init::run(&a),
        Command::Ledger(a) => ledger::run(&a),
        Command::Poll(a) => poll::run(&a),
        Command::Identify(a) => identify::run(&a),
        Command::Report(a) => report::run(&a),
        Command::Import(a) => import::run(&a),
        Command::Listen(a) => listen::run(&a),
    }
}
