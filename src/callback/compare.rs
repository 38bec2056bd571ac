//! The exact-match comparator: given the redirect URI that was sent and the
//! callbacks that are registered, name every difference the way Auth0 sees
//! it. One comparator serves `client`, `check` and `diagnose`.
//!
//! Auth0 (and so CARTO) compares a redirect URI with each allowed callback as
//! a string: scheme, host, port, path, trailing slash and query all count,
//! and the only pattern it knows is one `*` in the left-most subdomain. So
//! nothing here normalizes a URL before comparing; URLs are split as text
//! ([`split`]) and each part is compared as text. Normalized forms are only
//! used to *name* a difference (it is "only letter case", "only a slash").
//!
//! The API, top down:
//! - [`compare`]: one sent URI against the registered list: is it there, and
//!   if not, which entry is nearest and how exactly does it differ.
//! - [`attribute`]: which platform sends this URI, and is it the value CARTO
//!   documents for it.
//! - [`remedy`] and [`FixPlan`]: what to change (the `client update` flags),
//!   or why the change belongs on the platform's side.

use std::ops::Range;

use serde::Serialize;

use super::{is_loopback_host, split_joined, validate};
use crate::platforms::{self, Platform, Source};

// ----- splitting ---------------------------------------------------------

/// A URL cut into its parts as written (nothing decoded, nothing lowered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts<'a> {
    /// `None` when the value has no `scheme://` at all.
    pub scheme: Option<&'a str>,
    pub host: &'a str,
    pub port: Option<&'a str>,
    /// Empty when there is no path at all (`https://a.example`).
    pub path: &'a str,
    pub query: Option<&'a str>,
}

/// Cuts a URL into its parts without interpreting them. `None` when it has
/// no recognisable host.
pub fn split(s: &str) -> Option<Parts<'_>> {
    let (scheme, rest) = match s.find("://") {
        Some(i)
            if i > 0
                && s[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            (Some(&s[..i]), &s[i + 3..])
        }
        Some(_) => return None,
        None => (None, s),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let tail = &rest[end..];
    let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if hostport.starts_with('[') {
        let j = hostport.find(']')?;
        let after = &hostport[j + 1..];
        (&hostport[..=j], after.strip_prefix(':'))
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        }
    };
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c == '%') {
        return None;
    }
    // Without a scheme, only call it a URL when it looks like a host name.
    if scheme.is_none() && !(host.contains('.') || is_loopback_host(host)) {
        return None;
    }
    let tail = tail.split('#').next().unwrap_or_default();
    let (path, query) = match tail.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (tail, None),
    };
    Some(Parts {
        scheme,
        host,
        port,
        path,
        query,
    })
}

/// Decodes `%XX` escapes (and only those: `+` stays a plus, a stray `%`
/// stays as it is).
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// A whole URL written percent-encoded (`https%3A%2F%2F…`).
fn is_encoded_url(s: &str) -> bool {
    !s.contains("://") && percent_decode(s).contains("://")
}

fn default_port(scheme: Option<&str>) -> Option<&'static str> {
    match scheme.map(str::to_ascii_lowercase).as_deref() {
        Some("http") => Some("80"),
        Some("https") => Some("443"),
        _ => None,
    }
}

// ----- differences -------------------------------------------------------

/// What kind of difference; the JSON name is the snake_case form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceKind {
    /// http vs https (or no scheme at all).
    Scheme,
    /// Two spellings of the loopback host: localhost, 127.0.0.1, [::1].
    LoopbackHost,
    /// The same host in other letter case.
    HostCase,
    /// Another host.
    Host,
    /// One side names a port, the other has none (and so its default).
    PortMissing,
    /// One side writes the scheme's default port (`:443`, `:80`), the other
    /// leaves it out.
    PortDefault,
    /// Two different ports.
    Port,
    /// Another path.
    Path,
    /// The paths differ only by a trailing `/`.
    TrailingSlash,
    /// Another query string.
    Query,
    /// The same text, percent-encoded on one side only.
    PercentEncoding,
    /// Blanks around the value on one side.
    Whitespace,
    /// Two URLs stored as one registered entry, joined by a comma.
    JoinedEntry,
    /// A `*` where Auth0 cannot match one.
    Wildcard,
    /// The registered entry is not a URL at all.
    Malformed,
}

impl DifferenceKind {
    /// Short name for tables and headings.
    pub fn label(self) -> &'static str {
        match self {
            DifferenceKind::Scheme => "scheme",
            DifferenceKind::LoopbackHost => "loopback host",
            DifferenceKind::HostCase => "host letter case",
            DifferenceKind::Host => "host",
            DifferenceKind::PortMissing => "port missing",
            DifferenceKind::PortDefault => "default port",
            DifferenceKind::Port => "port",
            DifferenceKind::Path => "path",
            DifferenceKind::TrailingSlash => "trailing slash",
            DifferenceKind::Query => "query",
            DifferenceKind::PercentEncoding => "percent-encoding",
            DifferenceKind::Whitespace => "whitespace",
            DifferenceKind::JoinedEntry => "two URLs in one entry",
            DifferenceKind::Wildcard => "wildcard",
            DifferenceKind::Malformed => "not a URL",
        }
    }

    /// How far apart this makes two URLs, to pick the nearest entry.
    fn weight(self) -> u32 {
        match self {
            DifferenceKind::Host | DifferenceKind::Malformed => 8,
            DifferenceKind::Path => 3,
            DifferenceKind::Scheme | DifferenceKind::Port | DifferenceKind::Query => 2,
            _ => 1,
        }
    }
}

/// How far apart a list of differences makes two URLs.
fn distance(diffs: &[Difference]) -> u32 {
    diffs.iter().map(|d| d.kind.weight()).sum()
}

/// One difference between the sent URI and a registered entry: which part,
/// that part on each side (empty when absent), and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub kind: DifferenceKind,
    pub sent: String,
    pub registered: String,
    pub explanation: String,
}

impl Difference {
    fn new(kind: DifferenceKind, sent: &str, registered: &str) -> Self {
        let explanation = explain(kind, sent, registered);
        Self {
            kind,
            sent: sent.to_string(),
            registered: registered.to_string(),
            explanation,
        }
    }
}

fn q(s: &str) -> String {
    if s.is_empty() {
        "nothing".into()
    } else {
        format!("\"{s}\"")
    }
}

fn explain(kind: DifferenceKind, s: &str, r: &str) -> String {
    use DifferenceKind::*;
    match kind {
        Scheme if r.is_empty() => format!(
            "the registered entry has no scheme; the sent URI starts with {}. A callback must be a whole URL, scheme included",
            q(&format!("{s}://"))
        ),
        Scheme => format!(
            "the scheme differs: {} was sent, {} is registered; Auth0 compares the whole URL, scheme included",
            q(s),
            q(r)
        ),
        LoopbackHost => format!(
            "the host differs: {} was sent, {} is registered. Both reach this machine, but Auth0 compares them as text: localhost, 127.0.0.1 and [::1] are three different callbacks",
            q(s),
            q(r)
        ),
        HostCase => format!(
            "the host differs only in letter case ({} sent, {} registered); Auth0 compares callbacks as exact strings",
            q(s),
            q(r)
        ),
        Host => format!(
            "the host differs: {} was sent, {} is registered",
            q(s),
            q(r)
        ),
        PortMissing if s.is_empty() => format!(
            "the port differs: the sent URI has no port, the registered one has port {}",
            q(r)
        ),
        PortMissing => format!(
            "the port differs: the sent URI has port {}, the registered one has none",
            q(s)
        ),
        PortDefault if s.is_empty() => format!(
            "the registered entry writes the default port {} and the sent URI leaves it out; a browser treats them alike, Auth0 does not",
            q(r)
        ),
        PortDefault => format!(
            "the sent URI writes the default port {} and the registered entry leaves it out; a browser treats them alike, Auth0 does not",
            q(s)
        ),
        Port => format!(
            "the port differs: {} was sent, {} is registered",
            q(s),
            q(r)
        ),
        TrailingSlash if s.len() > r.len() => format!(
            "the sent path ends with a slash and the registered one does not ({} vs {}); a trailing slash counts",
            q(s),
            q(r)
        ),
        TrailingSlash => format!(
            "the registered path ends with a slash and the sent one does not ({} vs {}); a trailing slash counts",
            q(r),
            q(s)
        ),
        Path if s.eq_ignore_ascii_case(r) => format!(
            "the path differs only in letter case ({} sent, {} registered); paths are case-sensitive",
            q(s),
            q(r)
        ),
        Path => format!(
            "the path differs: {} was sent, {} is registered",
            q(s),
            q(r)
        ),
        Query => format!(
            "the query string differs: {} was sent, {} is registered; a query counts as part of the callback",
            q(s),
            q(r)
        ),
        PercentEncoding => format!(
            "the same text is percent-encoded on one side only ({} sent, {} registered); Auth0 compares the text, so encoded and plain forms differ",
            q(s),
            q(r)
        ),
        Whitespace if s.trim() != s => format!(
            "the sent URI has blanks around it ({}); they are part of the string that is compared",
            q(s)
        ),
        Whitespace => format!(
            "the registered entry has blanks around it ({}); they are part of the string Auth0 compares, so it never matches",
            q(r)
        ),
        JoinedEntry => format!(
            "two URLs were stored as one entry ({}): Auth0 sees a single callback with a comma in it, which matches neither; store each URL as its own entry",
            q(r)
        ),
        Wildcard => format!(
            "the registered entry uses a wildcard where Auth0 cannot match one: {s}. Auth0 allows one `*` in the left-most subdomain only (one level, http/https, no port or path wildcards)"
        ),
        Malformed => format!(
            "the registered entry {} is not a URL Auth0 can match against",
            q(r)
        ),
    }
}

// ----- wildcards ---------------------------------------------------------

/// Why a registered entry's `*` can never match, per Auth0's rules; `None`
/// when the wildcard is allowed (or there is none).
pub fn wildcard_problem(entry: &str) -> Option<String> {
    let n = entry.matches('*').count();
    if n == 0 {
        return None;
    }
    if n > 1 {
        return Some("only one `*` is allowed per URL".into());
    }
    let Some(p) = split(entry) else {
        return Some("the entry is not a URL".into());
    };
    if p.scheme.is_some_and(|s| s.contains('*')) {
        return Some("the scheme cannot be a wildcard".into());
    }
    if !matches!(p.scheme, Some("http" | "https")) {
        return Some("wildcards work only with http and https".into());
    }
    if p.port.is_some_and(|s| s.contains('*')) {
        return Some("there is no port wildcard: register each port".into());
    }
    if p.path.contains('*') || p.query.is_some_and(|s| s.contains('*')) {
        return Some("a `*` in the path or query is taken literally".into());
    }
    let labels: Vec<&str> = p.host.split('.').collect();
    if !labels[0].contains('*') {
        return Some("the `*` must be in the left-most subdomain".into());
    }
    if labels.len() < 3 {
        return Some("a wildcard needs a domain under it (`*.example.com`, not `*.com`)".into());
    }
    if is_loopback_host(&p.host.replace('*', "1")) || p.host.contains('[') {
        return Some("wildcards do not apply to loopback hosts or IP addresses".into());
    }
    None
}

/// Does a (valid) wildcard host like `*.example.com` or `pr-*.example.com`
/// match `host`? One level only.
fn wildcard_host_matches(pattern: &str, host: &str) -> bool {
    let pl: Vec<&str> = pattern.split('.').collect();
    let hl: Vec<&str> = host.split('.').collect();
    if pl.len() != hl.len() {
        return false;
    }
    let Some((pre, suf)) = pl[0].split_once('*') else {
        return false;
    };
    let first = hl[0].to_ascii_lowercase();
    let ok_first = first.len() > pre.len() + suf.len()
        && first.starts_with(&pre.to_ascii_lowercase())
        && first.ends_with(&suf.to_ascii_lowercase());
    ok_first
        && pl[1..]
            .iter()
            .zip(&hl[1..])
            .all(|(a, b)| a.eq_ignore_ascii_case(b))
}

// ----- the comparison ----------------------------------------------------

/// The result of comparing one sent URI with the registered callbacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// One registered entry is the sent URI, byte for byte.
    Registered,
    /// A registered wildcard entry covers the sent URI.
    WildcardMatch,
    /// No entry matches; `nearest` and `differences` say why.
    Mismatch,
    /// Nothing is registered at all.
    NothingRegistered,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub sent: String,
    pub outcome: Outcome,
    /// The registered entry that matches, or else the nearest one, as stored.
    pub nearest: Option<String>,
    /// When the nearest entry holds several URLs: the one compared.
    pub nearest_part: Option<String>,
    /// Why `nearest` does not match; empty when it does.
    pub differences: Vec<Difference>,
}

impl Comparison {
    /// Would the authorization server accept the sent URI?
    pub fn is_registered(&self) -> bool {
        matches!(self.outcome, Outcome::Registered | Outcome::WildcardMatch)
    }

    /// The text the sent URI was compared with (a piece of a joined entry,
    /// or the entry).
    pub fn compared_with(&self) -> Option<&str> {
        self.nearest_part.as_deref().or(self.nearest.as_deref())
    }

    pub fn has(&self, kind: DifferenceKind) -> bool {
        self.differences.iter().any(|d| d.kind == kind)
    }
}

/// Compares the redirect URI that was sent with the registered callbacks,
/// the way Auth0 does (exact strings, plus its subdomain wildcard), and
/// names each difference from the nearest entry.
pub fn compare(sent: &str, registered: &[String]) -> Comparison {
    if registered.iter().any(|r| r == sent) {
        return Comparison {
            sent: sent.to_string(),
            outcome: Outcome::Registered,
            nearest: Some(sent.to_string()),
            nearest_part: None,
            differences: Vec::new(),
        };
    }
    let mut best: Option<(u32, f64, Comparison)> = None;
    for entry in registered {
        for (part, diffs) in candidates(sent, entry) {
            let exact_wildcard = diffs.is_empty();
            let score = distance(&diffs);
            let compared = part.as_deref().unwrap_or(entry);
            let sim = strsim::normalized_levenshtein(sent.trim(), compared.trim());
            let c = Comparison {
                sent: sent.to_string(),
                outcome: if exact_wildcard {
                    Outcome::WildcardMatch
                } else {
                    Outcome::Mismatch
                },
                nearest: Some(entry.clone()),
                nearest_part: part,
                differences: diffs,
            };
            let better = match &best {
                None => true,
                Some((s, si, _)) => score < *s || (score == *s && sim > *si),
            };
            if better {
                best = Some((score, sim, c));
            }
        }
    }
    best.map(|(_, _, c)| c).unwrap_or_else(|| Comparison {
        sent: sent.to_string(),
        outcome: Outcome::NothingRegistered,
        nearest: None,
        nearest_part: None,
        differences: Vec::new(),
    })
}

/// The ways one registered entry can be compared: as it is, or each URL of
/// a joined entry; with the entry-level findings first.
fn candidates(sent: &str, entry: &str) -> Vec<(Option<String>, Vec<Difference>)> {
    let mut pre = Vec::new();
    if sent.trim() != sent {
        pre.push(Difference::new(DifferenceKind::Whitespace, sent, ""));
    }
    if let Some(parts) = split_joined(entry) {
        pre.push(Difference::new(DifferenceKind::JoinedEntry, "", entry));
        return parts
            .into_iter()
            .map(|p| {
                let mut d = pre.clone();
                d.extend(diff_urls(sent.trim(), &p));
                (Some(p), d)
            })
            .collect();
    }
    if entry.trim() != entry {
        pre.push(Difference::new(DifferenceKind::Whitespace, "", entry));
    }
    let mut d = pre;
    d.extend(diff_urls(sent.trim(), entry.trim()));
    vec![(None, d)]
}

/// The part-by-part differences between two trimmed URLs.
fn diff_urls(s: &str, r: &str) -> Vec<Difference> {
    use DifferenceKind::*;
    let mut out = Vec::new();
    if s == r {
        return out;
    }
    // A whole URL percent-encoded on one side (pasted from a query string).
    let (s_dec, r_dec);
    let (mut s, mut r) = (s, r);
    if is_encoded_url(s) != is_encoded_url(r) {
        out.push(Difference::new(PercentEncoding, s, r));
        if is_encoded_url(s) {
            s_dec = percent_decode(s);
            s = &s_dec;
        } else {
            r_dec = percent_decode(r);
            r = &r_dec;
        }
        if s == r {
            return out;
        }
    }
    let (Some(sp), Some(rp)) = (split(s), split(r)) else {
        out.push(Difference::new(Malformed, s, r));
        return out;
    };
    let wildcard = if r.contains('*') {
        wildcard_problem(r)
    } else {
        None
    };
    if let Some(reason) = &wildcard {
        out.push(Difference {
            kind: Wildcard,
            sent: sp.host.to_string(),
            registered: r.to_string(),
            explanation: explain(Wildcard, reason, r),
        });
    }
    if sp.scheme != rp.scheme {
        out.push(Difference::new(
            Scheme,
            sp.scheme.unwrap_or_default(),
            rp.scheme.unwrap_or_default(),
        ));
    }
    // Host.
    if sp.host != rp.host {
        if rp.host.contains('*') {
            if wildcard.is_none() && !wildcard_host_matches(rp.host, sp.host) {
                out.push(Difference::new(Host, sp.host, rp.host));
            }
        } else if sp.host.eq_ignore_ascii_case(rp.host) {
            out.push(Difference::new(HostCase, sp.host, rp.host));
        } else if is_loopback_host(sp.host) && is_loopback_host(rp.host) {
            out.push(Difference::new(LoopbackHost, sp.host, rp.host));
        } else {
            out.push(Difference::new(Host, sp.host, rp.host));
        }
    }
    // Port.
    if sp.port != rp.port && !rp.port.is_some_and(|p| p.contains('*')) {
        match (sp.port, rp.port) {
            (Some(a), Some(b)) => out.push(Difference::new(Port, a, b)),
            (Some(a), None) => {
                let kind = if Some(a) == default_port(sp.scheme) {
                    PortDefault
                } else {
                    PortMissing
                };
                out.push(Difference::new(kind, a, ""));
            }
            (None, Some(b)) => {
                let kind = if Some(b) == default_port(rp.scheme) {
                    PortDefault
                } else {
                    PortMissing
                };
                out.push(Difference::new(kind, "", b));
            }
            (None, None) => {}
        }
    }
    // Path.
    if sp.path != rp.path && !rp.path.contains('*') {
        let kind = if sp.path.trim_end_matches('/') == rp.path.trim_end_matches('/') {
            TrailingSlash
        } else if percent_decode(sp.path) == percent_decode(rp.path) {
            PercentEncoding
        } else {
            Path
        };
        out.push(Difference::new(kind, sp.path, rp.path));
    }
    // Query.
    if sp.query != rp.query && !rp.query.is_some_and(|q| q.contains('*')) {
        let (a, b) = (sp.query.unwrap_or_default(), rp.query.unwrap_or_default());
        let kind = if percent_decode(a) == percent_decode(b) && !a.is_empty() {
            PercentEncoding
        } else {
            Query
        };
        out.push(Difference::new(kind, a, b));
    }
    if out.is_empty() && s != r && wildcard.is_none() && !r.contains('*') {
        // Same parts, different text (a fragment, user info): still no match.
        out.push(Difference::new(Path, s, r));
    }
    out
}

/// Where two strings differ, in characters: the range in `a` and the range
/// in `b` between their common prefix and common suffix (empty ranges mark
/// an insertion point).
pub fn differing_span(a: &str, b: &str) -> (Range<usize>, Range<usize>) {
    let ac: Vec<char> = a.chars().collect();
    let bc: Vec<char> = b.chars().collect();
    let pre = ac.iter().zip(&bc).take_while(|(x, y)| x == y).count();
    let max_suf = ac.len().min(bc.len()) - pre;
    let suf = ac
        .iter()
        .rev()
        .zip(bc.iter().rev())
        .take(max_suf)
        .take_while(|(x, y)| x == y)
        .count();
    (pre..ac.len() - suf, pre..bc.len() - suf)
}

// ----- attribution -------------------------------------------------------

/// How a sent URI was tied to a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// It is one of a preset's callbacks, byte for byte.
    Preset,
    /// It fits a known pattern (`platforms::KNOWN_PATTERNS`).
    Pattern,
    /// It is close to a preset's callback but not equal.
    Resembles,
}

/// Which platform sends a URI, and whether it is CARTO's documented value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attribution {
    /// The preset name (`--platform`), when the platform has one.
    pub platform: Option<&'static str>,
    pub display: String,
    pub matched_by: MatchedBy,
    /// This exact URI is a callback CARTO's docs list.
    pub carto_documented: bool,
    /// What CARTO documents for this platform (empty: CARTO documents none).
    pub carto_value: Vec<&'static str>,
    pub note: Option<String>,
    /// The right value is the registered preset; the platform (or the
    /// server) should change, not the client.
    #[serde(skip)]
    pub platform_side: bool,
}

fn carto_value(p: &Platform) -> Vec<&'static str> {
    if p.source == Source::CartoDocs {
        p.callbacks.to_vec()
    } else {
        Vec::new()
    }
}

/// Says which platform sends `sent`: a preset's exact callback, a known
/// pattern, or (failing both) the preset callback it closely resembles.
pub fn attribute(sent: &str) -> Option<Attribution> {
    let s = sent.trim();
    if let Some(p) = platforms::owners_of(s).first() {
        let carto = p.source == Source::CartoDocs;
        return Some(Attribution {
            platform: Some(p.name),
            display: p.display.to_string(),
            matched_by: MatchedBy::Preset,
            carto_documented: carto,
            carto_value: carto_value(p),
            note: (!carto).then(|| {
                format!(
                    "CARTO does not document a callback for {}; this is the platform's own value ({})",
                    p.display, p.source_url
                )
            }),
            platform_side: false,
        });
    }
    if let Some(k) = platforms::pattern_of(s) {
        let preset = k.preset.and_then(|n| platforms::find(n).ok());
        return Some(Attribution {
            platform: k.preset,
            display: k.display.to_string(),
            matched_by: MatchedBy::Pattern,
            carto_documented: false,
            carto_value: preset.map(carto_value).unwrap_or_default(),
            note: Some(k.note.to_string()),
            platform_side: k.platform_side,
        });
    }
    // Close to a preset's callback? (Not another host, at most two small
    // differences.)
    let all: Vec<String> = platforms::PLATFORMS
        .iter()
        .flat_map(|p| p.callbacks.iter().map(|c| c.to_string()))
        .collect();
    let c = compare(s, &all);
    let near = c.nearest.as_deref()?;
    let score = distance(&c.differences);
    if c.has(DifferenceKind::Host) || c.has(DifferenceKind::Malformed) || score > 3 {
        return None;
    }
    let p = platforms::owners_of(near).into_iter().next()?;
    Some(Attribution {
        platform: Some(p.name),
        display: p.display.to_string(),
        matched_by: MatchedBy::Resembles,
        carto_documented: false,
        carto_value: carto_value(p),
        note: Some(format!(
            "it resembles {}'s callback {near}{}, but is not equal to it",
            p.display,
            if p.source == Source::CartoDocs {
                " (the value CARTO documents)"
            } else {
                ""
            }
        )),
        platform_side: false,
    })
}

// ----- the fix -----------------------------------------------------------

/// What to do about one comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Remedy {
    /// The sent URI is registered: nothing to do.
    Nothing,
    /// Change the client's callbacks.
    UpdateClient {
        add_platforms: Vec<String>,
        add_callbacks: Vec<String>,
        remove_callbacks: Vec<String>,
    },
    /// The registered value is right; the platform sent something else.
    /// `workaround` is a callback that would make it work anyway.
    PlatformSide {
        advice: String,
        workaround: Option<String>,
    },
    /// The sent URI cannot be registered at CARTO at all.
    Unregistrable { reason: String },
}

/// Decides what fixes one comparison, knowing the whole registered list:
/// add the platform's preset (when the sent URI is exactly a preset's), or
/// add the sent URI; drop the nearest entry when it can never match
/// (joined, blank-padded, percent-encoded, impossible wildcard); or point at
/// the platform when the registered value is right and it sent another.
pub fn remedy(c: &Comparison, a: Option<&Attribution>, registered: &[String]) -> Remedy {
    if c.is_registered() {
        return Remedy::Nothing;
    }
    let sent = c.sent.trim();
    if let Err(e) = validate(sent) {
        let mut reason = e.to_string();
        if let Some(n) = a.and_then(|a| a.note.as_ref()) {
            reason = format!("{reason}. {n}");
        }
        return Remedy::Unregistrable { reason };
    }
    let mut add_platforms: Vec<String> = Vec::new();
    let mut add_callbacks: Vec<String> = Vec::new();
    let mut remove = Vec::new();

    // A platform that sent a known variant of its own preset value.
    if let Some(a) = a
        && a.platform_side
    {
        let preset = a.platform.and_then(|n| platforms::find(n).ok());
        let preset_ok = preset.is_some_and(|p| {
            p.callbacks
                .iter()
                .all(|cb| compare(cb, registered).is_registered())
        });
        if preset_ok {
            return Remedy::PlatformSide {
                advice: a.note.clone().unwrap_or_default(),
                workaround: Some(sent.to_string()),
            };
        }
        // The preset itself is missing too: register both.
        if let Some(p) = preset {
            add_platforms.push(p.name.to_string());
        }
        add_callbacks.push(sent.to_string());
        return Remedy::UpdateClient {
            add_platforms,
            add_callbacks,
            remove_callbacks: remove,
        };
    }

    if let Some(entry) = &c.nearest {
        let broken = c.differences.iter().any(|d| {
            matches!(
                d.kind,
                DifferenceKind::JoinedEntry | DifferenceKind::Wildcard
            ) || (d.kind == DifferenceKind::Whitespace && !d.registered.is_empty())
        }) || (c.has(DifferenceKind::PercentEncoding) && is_encoded_url(entry.trim()));
        if broken {
            remove.push(entry.clone());
            // Keep what the broken entry meant to register.
            let meant = split_joined(entry).unwrap_or_else(|| {
                let t = entry.trim();
                vec![if is_encoded_url(t) {
                    percent_decode(t)
                } else {
                    t.to_string()
                }]
            });
            for m in meant {
                if m != sent && m != *entry && validate(&m).is_ok() && !add_callbacks.contains(&m) {
                    add_callbacks.push(m);
                }
            }
        }
    }

    // The registered value is a platform's own, and the sent URI is no known
    // platform's: the platform is configured with the wrong redirect URL.
    let sent_known = a.is_some_and(|a| a.matched_by != MatchedBy::Resembles);
    if !sent_known
        && remove.is_empty()
        && !c.has(DifferenceKind::Host)
        && !c.has(DifferenceKind::Malformed)
        && let Some(near) = c.compared_with()
        && let Some(p) = platforms::owners_of(near).first()
        && a.is_none_or(|a| a.platform == Some(p.name))
    {
        return Remedy::PlatformSide {
            advice: format!(
                "{near} (registered) is {}'s callback{}, but the platform sent {sent}. Set the platform's redirect URL to {near} exactly, where it lets you",
                p.display,
                if p.source == Source::CartoDocs {
                    ", as CARTO documents it"
                } else {
                    ""
                }
            ),
            workaround: Some(sent.to_string()),
        };
    }
    match a {
        Some(a) if a.matched_by == MatchedBy::Preset => {
            let name = a.platform.unwrap_or_default();
            add_platforms.push(name.to_string());
            // The preset brings its callbacks; do not name them twice.
            if let Ok(p) = platforms::find(name) {
                add_callbacks.retain(|c| !p.callbacks.contains(&c.as_str()));
            }
        }
        _ => add_callbacks.insert(0, sent.to_string()),
    }
    Remedy::UpdateClient {
        add_platforms,
        add_callbacks,
        remove_callbacks: remove,
    }
}

/// The comparator's whole answer about one sent URI: how it compares with
/// the registered callbacks, which platform sends it, and what fixes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub comparison: Comparison,
    pub platform: Option<Attribution>,
    pub remedy: Remedy,
}

/// [`compare`], [`attribute`] and [`remedy`] for one sent URI.
pub fn diagnose(sent: &str, registered: &[String]) -> Diagnosis {
    let comparison = compare(sent, registered);
    let platform = attribute(sent);
    let remedy = remedy(&comparison, platform.as_ref(), registered);
    Diagnosis {
        comparison,
        platform,
        remedy,
    }
}

/// Every remedy of a run, merged into one `client update`.
pub type FixPlan = super::CallbackEdit;

impl super::CallbackEdit {
    pub fn from_remedies<'a>(remedies: impl IntoIterator<Item = &'a Remedy>) -> Self {
        let mut plan = Self::default();
        for r in remedies {
            if let Remedy::UpdateClient {
                add_platforms,
                add_callbacks,
                remove_callbacks,
            } = r
            {
                super::union_in_order(&mut plan.add_platforms, add_platforms.iter().cloned());
                super::union_in_order(&mut plan.add_callbacks, add_callbacks.iter().cloned());
                super::union_in_order(&mut plan.remove_callbacks, remove_callbacks.iter().cloned());
            }
        }
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::DifferenceKind::*;
    use super::*;
    use crate::callback::shell_quote;

    const CLAUDE: &str = "https://claude.ai/api/mcp/auth_callback";
    const CHATGPT: &str = "https://chatgpt.com/connector_platform_oauth_redirect";
    const INSPECTOR: &str = "http://localhost:8000/callback";
    const JAM_DEBUG: &str = "http://127.0.0.1:6274/oauth/callback/debug";
    const JAM: &str = "http://127.0.0.1:6274/oauth/callback";

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    fn fix_of(sent: &str, registered: &[String]) -> (Comparison, Remedy) {
        let d = diagnose(sent, registered);
        (d.comparison, d.remedy)
    }

    fn command(r: &Remedy) -> String {
        match r {
            Remedy::Nothing => "nothing".into(),
            Remedy::UpdateClient { .. } => FixPlan::from_remedies([r]).command("ID").unwrap(),
            Remedy::PlatformSide { workaround, .. } => {
                format!(
                    "platform side (workaround {})",
                    workaround.as_deref().unwrap_or("-")
                )
            }
            Remedy::Unregistrable { .. } => "unregistrable".into(),
        }
    }

    /// The table: sent, registered, the difference kinds from the nearest
    /// entry, and the fix.
    #[test]
    fn mismatch_table() {
        #[rustfmt::skip]
        let cases: &[(&str, &[&str], &[DifferenceKind], &str)] = &[
            // 1. Each CARTO preset, missing from a client that has another one.
            (CLAUDE, &[CHATGPT], &[Host, Path], "carto-mcp client update ID --add-platform claude"),
            (CHATGPT, &[CLAUDE], &[Host, Path], "carto-mcp client update ID --add-platform chatgpt"),
            (INSPECTOR, &[CLAUDE], &[Scheme, Host, PortMissing, Path], "carto-mcp client update ID --add-platform inspector"),
            (JAM_DEBUG, &[JAM], &[Path], "carto-mcp client update ID --add-platform mcpjam"),
            // 2. Scheme.
            (CLAUDE, &["http://claude.ai/api/mcp/auth_callback"], &[Scheme], "carto-mcp client update ID --add-platform claude"),
            (CLAUDE, &["claude.ai/api/mcp/auth_callback"], &[Scheme], "carto-mcp client update ID --add-platform claude"),
            // 3. Hosts: loopback spellings and case.
            (INSPECTOR, &["http://127.0.0.1:8000/callback"], &[LoopbackHost], "carto-mcp client update ID --add-platform inspector"),
            (JAM, &["http://localhost:6274/oauth/callback"], &[LoopbackHost], "carto-mcp client update ID --add-platform mcpjam"),
            ("http://[::1]:3118/callback", &["http://localhost:3118/callback"], &[LoopbackHost], "platform side (workaround http://[::1]:3118/callback)"),
            (CLAUDE, &["https://Claude.ai/api/mcp/auth_callback"], &[HostCase], "carto-mcp client update ID --add-platform claude"),
            // 4. Ports: missing, default, different.
            (INSPECTOR, &["http://localhost/callback"], &[PortMissing], "carto-mcp client update ID --add-platform inspector"),
            (CLAUDE, &["https://claude.ai:443/api/mcp/auth_callback"], &[PortDefault], "carto-mcp client update ID --add-platform claude"),
            ("http://127.0.0.1:6276/oauth/callback", &[JAM], &[Port], "carto-mcp client update ID --add-platform inspector-v2"),
            // 5. Path, trailing slash, query, percent-encoding.
            ("http://localhost:3118/callback", &["http://localhost:3118/oauth/callback"], &[Path], "carto-mcp client update ID --add-platform claude-code"),
            (CLAUDE, &["https://claude.ai/api/mcp/auth_callback/"], &[TrailingSlash], "carto-mcp client update ID --add-platform claude"),
            ("https://claude.ai/api/mcp/auth_callback/", &[CLAUDE], &[TrailingSlash], "platform side (workaround https://claude.ai/api/mcp/auth_callback/)"),
            ("http://localhost:8000/callback?source=inspector", &[INSPECTOR], &[Query], "platform side (workaround http://localhost:8000/callback?source=inspector)"),
            (CLAUDE, &["https%3A%2F%2Fclaude.ai%2Fapi%2Fmcp%2Fauth_callback"], &[PercentEncoding], "carto-mcp client update ID --add-platform claude --remove-callback https%3A%2F%2Fclaude.ai%2Fapi%2Fmcp%2Fauth_callback"),
            ("https://example.com/oauth%2Fcallback", &["https://example.com/oauth/callback"], &[PercentEncoding], "carto-mcp client update ID --add-callback https://example.com/oauth%2Fcallback"),
            // 6. Surrounding whitespace.
            (CHATGPT, &[" https://chatgpt.com/connector_platform_oauth_redirect "], &[Whitespace], "carto-mcp client update ID --add-platform chatgpt --remove-callback ' https://chatgpt.com/connector_platform_oauth_redirect '"),
            // 7. Two URLs stored as one entry (MCPJam's pair, pasted with a comma).
            (JAM_DEBUG, &["http://127.0.0.1:6274/oauth/callback/debug, http://127.0.0.1:6274/oauth/callback"], &[JoinedEntry], "carto-mcp client update ID --add-platform mcpjam --remove-callback 'http://127.0.0.1:6274/oauth/callback/debug, http://127.0.0.1:6274/oauth/callback'"),
            (CLAUDE, &["https://claude.ai/api/mcp/auth_callback,https://chatgpt.com/connector_platform_oauth_redirect"], &[JoinedEntry], "carto-mcp client update ID --add-platform claude --add-callback https://chatgpt.com/connector_platform_oauth_redirect --remove-callback https://claude.ai/api/mcp/auth_callback,https://chatgpt.com/connector_platform_oauth_redirect"),
            // 8. Wildcards Auth0 cannot match: port, loopback, not left-most.
            (INSPECTOR, &["http://localhost:*/callback"], &[Wildcard], "carto-mcp client update ID --add-platform inspector --remove-callback 'http://localhost:*/callback'"),
            ("https://pr-12.preview.example.com/cb", &["https://pr-12.*.example.com/cb"], &[Wildcard], "carto-mcp client update ID --add-callback https://pr-12.preview.example.com/cb --remove-callback 'https://pr-12.*.example.com/cb'"),
            ("https://a.b.example.com/cb", &["https://*.example.com/cb"], &[Host], "carto-mcp client update ID --add-callback https://a.b.example.com/cb"),
            // 9. Known patterns: ChatGPT's per-connector callback.
            ("https://chatgpt.com/connector/oauth/c_6f1e2a9b", &[CHATGPT], &[Path], "platform side (workaround https://chatgpt.com/connector/oauth/c_6f1e2a9b)"),
            ("https://chatgpt.com/connector/oauth/c_6f1e2a9b", &[CLAUDE], &[Host, Path], "carto-mcp client update ID --add-platform chatgpt --add-callback https://chatgpt.com/connector/oauth/c_6f1e2a9b"),
            ("https://claude.com/api/mcp/auth_callback", &[CLAUDE], &[Host], "carto-mcp client update ID --add-callback https://claude.com/api/mcp/auth_callback"),
            // 10. Cannot be registered at all.
            ("mcpjam://oauth/callback", &[JAM], &[Scheme, Host, PortMissing, Path], "unregistrable"),
        ];
        assert!(cases.len() >= 20);
        for (i, (sent, reg, kinds, fix)) in cases.iter().enumerate() {
            let reg = v(reg);
            let (c, r) = fix_of(sent, &reg);
            let got: Vec<DifferenceKind> = c.differences.iter().map(|d| d.kind).collect();
            assert_eq!(c.outcome, Outcome::Mismatch, "case {}: {sent}", i + 1);
            assert_eq!(
                &got,
                kinds,
                "case {}: {sent} vs {reg:?}: {:#?}",
                i + 1,
                c.differences
            );
            assert_eq!(command(&r), *fix, "case {}: {sent} vs {reg:?}", i + 1);
            for d in &c.differences {
                assert!(!d.explanation.is_empty());
            }
        }
    }

    #[test]
    fn exact_and_wildcard_matches() {
        let c = compare(CLAUDE, &v(&[CHATGPT, CLAUDE]));
        assert_eq!(c.outcome, Outcome::Registered);
        assert!(c.differences.is_empty());
        let c = compare(
            "https://pr-7.preview.example.com/cb",
            &v(&["https://*.preview.example.com/cb"]),
        );
        assert_eq!(c.outcome, Outcome::WildcardMatch);
        assert!(c.is_registered());
        let c = compare(CLAUDE, &[]);
        assert_eq!(c.outcome, Outcome::NothingRegistered);
        assert_eq!(
            remedy(&c, attribute(CLAUDE).as_ref(), &[]),
            Remedy::UpdateClient {
                add_platforms: vec!["claude".into()],
                add_callbacks: vec![],
                remove_callbacks: vec![],
            }
        );
    }

    #[test]
    fn nearest_prefers_the_same_host() {
        let c = compare(
            "https://chatgpt.com/connector/oauth/abc",
            &v(&[CLAUDE, INSPECTOR, CHATGPT]),
        );
        assert_eq!(c.nearest.as_deref(), Some(CHATGPT));
    }

    #[test]
    fn explanations_name_both_sides() {
        let c = compare(INSPECTOR, &v(&["http://127.0.0.1:8000/callback"]));
        let e = &c.differences[0].explanation;
        assert!(
            e.contains("\"localhost\"") && e.contains("\"127.0.0.1\""),
            "{e}"
        );
        let c = compare(CLAUDE, &v(&["https://claude.ai/api/mcp/auth_callback/"]));
        assert!(c.differences[0].explanation.contains("trailing slash"));
    }

    #[test]
    fn wildcard_rules() {
        assert_eq!(wildcard_problem("https://*.example.com/cb"), None);
        assert_eq!(wildcard_problem("https://pr-*-x.example.com/cb"), None);
        for bad in [
            "https://*.com/cb",
            "https://a.*.example.com/cb",
            "http://localhost:*/cb",
            "https://*.*.example.com/cb",
            "https://example.com/*",
            "ftp://*.example.com/cb",
        ] {
            assert!(wildcard_problem(bad).is_some(), "{bad}");
        }
        assert!(wildcard_host_matches("*.example.com", "a.example.com"));
        assert!(!wildcard_host_matches("*.example.com", "a.b.example.com"));
        assert!(!wildcard_host_matches("*.example.com", "example.com"));
    }

    #[test]
    fn attribution_of_each_kind_of_uri() {
        let a = attribute(CLAUDE).unwrap();
        assert_eq!(
            (a.platform, a.matched_by, a.carto_documented),
            (Some("claude"), MatchedBy::Preset, true)
        );
        let a = attribute("http://localhost:3118/callback").unwrap();
        assert_eq!(
            (a.platform, a.carto_documented),
            (Some("claude-code"), false)
        );
        assert!(a.carto_value.is_empty());
        let a = attribute("http://localhost:6274/oauth/callback/debug").unwrap();
        assert_eq!(a.platform, Some("inspector-v1"));
        let a = attribute("http://127.0.0.1:6276/oauth/callback").unwrap();
        assert_eq!(a.platform, Some("inspector-v2"));
        let a = attribute("https://chatgpt.com/connector/oauth/xyz").unwrap();
        assert_eq!(
            (a.platform, a.matched_by),
            (Some("chatgpt"), MatchedBy::Pattern)
        );
        assert_eq!(a.carto_value, vec![CHATGPT]);
        assert!(a.platform_side);
        let a = attribute("https://claude.com/api/mcp/auth_callback").unwrap();
        assert_eq!(
            (a.platform, a.matched_by),
            (Some("claude"), MatchedBy::Pattern)
        );
        let a = attribute("http://127.0.0.1:3118/callback").unwrap();
        assert_eq!(a.platform, Some("claude-code"));
        let a = attribute("http://localhost:3334/oauth/callback").unwrap();
        assert_eq!((a.platform, a.display.as_str()), (None, "mcp-remote"));
        let a = attribute("https://claude.ai/api/mcp/auth_callback/").unwrap();
        assert_eq!(
            (a.platform, a.matched_by),
            (Some("claude"), MatchedBy::Resembles)
        );
        assert!(attribute("https://app.example.com/cb").is_none());
    }

    #[test]
    fn spans_mark_the_differing_part() {
        let (a, b) = differing_span(
            "http://localhost:8000/callback",
            "http://127.0.0.1:8000/callback",
        );
        assert_eq!((a, b), (7..16, 7..16));
        let (a, b) = differing_span("https://x/cb/", "https://x/cb");
        assert_eq!((a, b), (12..13, 12..12));
    }

    #[test]
    fn plans_merge_and_apply() {
        let plan = FixPlan {
            add_platforms: vec!["mcpjam".into()],
            add_callbacks: vec!["https://a.example/cb".into()],
            remove_callbacks: vec!["bad, entry".into()],
            ..FixPlan::default()
        };
        let after = plan.apply_to(&v(&[CLAUDE, "bad, entry", JAM]));
        assert_eq!(after, v(&[CLAUDE, JAM, JAM_DEBUG, "https://a.example/cb"]));
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }

    #[test]
    fn percent_decoding_leaves_plus_and_stray_percent_alone() {
        assert_eq!(percent_decode("a%2Fb+c%zz%4"), "a/b+c%zz%4");
    }
}
