//! `carto-mcp client create|list|show|update|apply|delete`.
//!
//! Every input is checked before anything is sent (and before a token is
//! looked for): callbacks, platforms, names. The client secret reaches
//! stdout only from `create` (and `apply` when it created), and from
//! `show --reveal-secret`; never stderr.

use secrecy::ExposeSecret;
use serde::Serialize;

use super::Ctx;
use crate::callback::{self, CallbackEdit, InputNote};
use crate::carto::{self, ClientBackend, ClientPatch, NewClient, OAuthClient};
use crate::cli::{
    ClientApplyArgs, ClientCommand, ClientCreateArgs, ClientDeleteArgs, ClientShowArgs,
    ClientSpecArgs, ClientUpdateArgs, OutputFormat,
};
use crate::error::{ExitKind, Failure};
use crate::output::{Ui, mask};
use crate::platforms::{self, PLATFORMS, Platform};

/// The longest name the API takes.
const MAX_NAME: usize = 100;

pub async fn run(ctx: &Ctx<'_>, cmd: ClientCommand) -> anyhow::Result<()> {
    match cmd {
        ClientCommand::Create(a) => create(ctx, a).await,
        ClientCommand::List => list(ctx).await,
        ClientCommand::Show(a) => show(ctx, a).await,
        ClientCommand::Update(a) => update(ctx, a).await,
        ClientCommand::Apply(a) => apply(ctx, a).await,
        ClientCommand::Delete(a) => delete(ctx, a).await,
    }
}

// ----- input -------------------------------------------------------------

/// What the user asked the client to allow, checked.
#[derive(Debug, Default)]
struct Spec {
    platforms: Vec<&'static Platform>,
    /// Presets' callbacks first, then the custom ones; no duplicates.
    callbacks: Vec<String>,
    /// Custom callbacks not already given by a preset.
    custom: Vec<String>,
    logout_urls: Vec<String>,
    web_origins: Vec<String>,
    allowed_origins: Vec<String>,
    notes: Vec<InputNote>,
}

fn urls(flag: &str, raw: &[String], notes: &mut Vec<InputNote>) -> anyhow::Result<Vec<String>> {
    let (v, n) = callback::validate_all(raw.iter().map(String::as_str))
        .map_err(|e| anyhow::Error::new(e).context(flag.to_string()))?;
    notes.extend(n);
    Ok(v)
}

fn resolve_spec(a: &ClientSpecArgs) -> anyhow::Result<Spec> {
    let platforms = platforms::find_all(&a.platforms)?;
    let mut notes = Vec::new();
    let custom_all = urls("--callback", &a.callbacks, &mut notes)?;
    let mut callbacks = platforms::callbacks_of(&platforms);
    let custom: Vec<String> = custom_all
        .iter()
        .filter(|c| !callbacks.contains(c))
        .cloned()
        .collect();
    callback::union_in_order(&mut callbacks, custom_all);
    Ok(Spec {
        platforms,
        callbacks,
        custom,
        logout_urls: urls("--logout-url", &a.logout_urls, &mut notes)?,
        web_origins: urls("--web-origin", &a.web_origins, &mut notes)?,
        allowed_origins: urls("--allowed-origin", &a.allowed_origins, &mut notes)?,
        notes,
    })
}

fn check_name(name: &str) -> anyhow::Result<String> {
    let n = name.trim();
    let len = n.chars().count();
    if len == 0 || len > MAX_NAME {
        return Err(Failure::usage(format!(
            "the client name must be 1 to {MAX_NAME} characters (got {len})"
        ))
        .hint("pass --name \"Claude.ai MCP connection\", or leave --name out for a default")
        .into());
    }
    Ok(n.to_string())
}

/// "Claude.ai MCP connection", "Claude.ai + ChatGPT MCP connection", …
fn default_name(platforms: &[&Platform], has_custom: bool) -> String {
    let mut parts: Vec<&str> = platforms.iter().map(|p| p.display).collect();
    if parts.is_empty() {
        return "Custom MCP connection".into();
    }
    if has_custom {
        parts.push("custom");
    }
    let name = format!("{} MCP connection", parts.join(" + "));
    if name.chars().count() > MAX_NAME {
        name.chars().take(MAX_NAME).collect()
    } else {
        name
    }
}

fn show_notes(ui: &Ui, notes: &[InputNote]) {
    for n in notes {
        ui.status(format!("note: '{}': {}", n.input, n.note));
    }
}

fn format_of(ui: &Ui, explicit: Option<OutputFormat>) -> OutputFormat {
    explicit.unwrap_or(if ui.json {
        OutputFormat::Json
    } else {
        OutputFormat::Table
    })
}

fn new_client(name: String, spec: &Spec) -> NewClient {
    NewClient {
        allowed_logout_urls: spec.logout_urls.clone(),
        web_origins: spec.web_origins.clone(),
        allowed_origins: spec.allowed_origins.clone(),
        ..NewClient::spa(name, spec.callbacks.clone())
    }
}

fn no_platform_message() -> String {
    format!(
        "say which platform the client is for: --platform NAME (repeatable; one of {}) or --callback URL",
        PLATFORMS
            .iter()
            .map(|p| p.name)
            .collect::<Vec<_>>()
            .join(", ")
    )
}

// ----- rendering -----------------------------------------------------------

/// Which platforms a client's callbacks serve: complete ones, and ones with
/// only some of their callbacks.
fn recognised(callbacks: &[String]) -> (Vec<&'static str>, Vec<&'static str>) {
    let mut complete = Vec::new();
    let mut partial = Vec::new();
    for cb in callbacks {
        for p in platforms::owners_of(cb) {
            if complete.contains(&p.name) || partial.contains(&p.name) {
                continue;
            }
            if p.callbacks.iter().all(|c| callbacks.iter().any(|x| x == c)) {
                complete.push(p.name);
            } else {
                partial.push(p.name);
            }
        }
    }
    (complete, partial)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SecretMode {
    /// Not in the output at all (list).
    Omit,
    /// Masked.
    Mask,
    /// Printed (create, `show --reveal-secret`).
    Reveal,
}

#[derive(Serialize)]
struct ClientView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<&'static str>,
    client_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_secret: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_secret_masked: Option<String>,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    callbacks: &'a [String],
    platforms: Vec<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    platforms_incomplete: Vec<&'static str>,
    allowed_logout_urls: &'a [String],
    web_origins: &'a [String],
    allowed_origins: &'a [String],
    login_uri: Option<&'a str>,
    use_default_urls: bool,
    created_at: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mcp_server_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    backend: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recovered: Option<&'a str>,
}

fn view<'a>(c: &'a OAuthClient, secret: SecretMode) -> ClientView<'a> {
    let (complete, partial) = recognised(&c.callbacks);
    let revealed = c
        .client_secret
        .as_ref()
        .map(|s| s.expose_secret().to_string());
    let (client_secret, client_secret_masked) = match secret {
        SecretMode::Omit => (None, None),
        SecretMode::Mask => (Some(None), revealed.as_deref().map(mask)),
        SecretMode::Reveal => (Some(revealed), None),
    };
    ClientView {
        action: None,
        client_id: &c.client_id,
        client_secret,
        client_secret_masked,
        name: &c.name,
        kind: &c.kind,
        callbacks: &c.callbacks,
        platforms: complete,
        platforms_incomplete: partial,
        allowed_logout_urls: &c.allowed_logout_urls,
        web_origins: &c.web_origins,
        allowed_origins: &c.allowed_origins,
        login_uri: c.login_uri.as_deref(),
        use_default_urls: c.use_default_urls,
        created_at: c.created_at.as_deref(),
        mcp_server_url: None,
        backend: None,
        recovered: None,
    }
}

/// Label/value lines; a list value continues on the next lines, aligned.
fn key_values(rows: &[(&str, Vec<String>)]) -> String {
    let width = rows.iter().map(|(k, _)| k.len() + 1).max().unwrap_or(0) + 2;
    let mut out = Vec::new();
    for (k, vals) in rows {
        let label = format!("{k}:");
        if vals.is_empty() {
            out.push(format!("{label:<width$}-"));
        }
        for (i, v) in vals.iter().enumerate() {
            let l = if i == 0 { label.as_str() } else { "" };
            out.push(format!("{l:<width$}{v}"));
        }
    }
    out.join("\n")
}

fn platforms_cell(c: &OAuthClient) -> Vec<String> {
    let (complete, partial) = recognised(&c.callbacks);
    let mut v: Vec<String> = complete.iter().map(|s| s.to_string()).collect();
    v.extend(partial.iter().map(|p| format!("{p} (incomplete)")));
    v
}

fn detail_rows(c: &OAuthClient, secret: SecretMode) -> Vec<(&'static str, Vec<String>)> {
    let mut rows = vec![("Client ID", vec![c.client_id.clone()])];
    match (secret, &c.client_secret) {
        (SecretMode::Omit, _) => {}
        (_, None) => rows.push((
            "Client secret",
            vec!["(not returned by the backend)".into()],
        )),
        (SecretMode::Mask, Some(s)) => rows.push((
            "Client secret",
            vec![format!(
                "{}  (--reveal-secret to print it)",
                mask(s.expose_secret())
            )],
        )),
        (SecretMode::Reveal, Some(s)) => {
            rows.push(("Client secret", vec![s.expose_secret().to_string()]))
        }
    }
    rows.push(("Name", vec![c.name.clone()]));
    rows.push(("Callbacks", c.callbacks.clone()));
    rows.push(("Platforms", platforms_cell(c)));
    rows.push(("Logout URLs", c.allowed_logout_urls.clone()));
    rows.push(("Web origins", c.web_origins.clone()));
    rows.push(("Allowed origins", c.allowed_origins.clone()));
    rows.push((
        "Default URLs",
        vec![if c.use_default_urls { "on" } else { "off" }.into()],
    ));
    rows.push(("Created", c.created_at.iter().cloned().collect()));
    rows
}

fn warn_default_urls(ui: &Ui, c: &OAuthClient) {
    if c.use_default_urls {
        ui.warn(format!(
            "client {} uses CARTO's default URLs, which replace its callbacks: no MCP client can log in with it",
            c.client_id
        ));
        ui.hint(format!(
            "`carto-mcp client update {} --add-callback …` turns them off",
            c.client_id
        ));
    }
}

/// The MCP server URL, filled in as far as the credentials allow.
fn mcp_url(creds: Option<&carto::auth::Credentials>) -> (String, bool) {
    let tenant = creds.and_then(|c| c.tenant_id.as_deref());
    let account = creds.and_then(|c| c.account_id.as_deref());
    let url = carto::auth::mcp_server_url(
        tenant.unwrap_or("<tenant>"),
        account.unwrap_or("<account_id>"),
    );
    (url, tenant.is_some() && account.is_some())
}

/// Prints a client that was just created (by `create`, or `apply`).
fn print_created(
    ctx: &Ctx<'_>,
    format: OutputFormat,
    opened: &carto::Opened,
    created: &carto::Created,
    wanted: &[&'static Platform],
    action: Option<&'static str>,
) -> anyhow::Result<()> {
    let ui = ctx.ui;
    let c = &created.client;
    let (url, url_known) = mcp_url(opened.credentials.as_ref());
    if let Some(cause) = &created.recovered {
        ui.warn(format!(
            "{cause}, but the client had been created: reporting it (no second client was made)"
        ));
    }
    match format {
        OutputFormat::Json => {
            let mut v = view(c, SecretMode::Reveal);
            v.action = action;
            v.mcp_server_url = url_known.then(|| url.clone());
            v.backend = Some(opened.backend.name());
            v.recovered = created.recovered.as_deref();
            ui.print_json(&v)?;
        }
        OutputFormat::Env => {
            let secret = c
                .client_secret
                .as_ref()
                .map(|s| s.expose_secret().to_string())
                .unwrap_or_default();
            ui.out(format!(
                "CARTO_MCP_CLIENT_ID={}",
                callback::shell_quote(&c.client_id)
            ));
            ui.out(format!(
                "CARTO_MCP_CLIENT_SECRET={}",
                callback::shell_quote(&secret)
            ));
        }
        OutputFormat::Table => {
            ui.success(format!(
                "Created SPA OAuth client \"{}\" with {} callback{} (backend: {})",
                c.name,
                c.callbacks.len(),
                if c.callbacks.len() == 1 { "" } else { "s" },
                opened.backend.name()
            ));
            ui.out(key_values(&detail_rows(c, SecretMode::Reveal)));
            next_steps(ui, c, wanted, &url, url_known);
        }
    }
    if c.client_secret.is_none() {
        ui.warn("the backend did not return a client secret; `carto-mcp client show ID --reveal-secret` may");
    }
    Ok(())
}

fn next_steps(ui: &Ui, c: &OAuthClient, wanted: &[&'static Platform], url: &str, known: bool) {
    ui.status("");
    ui.status(format!(
        "Store the client secret now (`carto-mcp client show {} --reveal-secret` prints it again).",
        c.client_id
    ));
    ui.status("");
    ui.status("Next steps:");
    ui.status(format!("  MCP Server URL: {url}"));
    if !known {
        ui.status(
            "    (fill in yours from CARTO Workspace > Developers > Workflow API & MCP Server)",
        );
    }
    for p in wanted {
        ui.status(format!("  {}: {}", p.display, p.setup));
    }
    let as_platform = wanted
        .first()
        .map(|p| format!(" --as-platform {}", p.name))
        .unwrap_or_default();
    ui.status(format!(
        "  Then check the login from here: carto-mcp check {url} --client-id {}{as_platform}",
        c.client_id
    ));
}

// ----- create ----------------------------------------------------------------

async fn create(ctx: &Ctx<'_>, a: ClientCreateArgs) -> anyhow::Result<()> {
    let ui = ctx.ui;
    let format = format_of(ui, a.output);
    let mut spec = resolve_spec(&a.spec)?;
    show_notes(ui, &spec.notes);
    let mut name = a.name.clone();
    if spec.callbacks.is_empty() {
        ui.require_interactive(&no_platform_message())?;
        let chosen = pick_platforms(ui)?;
        callback::union_in_order(&mut spec.callbacks, platforms::callbacks_of(&chosen));
        spec.platforms.extend(chosen);
        let suggested = name
            .clone()
            .unwrap_or_else(|| default_name(&spec.platforms, false));
        let typed: String = dialoguer::Input::new()
            .with_prompt("Name of the client")
            .default(suggested)
            .interact_text_on(&console::Term::stderr())?;
        name = Some(check_name(&typed)?);
        let question = format!(
            "Create \"{}\" with the callbacks {}?",
            name.as_deref().unwrap_or_default(),
            spec.callbacks.join(", ")
        );
        if !ui.confirm(&question, true)? {
            return Err(Failure::new(ExitKind::Error, "cancelled; nothing was created").into());
        }
    }
    let name = match name {
        Some(n) => check_name(&n)?,
        None => default_name(&spec.platforms, !spec.custom.is_empty()),
    };
    let new = new_client(name, &spec);

    let http = ctx.http()?;
    let opened = carto::open(ctx.global, &http).await?;
    let created = opened
        .backend
        .create_reported(&new)
        .await
        .map_err(uncertain_create)?;
    print_created(ctx, format, &opened, &created, &spec.platforms, None)
}

/// After a create failed in a way that may have created the client anyway
/// and it could not be found, say so.
fn uncertain_create(e: carto::ApiError) -> anyhow::Error {
    let uncertain = matches!(
        &e,
        carto::ApiError::Server { .. }
            | carto::ApiError::Http(crate::http::HttpError::Timeout { .. })
    );
    let err = anyhow::Error::new(e);
    if uncertain {
        err.context(
            "the client may or may not have been created (it was not found by name); run `carto-mcp client list` before trying again",
        )
    } else {
        err
    }
}

fn pick_platforms(ui: &Ui) -> anyhow::Result<Vec<&'static Platform>> {
    let items: Vec<String> = PLATFORMS
        .iter()
        .map(|p| format!("{:<13} {}  ({})", p.name, p.display, p.callbacks.join(", ")))
        .collect();
    let picked = dialoguer::MultiSelect::new()
        .with_prompt("Which platforms will use this client? (space to select, enter to confirm)")
        .items(&items)
        .interact_on(&console::Term::stderr())?;
    if picked.is_empty() {
        return Err(Failure::usage("no platform selected; nothing was created")
            .hint(no_platform_message())
            .into());
    }
    let _ = ui;
    Ok(picked.into_iter().map(|i| &PLATFORMS[i]).collect())
}

// ----- list / show -----------------------------------------------------------

async fn list(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let ui = ctx.ui;
    let http = ctx.http()?;
    let opened = carto::open(ctx.global, &http).await?;
    let clients = opened.backend.list().await?;
    if ui.json {
        let v: Vec<ClientView> = clients.iter().map(|c| view(c, SecretMode::Omit)).collect();
        return ui.print_json(&v);
    }
    if clients.is_empty() {
        ui.status(
            "No SPA OAuth clients yet. Create one: carto-mcp client create --platform claude",
        );
        return Ok(());
    }
    let rows = clients
        .iter()
        .map(|c| {
            vec![
                c.client_id.clone(),
                c.name.clone(),
                c.callbacks.join("\n"),
                platforms_cell(c).join("\n"),
                c.created_at.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    ui.print_table(&["id", "name", "callbacks", "platforms", "created"], rows);
    for c in &clients {
        warn_default_urls(ui, c);
    }
    Ok(())
}

async fn show(ctx: &Ctx<'_>, a: ClientShowArgs) -> anyhow::Result<()> {
    let ui = ctx.ui;
    let id = check_id(&a.id)?;
    let http = ctx.http()?;
    let opened = carto::open(ctx.global, &http).await?;
    let c = opened.backend.get(&id).await?;
    let mode = if a.reveal_secret {
        SecretMode::Reveal
    } else {
        SecretMode::Mask
    };
    if ui.json {
        ui.print_json(&view(&c, mode))?;
    } else {
        ui.out(key_values(&detail_rows(&c, mode)));
    }
    warn_default_urls(ui, &c);
    Ok(())
}

fn check_id(id: &str) -> anyhow::Result<String> {
    let id = id.trim();
    if id.is_empty() {
        return Err(Failure::usage("the client ID is empty")
            .hint("`carto-mcp client list` shows your clients' IDs")
            .into());
    }
    Ok(id.to_string())
}

// ----- update ----------------------------------------------------------------

async fn update(ctx: &Ctx<'_>, a: ClientUpdateArgs) -> anyhow::Result<()> {
    let ui = ctx.ui;
    let id = check_id(&a.id)?;
    let add_platforms = platforms::find_all(&a.add_platforms)?;
    let remove_platforms = platforms::find_all(&a.remove_platforms)?;
    let mut notes = Vec::new();
    let add_callbacks = urls("--add-callback", &a.add_callbacks, &mut notes)?;
    // What is removed need not be valid (a bad callback is worth removing):
    // the edit removes the value as stored, and the URLs it holds.
    let edit = CallbackEdit {
        add_platforms: add_platforms.iter().map(|p| p.name.to_string()).collect(),
        remove_platforms: remove_platforms
            .iter()
            .map(|p| p.name.to_string())
            .collect(),
        add_callbacks,
        remove_callbacks: a.remove_callbacks.clone(),
    };
    let name = a.name.as_deref().map(check_name).transpose()?;
    show_notes(ui, &notes);
    if edit.is_empty() && name.is_none() {
        return Err(Failure::usage(
            "nothing to change: pass --add-platform, --remove-platform, --add-callback, --remove-callback or --name",
        )
        .into());
    }

    let http = ctx.http()?;
    let opened = carto::open(ctx.global, &http).await?;
    let current = opened.backend.get(&id).await?;

    let removed_whole = current
        .callbacks
        .iter()
        .any(|c| edit.remove_callbacks.contains(c));
    for r in edit.removals() {
        if !removed_whole && !current.callbacks.contains(&r) {
            ui.status(format!("note: '{r}' is not one of the client's callbacks"));
        }
    }
    let callbacks = edit.apply_to(&current.callbacks);
    let patch = ClientPatch {
        name: name.filter(|n| *n != current.name),
        ..ClientPatch::set_callbacks(&current, callbacks.clone())
    };
    let added: Vec<&String> = callbacks
        .iter()
        .filter(|c| !current.callbacks.contains(c))
        .collect();
    let removed: Vec<&String> = current
        .callbacks
        .iter()
        .filter(|c| !callbacks.contains(c))
        .collect();

    if patch == ClientPatch::default() {
        if ui.json {
            let mut v = view(&current, SecretMode::Omit);
            v.action = Some("unchanged");
            ui.print_json(&v)?;
        } else {
            ui.status(format!(
                "Nothing changes: client {} already has that name and those callbacks.",
                current.client_id
            ));
            ui.out(key_values(&detail_rows(&current, SecretMode::Omit)));
        }
        return Ok(());
    }
    if callbacks.is_empty() {
        ui.warn("the client will have no callbacks left: no platform can log in with it");
    }
    let updated = opened.backend.update(&id, &patch).await?;
    if ui.json {
        let mut v = view(&updated, SecretMode::Omit);
        v.action = Some("updated");
        return ui.print_json(&v);
    }
    ui.success(format!("Updated client {}", updated.client_id));
    if let Some(n) = &patch.name {
        ui.status(format!("  name: \"{}\" -> \"{n}\"", current.name));
    }
    for c in &added {
        ui.status(format!("  + {c}"));
    }
    for c in &removed {
        ui.status(format!("  - {c}"));
    }
    ui.out(key_values(&detail_rows(&updated, SecretMode::Omit)));
    Ok(())
}

// ----- apply -----------------------------------------------------------------

fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x))
}

async fn apply(ctx: &Ctx<'_>, a: ClientApplyArgs) -> anyhow::Result<()> {
    let ui = ctx.ui;
    let format = format_of(ui, a.output);
    let name = check_name(&a.name)?;
    let spec = resolve_spec(&a.spec)?;
    show_notes(ui, &spec.notes);
    if spec.callbacks.is_empty() {
        return Err(Failure::usage(no_platform_message()).into());
    }
    let desired = new_client(name.clone(), &spec);

    let http = ctx.http()?;
    let opened = carto::open(ctx.global, &http).await?;
    let same_name: Vec<OAuthClient> = opened
        .backend
        .list()
        .await?
        .into_iter()
        .filter(|c| c.name == name)
        .collect();
    let existing = match same_name.as_slice() {
        [] => {
            let created = opened
                .backend
                .create_reported(&desired)
                .await
                .map_err(uncertain_create)?;
            return print_created(
                ctx,
                format,
                &opened,
                &created,
                &spec.platforms,
                Some("created"),
            );
        }
        [one] => one.client_id.clone(),
        many => {
            return Err(Failure::usage(format!(
                "{} clients are named \"{name}\": {}; `apply` needs exactly one",
                many.len(),
                many.iter()
                    .map(|c| c.client_id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .hint("delete the extra ones (`carto-mcp client delete ID`), or change one by ID with `carto-mcp client update`")
            .into());
        }
    };
    let current = opened.backend.get(&existing).await?;
    let differs = |have: &[String], want: &[String]| (!same_set(have, want)).then(|| want.to_vec());
    let patch = ClientPatch {
        name: None,
        callbacks: differs(&current.callbacks, &desired.callbacks),
        allowed_logout_urls: differs(&current.allowed_logout_urls, &desired.allowed_logout_urls),
        web_origins: differs(&current.web_origins, &desired.web_origins),
        allowed_origins: differs(&current.allowed_origins, &desired.allowed_origins),
        use_default_urls: current.use_default_urls.then_some(false),
    };
    let (action, client) = if patch == ClientPatch::default() {
        ("unchanged", current)
    } else {
        ("updated", opened.backend.update(&existing, &patch).await?)
    };
    if format == OutputFormat::Json {
        let mut v = view(&client, SecretMode::Omit);
        v.action = Some(action);
        v.backend = Some(opened.backend.name());
        return ui.print_json(&v);
    }
    if format == OutputFormat::Env {
        // The secret of an existing client is not printed by apply; the ID
        // is, so a script can go on.
        ui.out(format!(
            "CARTO_MCP_CLIENT_ID={}",
            callback::shell_quote(&client.client_id)
        ));
        ui.status("note: the client already existed, so its secret is not printed (`carto-mcp client show ID --reveal-secret`)");
        return Ok(());
    }
    if action == "unchanged" {
        ui.success(format!(
            "Client \"{name}\" ({}) is already as asked: nothing changed",
            client.client_id
        ));
    } else {
        ui.success(format!("Updated client \"{name}\" ({})", client.client_id));
    }
    ui.out(key_values(&detail_rows(&client, SecretMode::Omit)));
    Ok(())
}

// ----- delete ----------------------------------------------------------------

async fn delete(ctx: &Ctx<'_>, a: ClientDeleteArgs) -> anyhow::Result<()> {
    let ui = ctx.ui;
    let id = check_id(&a.id)?;
    let question = format!("Delete OAuth client {id}? Platforms using it will stop working.");
    if !ui.yes && !ui.interactive() {
        // Fails naming --yes, before anything is sent.
        ui.confirm(&question, false)?;
    }
    let http = ctx.http()?;
    let opened = carto::open(ctx.global, &http).await?;
    if !ui.yes {
        let c = opened.backend.get(&id).await?;
        let q = format!(
            "Delete OAuth client {id} (\"{}\", {})? Platforms using it will stop working.",
            c.name,
            c.callbacks.join(", ")
        );
        if !ui.confirm(&q, false)? {
            return Err(Failure::new(ExitKind::Error, "cancelled; nothing was deleted").into());
        }
    }
    opened.backend.delete(&id).await?;
    if ui.json {
        ui.print_json(&serde_json::json!({ "deleted": id }))?;
    } else {
        ui.success(format!("Deleted OAuth client {id}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_say_what_the_client_is_for() {
        let c = platforms::find("claude").unwrap();
        let g = platforms::find("chatgpt").unwrap();
        assert_eq!(default_name(&[c], false), "Claude.ai MCP connection");
        assert_eq!(
            default_name(&[c, g], false),
            "Claude.ai + ChatGPT MCP connection"
        );
        assert_eq!(
            default_name(&[c], true),
            "Claude.ai + custom MCP connection"
        );
        assert_eq!(default_name(&[], true), "Custom MCP connection");
    }

    #[test]
    fn platforms_are_recognised_complete_or_not() {
        let cbs = vec![
            "https://claude.ai/api/mcp/auth_callback".to_string(),
            "http://127.0.0.1:6274/oauth/callback".to_string(),
        ];
        assert_eq!(recognised(&cbs), (vec!["claude"], vec!["mcpjam"]));
    }

    #[test]
    fn env_values_are_quoted_only_when_needed_by_shell_quote() {
        assert_eq!(callback::shell_quote("abc-123_X"), "abc-123_X");
        assert_eq!(callback::shell_quote("a b'c"), r"'a b'\''c'");
        assert_eq!(callback::shell_quote(""), "''");
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("  ").is_err());
        assert!(check_name(&"x".repeat(101)).is_err());
        assert_eq!(check_name(" ok ").unwrap(), "ok");
    }
}
