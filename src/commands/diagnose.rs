//! `carto-mcp diagnose`: why was a callback (redirect URI) refused, and the
//! command that fixes it; `--fix` applies it; `--live` asks the real
//! authorization server about each platform's callback.
//!
//! Exit codes: 0 nothing is wrong (or `--fix` fixed it), 5 a mismatch was
//! found (or a probed platform was refused), 2 the input could not be used.

use std::io::Read;

use serde::Serialize;

use super::Ctx;
use crate::callback::compare::{
    self, Attribution, Comparison, FixPlan, MatchedBy, Outcome, Remedy,
};
use crate::callback::input::{self, ParsedInput};
use crate::carto::{self, ClientBackend, ClientPatch};
use crate::cli::DiagnoseArgs;
use crate::error::{ExitKind, Failure, Verdict};
use crate::oauth::probe;
use crate::output::Ui;
use crate::platforms::{self, Platform, Source};

pub async fn run(ctx: &Ctx<'_>, args: DiagnoseArgs) -> anyhow::Result<()> {
    let parsed = read_input(&args)?;
    let expected = platforms::find_all(&args.platforms)?;
    let client_id = pick_client_id(ctx.ui, args.client_id.as_deref(), parsed.as_ref());
    if let Some(url) = &args.live {
        return live(ctx, &args, url, client_id, &expected).await;
    }
    offline(ctx, &args, parsed, client_id, &expected).await
}

/// The input as text: the argument, or standard input for `-`.
fn read_input(args: &DiagnoseArgs) -> anyhow::Result<Option<ParsedInput>> {
    let text = match args.input.as_deref() {
        None => return Ok(None),
        Some("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| Failure::usage(format!("could not read standard input: {e}")))?;
            s
        }
        Some(s) => s.to_string(),
    };
    let parsed = input::parse(&text)?;
    Ok(Some(parsed))
}

fn pick_client_id(ui: &Ui, flag: Option<&str>, parsed: Option<&ParsedInput>) -> Option<String> {
    let found = parsed.and_then(|p| p.client_id.as_deref());
    match (flag, found) {
        (Some(f), Some(p)) if f != p => {
            ui.warn(format!(
                "the input names client {p}, but --client-id says {f}; using {f}"
            ));
            Some(f.to_string())
        }
        (Some(f), _) => Some(f.to_string()),
        (None, p) => p.map(str::to_string),
    }
}

// ----- offline: compare ------------------------------------------------------

/// One sent redirect URI and what was made of it.
#[derive(Debug, Serialize)]
struct Finding {
    #[serde(flatten)]
    comparison: Comparison,
    /// Which platform sends it (null: none known).
    platform: Option<Attribution>,
    /// The preset it was taken from (no input, `--platform`).
    #[serde(skip_serializing_if = "Option::is_none")]
    from_preset: Option<&'static str>,
    remedy: Remedy,
}

#[derive(Debug, Serialize)]
struct FixView {
    command: Option<String>,
    #[serde(flatten)]
    plan: FixPlan,
}

/// The `--json` document of an offline diagnosis.
#[derive(Debug, Serialize)]
struct Report {
    input: Option<ParsedInput>,
    client_id: Option<String>,
    registered: Vec<String>,
    /// `backend` (read from the client) or `flag` (`--registered`).
    registered_from: &'static str,
    results: Vec<Finding>,
    /// Every sent redirect URI is registered.
    ok: bool,
    fix: Option<FixView>,
    /// `--fix` changed the client and every sent URI is registered now.
    fixed: bool,
    /// The client's callbacks after `--fix`.
    #[serde(skip_serializing_if = "Option::is_none")]
    registered_after: Option<Vec<String>>,
}

async fn offline(
    ctx: &Ctx<'_>,
    args: &DiagnoseArgs,
    parsed: Option<ParsedInput>,
    client_id: Option<String>,
    expected: &[&'static Platform],
) -> anyhow::Result<()> {
    let ui = ctx.ui;
    // What was sent.
    let sent: Vec<(String, Option<&'static str>)> = match &parsed {
        Some(p) => vec![(p.redirect_uri.clone().unwrap_or_default(), None)],
        None if !expected.is_empty() => expected
            .iter()
            .flat_map(|p| p.callbacks.iter().map(|c| (c.to_string(), Some(p.name))))
            .collect(),
        None => {
            return Err(Failure::usage(
                "nothing to diagnose: give the failing authorization URL or the error text, or --client-id ID with --platform P",
            )
            .hint("carto-mcp diagnose 'https://auth.carto.com/authorize?client_id=…&redirect_uri=…'")
            .hint("carto-mcp diagnose --client-id ID --platform claude")
            .into());
        }
    };

    // What is registered.
    let http = ctx.http()?;
    let use_backend = args.fix || args.registered.is_empty();
    let mut backend = None;
    let (registered, registered_from) = if use_backend {
        let Some(id) = client_id.as_deref() else {
            let mut f = Failure::usage(
                "no registered callbacks to compare against: pass --client-id ID to read the client, or --registered URL (repeatable)",
            );
            if let Some((s, _)) = sent.first() {
                f = f.hint(format!(
                    "the redirect URI that was sent is {s}{}",
                    describe_short(s)
                ));
            }
            return Err(f.into());
        };
        if args.fix && !args.registered.is_empty() {
            ui.warn(
                "--fix reads the client's callbacks through the backend; --registered is ignored",
            );
        }
        let how = "reading the client's callbacks (to compare without reading the client, pass --registered URL)";
        let b = carto::open_backend(ctx.global, &http)
            .await
            .map_err(|e| e.context(how))?;
        ui.status(format!(
            "Reading client {id}'s callbacks through the {} backend…",
            b.name()
        ));
        let client = b
            .get(id)
            .await
            .map_err(|e| anyhow::Error::new(e).context(how))?;
        let callbacks = client.callbacks.clone();
        backend = Some((b, client));
        (callbacks, "backend")
    } else {
        (args.registered.clone(), "flag")
    };

    let results = judge(&sent, &registered);
    let ok = results.iter().all(|f| f.comparison.is_registered());
    let plan = FixPlan::from_remedies(results.iter().map(|f| &f.remedy));
    let id_for_cmd = client_id.clone().unwrap_or_else(|| "<CLIENT_ID>".into());
    let mut report = Report {
        input: parsed,
        client_id: client_id.clone(),
        registered,
        registered_from,
        results,
        ok,
        fix: (!plan.is_empty()).then(|| FixView {
            command: plan.command(&id_for_cmd),
            plan: plan.clone(),
        }),
        fixed: false,
        registered_after: None,
    };
    if !ui.json {
        ui.out(render(ui, &report, expected));
    }

    if args.fix && !ok {
        let (Some((b, current)), Some(id)) = (backend.as_ref(), client_id.as_deref()) else {
            unreachable!("--fix always reads the client through the backend")
        };
        if plan.is_empty() {
            if !ui.json {
                ui.warn("--fix: nothing to change on the client (see above)");
            }
        } else {
            let after = plan.apply_to(&report.registered);
            let question = format!(
                "Update client {id}'s callbacks ({})?",
                change_summary(&report.registered, &after)
            );
            ui.confirm(&question, true)?;
            let patch = ClientPatch::set_callbacks(current, after);
            b.update(id, &patch).await?;
            // Read it back: the fix counts only if the server kept it.
            let reread = b.get(id).await?;
            let again = judge(&sent, &reread.callbacks);
            report.fixed = again.iter().all(|f| f.comparison.is_registered());
            report.registered_after = Some(reread.callbacks.clone());
            if !ui.json {
                if report.fixed {
                    ui.success(format!(
                        "Updated client {id}; read back, it now accepts {}",
                        sent.iter()
                            .map(|(s, _)| s.trim())
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ));
                } else {
                    ui.warn(format!(
                        "updated client {id}, but reading it back it still does not accept every redirect URI (callbacks now: {})",
                        reread.callbacks.join(", ")
                    ));
                }
            }
        }
    }
    if ui.json {
        ui.print_json(&report)?;
    }
    if report.ok || report.fixed {
        Ok(())
    } else {
        Err(Verdict(ExitKind::CheckFailed).into())
    }
}

fn judge(sent: &[(String, Option<&'static str>)], registered: &[String]) -> Vec<Finding> {
    sent.iter()
        .map(|(s, preset)| {
            let compare::Diagnosis {
                comparison,
                platform,
                remedy,
            } = compare::diagnose(s, registered);
            Finding {
                comparison,
                platform,
                from_preset: *preset,
                remedy,
            }
        })
        .collect()
}

fn change_summary(before: &[String], after: &[String]) -> String {
    let mut parts: Vec<String> = after
        .iter()
        .filter(|a| !before.contains(a))
        .map(|a| format!("+ {a}"))
        .collect();
    parts.extend(
        before
            .iter()
            .filter(|b| !after.contains(b))
            .map(|b| format!("- \"{b}\"")),
    );
    parts.join(", ")
}

fn describe_short(sent: &str) -> String {
    match compare::attribute(sent) {
        Some(a) => format!(" ({})", a.display),
        None => String::new(),
    }
}

// ----- rendering -------------------------------------------------------------

const LABEL: usize = 12;

fn render(ui: &Ui, r: &Report, expected: &[&'static Platform]) -> String {
    let mut out: Vec<String> = Vec::new();
    if let Some(id) = &r.client_id {
        out.push(format!("{:<LABEL$}{id}", "Client"));
    }
    let from = match r.registered_from {
        "flag" => "(from --registered)",
        _ => "(read from the client)",
    };
    if r.registered.is_empty() {
        out.push(format!("{:<LABEL$}none {from}", "Registered"));
    } else {
        for (i, cb) in r.registered.iter().enumerate() {
            let label = if i == 0 { "Registered" } else { "" };
            out.push(format!("{label:<LABEL$}{}", visible(cb)));
        }
        out.push(format!("{:<LABEL$}{from}", ""));
    }
    for f in &r.results {
        out.push(String::new());
        render_finding(ui, f, expected, r.client_id.as_deref(), &mut out);
    }
    out.push(String::new());
    match (&r.fix, r.ok) {
        (_, true) => out.push(
            ui.green_out("Nothing to fix: the authorization server accepts this redirect URI."),
        ),
        (Some(fix), false) => {
            out.push(ui.bold_out("Fix:"));
            if let Some(c) = &fix.command {
                out.push(format!("  {c}"));
            }
            if r.client_id.is_none() {
                out.push("  (put the client ID in place of <CLIENT_ID>)".into());
            }
        }
        (None, false) => {
            out.push(ui.bold_out("Nothing to change on the client:"));
            out.push("  the fix is on the platform's side (see above).".into());
        }
    }
    out.join("\n")
}

fn render_finding(
    ui: &Ui,
    f: &Finding,
    expected: &[&'static Platform],
    client_id: Option<&str>,
    out: &mut Vec<String>,
) {
    let c = &f.comparison;
    let sent = &c.sent;
    match c.outcome {
        Outcome::Registered => out.push(format!(
            "{} Registered: {}",
            ui.green_out("✓"),
            visible(sent)
        )),
        Outcome::WildcardMatch => out.push(format!(
            "{} Registered: {} (through the wildcard entry {})",
            ui.green_out("✓"),
            visible(sent),
            c.nearest.as_deref().unwrap_or_default()
        )),
        Outcome::Mismatch | Outcome::NothingRegistered => out.push(format!(
            "{} Not registered: {}",
            ui.red_out("✗"),
            visible(sent)
        )),
    }
    out.push(format!("  {:<LABEL$}{}", "Sent by", platform_line(f)));
    if let Some(note) = expectation_note(f, expected) {
        out.push(format!("  {:<LABEL$}{note}", ""));
    }
    if c.outcome == Outcome::NothingRegistered {
        out.push("  The client has no callbacks at all.".into());
    }
    if c.outcome == Outcome::Mismatch
        && let Some(near) = c.compared_with()
    {
        out.push(String::new());
        let entry = c.nearest.as_deref().unwrap_or(near);
        if sent.trim() == near.trim() {
            // The right URL is there, inside a broken entry.
            out.push(format!("    {:<LABEL$}{}", "sent", visible(sent)));
            out.push(format!("    {:<LABEL$}{}", "registered", visible(entry)));
        } else {
            let (sa, ra) = compare::differing_span(sent, near);
            out.push(format!("    {:<LABEL$}{}", "sent", marked(ui, sent, &sa)));
            out.push(format!("    {:<LABEL$}{}", "", carets(&sa)));
            out.push(format!(
                "    {:<LABEL$}{}",
                "registered",
                marked(ui, near, &ra)
            ));
            if ra.start != ra.end {
                out.push(format!("    {:<LABEL$}{}", "", carets(&ra)));
            }
            if c.nearest_part.is_some() {
                out.push(format!(
                    "    {:<LABEL$}(part of the entry {})",
                    "",
                    visible(entry)
                ));
            }
        }
        out.push(String::new());
        let n = c.differences.len();
        out.push(format!(
            "  {n} difference{} from the nearest registered callback:",
            if n == 1 { "" } else { "s" }
        ));
        for d in &c.differences {
            out.push(format!("    - {}: {}", d.kind.label(), d.explanation));
        }
    }
    match &f.remedy {
        Remedy::Nothing | Remedy::UpdateClient { .. } => {}
        Remedy::PlatformSide { advice, workaround } => {
            out.push(String::new());
            out.push(format!(
                "  The registered value is right; the platform sent something else: {advice}"
            ));
            if let Some(w) = workaround {
                let plan = FixPlan {
                    add_callbacks: vec![w.clone()],
                    ..FixPlan::default()
                };
                if let Some(cmd) = plan.command(client_id.unwrap_or("<CLIENT_ID>")) {
                    out.push(format!(
                        "  Workaround (register what the platform sends): {cmd}"
                    ));
                }
            }
        }
        Remedy::Unregistrable { reason } => {
            out.push(String::new());
            out.push(format!(
                "  This redirect URI cannot be registered at CARTO: {reason}"
            ));
        }
    }
}

/// "Claude.ai — the callback CARTO documents for it", and so on.
fn platform_line(f: &Finding) -> String {
    let Some(a) = &f.platform else {
        return "an unknown platform: no preset or known pattern uses this callback".into();
    };
    let documented = if a.carto_value.is_empty() {
        String::new()
    } else {
        format!("CARTO documents {}", a.carto_value.join(" and "))
    };
    match a.matched_by {
        MatchedBy::Preset if a.carto_documented => {
            format!("{} — the callback CARTO documents for it", a.display)
        }
        MatchedBy::Preset => format!("{} — {}", a.display, a.note.clone().unwrap_or_default()),
        MatchedBy::Pattern => {
            let mut s = format!("{} — not the value CARTO documents", a.display);
            if !documented.is_empty() {
                s.push_str(&format!(" ({documented})"));
            }
            if let Some(n) = &a.note {
                s.push_str(&format!(". {n}"));
            }
            s
        }
        MatchedBy::Resembles => format!(
            "probably {} — {}",
            a.display,
            a.note.clone().unwrap_or_default()
        ),
    }
}

/// When the user named the platform: is this its callback?
fn expectation_note(f: &Finding, expected: &[&'static Platform]) -> Option<String> {
    if expected.is_empty() || f.from_preset.is_some() {
        return None;
    }
    let sent_by = f.platform.as_ref().and_then(|a| a.platform);
    if expected.iter().any(|p| Some(p.name) == sent_by) {
        return None;
    }
    let names: Vec<String> = expected
        .iter()
        .map(|p| format!("{} ({})", p.name, p.callbacks.join(", ")))
        .collect();
    Some(format!(
        "(this is not the callback of --platform {})",
        names.join(", ")
    ))
}

/// Shows blanks around a value.
fn visible(s: &str) -> String {
    if s.trim() != s || s.is_empty() {
        format!("\"{s}\"")
    } else {
        s.to_string()
    }
}

fn marked(ui: &Ui, s: &str, span: &std::ops::Range<usize>) -> String {
    let chars: Vec<char> = s.chars().collect();
    let pre: String = chars[..span.start].iter().collect();
    let mid: String = chars[span.start..span.end].iter().collect();
    let post: String = chars[span.end..].iter().collect();
    let q = if s.trim() != s { "\"" } else { "" };
    format!("{q}{pre}{}{post}{q}", ui.red_out(&mid))
}

fn carets(span: &std::ops::Range<usize>) -> String {
    let width = (span.end - span.start).max(1);
    format!("{}{}", " ".repeat(span.start), "^".repeat(width))
}

// ----- live: ask the authorization server ------------------------------------

#[derive(Debug, Serialize)]
struct LiveRow {
    /// The preset name, or null for a registered callback of no preset.
    platform: Option<&'static str>,
    display: String,
    /// Registered on the client (null: the client's callbacks are unknown).
    registered: Option<bool>,
    #[serde(flatten)]
    result: probe::ProbeResult,
}

#[derive(Debug, Serialize)]
struct LiveReport<'a> {
    mcp_url: &'a str,
    client_id: &'a str,
    authorization_server: &'a probe::Target,
    probes: Vec<LiveRow>,
    ok: bool,
    fix: Option<FixView>,
}

async fn live(
    ctx: &Ctx<'_>,
    args: &DiagnoseArgs,
    mcp_url: &str,
    client_id: Option<String>,
    named: &[&'static Platform],
) -> anyhow::Result<()> {
    let ui = ctx.ui;
    let Some(client_id) = client_id else {
        return Err(Failure::usage("--live needs the client to probe with: pass --client-id ID")
            .hint("carto-mcp diagnose --live https://gcp-us-east1.api.carto.com/mcp/ac_xxxxxxxx --client-id ID")
            .into());
    };
    let http = ctx.http()?;

    // The client's own callbacks, when they can be read.
    let registered: Option<Vec<String>> = if !args.registered.is_empty() {
        Some(args.registered.clone())
    } else if named.is_empty() {
        match read_callbacks(ctx, &http, &client_id).await {
            Ok(c) => Some(c),
            Err(e) => {
                ui.status(format!(
                    "note: not reading client {client_id}'s callbacks ({}); probing CARTO's presets only",
                    crate::error::classify(&e).message
                ));
                None
            }
        }
    } else {
        None
    };

    // What to probe.
    let mut rows: Vec<(Option<&'static str>, String, String)> = Vec::new();
    let presets: Vec<&'static Platform> = if named.is_empty() {
        platforms::PLATFORMS
            .iter()
            .filter(|p| p.source == Source::CartoDocs)
            .collect()
    } else {
        named.to_vec()
    };
    for p in &presets {
        for cb in p.callbacks {
            rows.push((Some(p.name), p.display.to_string(), cb.to_string()));
        }
    }
    if named.is_empty()
        && let Some(reg) = &registered
    {
        for cb in reg {
            if !rows.iter().any(|(_, _, u)| u == cb) {
                let a = compare::attribute(cb);
                let display = match &a {
                    Some(a) if a.matched_by != MatchedBy::Resembles => a.display.clone(),
                    _ => "registered on the client".into(),
                };
                rows.push((None, display, cb.clone()));
            }
        }
    }

    ui.status(format!(
        "Discovering the authorization server of {mcp_url}…"
    ));
    let target = probe::discover(&http, mcp_url).await?;
    for s in &target.steps {
        tracing::debug!(target: "carto_mcp::diagnose", "{s}");
    }
    ui.status(format!(
        "Probing {} redirect URI{} at {} (no browser, no credentials)…",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        target.authorization_endpoint
    ));
    let mut out = Vec::new();
    for (platform, display, uri) in rows {
        let result = probe::probe(&http, &target, &client_id, &uri).await?;
        out.push(LiveRow {
            platform,
            display,
            registered: registered.as_ref().map(|r| r.contains(&uri)),
            result,
        });
    }

    let accepted = |r: &LiveRow| r.result.verdict == probe::Verdict::Accepted;
    let ok = if !named.is_empty() {
        out.iter().all(accepted)
    } else {
        out.iter()
            .filter(|r| r.registered == Some(true))
            .all(accepted)
            && out.iter().any(accepted)
    };
    // The fix: register the presets that were refused (all of them when
    // named; with none named, only a suggestion).
    let mut plan = FixPlan::default();
    for r in out.iter().filter(|r| r.result.callback_mismatch) {
        if let Some(p) = r.platform
            && !plan.add_platforms.iter().any(|x| x == p)
            && r.registered != Some(true)
        {
            plan.add_platforms.push(p.to_string());
        }
    }
    let fix = (!plan.is_empty()).then(|| FixView {
        command: plan.command(&client_id),
        plan,
    });
    let report = LiveReport {
        mcp_url,
        client_id: &client_id,
        authorization_server: &target,
        probes: out,
        ok,
        fix,
    };
    if ui.json {
        ui.print_json(&report)?;
    } else {
        ui.out(render_live(ui, &report, !named.is_empty()));
    }
    if ok {
        Ok(())
    } else {
        Err(Verdict(ExitKind::CheckFailed).into())
    }
}

async fn read_callbacks(
    ctx: &Ctx<'_>,
    http: &crate::http::Http,
    id: &str,
) -> anyhow::Result<Vec<String>> {
    let b = carto::open_backend(ctx.global, http).await?;
    Ok(b.get(id).await?.callbacks)
}

fn render_live(ui: &Ui, r: &LiveReport<'_>, named: bool) -> String {
    let mut out = vec![
        format!(
            "{:<24}{}",
            "Authorization server", r.authorization_server.issuer
        ),
        format!(
            "{:<24}{}",
            "Authorization endpoint", r.authorization_server.authorization_endpoint
        ),
        format!("{:<24}{}", "Client", r.client_id),
        String::new(),
    ];
    // The client's callbacks are known: say which probes are its own.
    let known = r.probes.iter().any(|p| p.registered.is_some());
    let rows = r
        .probes
        .iter()
        .map(|p| {
            let verdict = match p.result.verdict {
                probe::Verdict::Accepted => ui.green_out("accepted"),
                probe::Verdict::Refused => ui.red_out("refused"),
                probe::Verdict::Unknown => "unknown".to_string(),
            };
            let mut row = vec![
                p.platform.unwrap_or("-").to_string(),
                p.result.redirect_uri.clone(),
            ];
            if known {
                let on = if p.registered == Some(true) {
                    "yes"
                } else {
                    "no"
                };
                row.push(on.to_string());
            }
            row.extend([verdict, p.result.reason.clone()]);
            row
        })
        .collect();
    let header: &[&str] = if known {
        &["platform", "redirect uri", "on client", "result", "why"]
    } else {
        &["platform", "redirect uri", "result", "why"]
    };
    out.push(ui.render_table(header, rows));
    out.push(String::new());
    let refused = r
        .probes
        .iter()
        .filter(|p| p.result.verdict != probe::Verdict::Accepted)
        .count();
    if refused == 0 {
        out.push(ui.green_out("Every probed redirect URI is accepted."));
    } else {
        let mut line = format!("{refused} of {} redirect URIs refused.", r.probes.len());
        if !named && r.ok {
            line.push_str(" None of them is registered on this client, so this is expected for platforms you do not use.");
        }
        out.push(line);
        if r.probes
            .iter()
            .any(|p| p.result.verdict == probe::Verdict::Refused && !p.result.callback_mismatch)
        {
            out.push(
                "Some were refused for another reason than the callback (see WHY): check the client ID, and what else the server requires.".into(),
            );
        }
        for p in r
            .probes
            .iter()
            .filter(|p| p.registered == Some(true) && p.result.verdict != probe::Verdict::Accepted)
        {
            out.push(format!(
                "  {} is registered on the client, yet the server refused it: the server may read another client or tenant",
                p.result.redirect_uri
            ));
        }
        if let Some(c) = r.fix.as_ref().and_then(|f| f.command.as_ref()) {
            out.push(format!(
                "{} {c}",
                if named || !r.ok {
                    "Fix:"
                } else {
                    "To allow them:"
                }
            ));
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_mark_insertions_and_spans() {
        assert_eq!(carets(&(3..3)), "   ^");
        assert_eq!(carets(&(2..5)), "  ^^^");
    }

    #[test]
    fn summaries_show_additions_and_removals() {
        let before = vec!["a".to_string(), "b, c".to_string()];
        let after = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(change_summary(&before, &after), "+ b, + c, - \"b, c\"");
    }

    #[test]
    fn an_unknown_platform_is_said_so() {
        let f = judge(&[("https://app.example.com/cb".into(), None)], &[]);
        assert!(platform_line(&f[0]).contains("unknown platform"));
        assert!(
            f[0].comparison.has(compare::DifferenceKind::Host)
                || f[0].comparison.differences.is_empty()
        );
    }
}
