//! The whole command line, and nothing else: global options, subcommands and
//! their arguments. Help, shell completions and the man page are generated
//! from these types (`carto-mcp completions`, `carto-mcp man`), so a flag
//! added here shows up everywhere at once.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Connect AI platforms to the CARTO MCP Server: create the OAuth client each
/// platform needs, check the login end to end, and explain what went wrong.
#[derive(Debug, Parser)]
#[command(
    name = "carto-mcp",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = "Exit codes: 0 ok, 1 error, 2 usage, 3 not authenticated, 4 refused by the API, 5 check failed.\n\
                  Start with `carto-mcp demo` (no CARTO account needed) or `carto-mcp client create --platform claude`."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Print machine-readable JSON on stdout instead of tables and text.
    #[arg(long, global = true)]
    pub json: bool,

    /// CARTO CLI profile to read from ~/.carto_credentials.json.
    #[arg(long, global = true, value_name = "NAME", env = "CARTO_PROFILE")]
    pub profile: Option<String>,

    /// Base URL of the CARTO Developers API (OAuth clients).
    #[arg(long, global = true, value_name = "URL", env = "CARTO_MCP_API_URL")]
    pub api_url: Option<String>,

    /// How OAuth clients are provisioned: direct HTTP (`api`), the official
    /// `carto` CLI (`carto-cli`), or `auto` (carto-cli when `carto` is on PATH).
    #[arg(long, global = true, value_enum, default_value_t = BackendChoice::Auto, env = "CARTO_MCP_BACKEND")]
    pub backend: BackendChoice,

    /// Read the access token from standard input (never from argv). For the
    /// client commands it is the CARTO API token; for `check` it is the token
    /// sent to the MCP server (OAuth is skipped).
    #[arg(long, global = true)]
    pub token_stdin: bool,

    /// Network timeout for one HTTP request, in seconds.
    #[arg(long, global = true, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,

    /// More output on stderr: -v for steps and HTTP requests, -vv for HTTP
    /// headers and bodies (secrets are always redacted).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Never use colour (also: NO_COLOR=1).
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Answer yes to every confirmation (needed for changes without a TTY).
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,

    /// Never prompt, even on a terminal: fail with a message naming the
    /// missing flag instead.
    #[arg(long, global = true)]
    pub no_input: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BackendChoice {
    Auto,
    Api,
    CartoCli,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the platform presets and their exact callback URLs.
    Platforms(PlatformsArgs),

    /// Create, list, show, update, apply and delete SPA OAuth clients.
    #[command(subcommand)]
    Client(ClientCommand),

    /// Who you are at CARTO: status, login and logout.
    #[command(subcommand)]
    Auth(AuthCommand),

    /// Log in to an MCP server end to end (discovery, browser, PKCE, token,
    /// initialize, tools/list) and time every step.
    Check(Box<CheckArgs>),

    /// Explain why a callback (redirect URI) was refused, and fix it.
    Diagnose(DiagnoseArgs),

    /// Run a local CARTO-like stack: Developers API, authorization server and
    /// MCP server, all on 127.0.0.1.
    Sandbox(SandboxArgs),

    /// Show the whole job against a built-in sandbox: create a client, check
    /// the login, probe the platforms' callbacks. No CARTO account needed.
    Demo(DemoArgs),

    /// Print a shell completion script.
    Completions(CompletionsArgs),

    /// Print the man page (roff).
    Man,
}

#[derive(Debug, Args)]
pub struct PlatformsArgs {
    /// Show only CARTO's documented presets.
    #[arg(long)]
    pub carto_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
    Env,
}

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Create a SPA OAuth client with the callbacks of one or more platforms.
    Create(ClientCreateArgs),
    /// List your SPA OAuth clients (never shows secrets).
    List,
    /// Show one client; the secret is masked unless --reveal-secret.
    Show(ClientShowArgs),
    /// Change a client's name or callbacks.
    Update(ClientUpdateArgs),
    /// Make sure a client with this name exists with exactly these callbacks
    /// (creates, updates or does nothing: safe to run from CI again and again).
    Apply(ClientApplyArgs),
    /// Delete a client (asks first on a terminal; needs --yes otherwise).
    Delete(ClientDeleteArgs),
}

#[derive(Debug, Clone, Args, Default)]
pub struct ClientSpecArgs {
    /// A platform preset whose callbacks the client gets (repeatable); see
    /// `carto-mcp platforms`.
    #[arg(short, long = "platform", value_name = "PLATFORM")]
    pub platforms: Vec<String>,

    /// An extra allowed callback URL (repeatable).
    #[arg(short, long = "callback", value_name = "URL")]
    pub callbacks: Vec<String>,

    /// An allowed logout URL (repeatable).
    #[arg(long = "logout-url", value_name = "URL")]
    pub logout_urls: Vec<String>,

    /// An allowed web origin (repeatable).
    #[arg(long = "web-origin", value_name = "URL")]
    pub web_origins: Vec<String>,

    /// An allowed origin for CORS (repeatable).
    #[arg(long = "allowed-origin", value_name = "URL")]
    pub allowed_origins: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ClientCreateArgs {
    #[command(flatten)]
    pub spec: ClientSpecArgs,

    /// The client's name (default: says which platforms it is for).
    #[arg(short, long)]
    pub name: Option<String>,

    /// How to print the new client: a readable summary, JSON, or
    /// `CARTO_MCP_CLIENT_ID=…` lines for eval and CI.
    #[arg(short, long, value_enum)]
    pub output: Option<OutputFormat>,
}

#[derive(Debug, Args)]
pub struct ClientShowArgs {
    /// The client ID.
    pub id: String,
    /// Print the client secret instead of a mask.
    #[arg(long)]
    pub reveal_secret: bool,
}

#[derive(Debug, Args)]
pub struct ClientUpdateArgs {
    /// The client ID.
    pub id: String,
    /// Add a platform preset's callbacks (repeatable).
    #[arg(long = "add-platform", value_name = "PLATFORM")]
    pub add_platforms: Vec<String>,
    /// Remove a platform preset's callbacks (repeatable).
    #[arg(long = "remove-platform", value_name = "PLATFORM")]
    pub remove_platforms: Vec<String>,
    /// Add a callback URL (repeatable).
    #[arg(long = "add-callback", value_name = "URL")]
    pub add_callbacks: Vec<String>,
    /// Remove a callback URL (repeatable).
    #[arg(long = "remove-callback", value_name = "URL")]
    pub remove_callbacks: Vec<String>,
    /// A new name.
    #[arg(short, long)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct ClientApplyArgs {
    /// The client's name: the key that makes `apply` idempotent.
    #[arg(short, long)]
    pub name: String,

    #[command(flatten)]
    pub spec: ClientSpecArgs,

    /// How to print the client (as for `create`; the secret only when the
    /// client was created by this run).
    #[arg(short, long, value_enum)]
    pub output: Option<OutputFormat>,
}

#[derive(Debug, Args)]
pub struct ClientDeleteArgs {
    /// The client ID.
    pub id: String,
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Which CARTO credentials would be used, for whom, until when.
    Status,
    /// Log in to CARTO in the browser (OAuth PKCE) and store the tokens.
    Login(AuthLoginArgs),
    /// Forget the tokens stored by `auth login` and the cached M2M token.
    Logout,
}

#[derive(Debug, Args)]
pub struct AuthLoginArgs {
    /// The public OAuth client to log in with (default: the one CARTO's own
    /// Python library uses).
    #[arg(long, value_name = "ID", env = "CARTO_MCP_LOGIN_CLIENT_ID")]
    pub client_id: Option<String>,

    /// CARTO's authorization server.
    #[arg(long, value_name = "URL", default_value = "https://auth.carto.com")]
    pub auth_url: String,

    /// The loopback redirect URI registered for that client.
    #[arg(long, value_name = "URL")]
    pub redirect_uri: Option<String>,

    #[command(flatten)]
    pub browser: BrowserArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BrowserMode {
    /// `$BROWSER` when set, else the system browser.
    System,
    /// Follow the authorization URL over plain HTTP, no browser (for servers
    /// that approve at once, and for CI).
    Http,
}

#[derive(Debug, Clone, Args)]
pub struct BrowserArgs {
    /// How to complete the login in the browser.
    #[arg(long, value_enum, default_value_t = BrowserMode::System)]
    pub browser: BrowserMode,

    /// Print the authorization URL and wait instead of opening a browser.
    #[arg(long, conflicts_with = "browser")]
    pub no_browser: bool,

    /// How long to wait for the browser login, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub login_timeout: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthMethod {
    /// HTTP Basic with client ID and secret.
    Basic,
    /// Client ID and secret in the form body.
    Post,
    /// A public client: no secret.
    None,
    /// A signed JWT assertion (`--private-key`).
    PrivateKeyJwt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ElicitationMode {
    /// Answer with the schema's defaults.
    AcceptDefaults,
    /// Decline every request.
    Decline,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The MCP server URL, e.g. https://gcp-us-east1.api.carto.com/mcp/ac_xxxxxxxx
    pub url: String,

    /// A pre-registered OAuth client ID (e.g. from `carto-mcp client create`).
    #[arg(long, value_name = "ID", env = "CARTO_MCP_CLIENT_ID")]
    pub client_id: Option<String>,

    /// Read the client secret from standard input. Otherwise it comes from
    /// CARTO_MCP_CLIENT_SECRET, or from the provisioning backend when the
    /// client is yours.
    #[arg(long)]
    pub client_secret_stdin: bool,

    /// Use a Client ID Metadata Document: this HTTPS URL is the client ID.
    #[arg(long, value_name = "URL", conflicts_with = "client_id")]
    pub client_metadata_url: Option<String>,

    /// Register a new client dynamically (RFC 7591) when the server allows it.
    #[arg(long, conflicts_with_all = ["client_id", "client_metadata_url"])]
    pub register: bool,

    /// Machine-to-machine: the client_credentials grant, no browser.
    #[arg(long)]
    pub client_credentials: bool,

    /// PEM private key (ES256/RS256) for private_key_jwt client authentication.
    #[arg(long, value_name = "FILE")]
    pub private_key: Option<PathBuf>,

    /// Scopes to request (space-separated), instead of the spec's choice.
    #[arg(long, value_name = "SCOPES")]
    pub scope: Option<String>,

    /// Auth0's `audience` parameter, added to the authorization and token
    /// requests (CARTO's tenant needs `carto-cloud-native-api`).
    #[arg(long, value_name = "AUDIENCE")]
    pub audience: Option<String>,

    /// Force the token endpoint authentication method.
    #[arg(long, value_enum)]
    pub auth_method: Option<AuthMethod>,

    /// Behave as this platform does (token auth method, time budgets).
    #[arg(long, value_name = "PLATFORM")]
    pub as_platform: Option<String>,

    /// The redirect URI to use (must be registered on the client, on loopback).
    #[arg(long, value_name = "URL")]
    pub redirect_uri: Option<String>,

    #[command(flatten)]
    pub browser: BrowserArgs,

    /// Call this tool once after listing the tools.
    #[arg(long, value_name = "TOOL")]
    pub call: Option<String>,

    /// JSON arguments for --call.
    #[arg(long, value_name = "JSON", requires = "call")]
    pub args: Option<String>,

    /// How to answer a server's elicitation request during a tool call
    /// (default: ask on a terminal, decline otherwise).
    #[arg(long, value_enum)]
    pub elicitation: Option<ElicitationMode>,

    /// Time budget for one request, in seconds (web platforms allow about 10).
    #[arg(long, value_name = "SECS")]
    pub budget: Option<f64>,

    /// Print the access token (it is never printed otherwise).
    #[arg(long)]
    pub show_token: bool,

    /// Allow plain http for non-loopback hosts.
    #[arg(long)]
    pub insecure: bool,

    /// Also write the report as JUnit XML to this file.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,

    /// Read the MCP conformance suite's variables (MCP_CONFORMANCE_SCENARIO,
    /// MCP_CONFORMANCE_CONTEXT) and map them onto the flags above.
    #[arg(long, hide = true)]
    pub conformance: bool,

    /// Not a flag: the client secret when it was handed over in memory
    /// (`--conformance` reads it from MCP_CONFORMANCE_CONTEXT). When unset the
    /// secret comes from --client-secret-stdin, CARTO_MCP_CLIENT_SECRET or the
    /// backend.
    #[arg(skip)]
    pub client_secret: Option<secrecy::SecretString>,

    /// Not a flag: the PEM private key itself when it was handed over in
    /// memory (`--conformance`); otherwise it is read from --private-key.
    #[arg(skip)]
    pub private_key_pem: Option<secrecy::SecretString>,
}

#[derive(Debug, Args)]
pub struct DiagnoseArgs {
    /// The failing authorization URL, or the error text from the browser or
    /// platform. Omit with --client-id and --platform.
    pub input: Option<String>,

    /// The client whose callbacks to compare against.
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,

    /// The platform(s) the client is meant for (repeatable).
    #[arg(short, long = "platform", value_name = "PLATFORM")]
    pub platforms: Vec<String>,

    /// A registered callback, when the client cannot be read (repeatable).
    #[arg(long = "registered", value_name = "URL")]
    pub registered: Vec<String>,

    /// Apply the fix through the provisioning backend.
    #[arg(long)]
    pub fix: bool,

    /// Probe each platform's redirect URI against the authorization server of
    /// this MCP server, without a browser or credentials.
    #[arg(long, value_name = "MCP_URL")]
    pub live: Option<String>,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port to listen on (127.0.0.1 only); 0 picks a free one.
    #[arg(long, default_value_t = 8787)]
    pub port: u16,

    /// Approve every login at once (no login page), for headless use.
    #[arg(long)]
    pub auto_approve: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Time budget for the demo's tool call, in seconds. The slow demo
    /// workflow runs 1.5 times as long, so the report shows how a tool over
    /// its budget is flagged (web platforms allow about 10 s).
    #[arg(long, value_name = "SECS", default_value_t = 1.0)]
    pub budget: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definitions_are_consistent() {
        Cli::command().debug_assert();
    }
}
