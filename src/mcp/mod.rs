//! The MCP session over Streamable HTTP, on the official `rmcp` client:
//! initialize (and the `initialized` notification), tools/list with
//! pagination, tools/call; JSON and SSE answers and the session header are
//! rmcp's job. The bearer token goes in the `Authorization` header only, on
//! the run's one reqwest client. No terminal I/O here.
//!
//! rmcp's `AuthRequired` / `InsufficientScope` transport errors become typed
//! outcomes ([`McpError`]) so that `check` can explain a 401 or a 403, and
//! step up the scope on `insufficient_scope`.

pub mod elicitation;

use std::sync::Arc;

use futures::future::BoxFuture;
use rmcp::model::{
    CallToolRequestParams, ClientCapabilities, ClientConfig, ElicitRequestParams, ElicitResult,
    ElicitationAction, ElicitationCapability, ErrorData, FormElicitationCapability, Implementation,
    PaginatedRequestParams,
};
use rmcp::service::{RequestContext, RoleClient, RunningService};
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::{
    AuthRequiredError, InsufficientScopeError, StreamableHttpClientTransportConfig,
};
use rmcp::{ClientHandler, ServiceExt};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;

use crate::error::{Classify, ExitKind};
use crate::http::Http;
use crate::oauth::discovery::{Challenge, parse_www_authenticate};

/// Answers a server's elicitation request during a tool call: the policies
/// are in [`elicitation`]; the default declines.
pub trait ElicitationHandler: Send + Sync + 'static {
    fn elicit(&self, request: ElicitRequestParams) -> BoxFuture<'static, ElicitResult>;
    /// The requests answered so far, for the report.
    fn records(&self) -> Vec<elicitation::ElicitationRecord> {
        Vec::new()
    }
}

/// Declines every elicitation request.
pub struct DeclineElicitation;

impl ElicitationHandler for DeclineElicitation {
    fn elicit(&self, _request: ElicitRequestParams) -> BoxFuture<'static, ElicitResult> {
        Box::pin(async { ElicitResult::new(ElicitationAction::Decline) })
    }
}

struct Handler {
    elicitation: Arc<dyn ElicitationHandler>,
}

impl ClientHandler for Handler {
    fn get_info(&self) -> ClientConfig {
        let mut caps = ClientCapabilities::default();
        let mut elicitation = ElicitationCapability::default();
        elicitation.form = Some(FormElicitationCapability::default());
        caps.elicitation = Some(elicitation);
        // rmcp's default is its LATEST revision (2026-07-28), which has no
        // `initialize` handshake; this session speaks the handshake, so it
        // offers the newest revision that has one (servers and the MCP
        // conformance suite check the version offered).
        ClientConfig::new(
            caps,
            Implementation::new("carto-mcp", env!("CARGO_PKG_VERSION")),
        )
        .with_protocol_version(rmcp::model::ProtocolVersion::LATEST_WITH_INITIALIZE)
    }

    async fn create_elicitation(
        &self,
        request: ElicitRequestParams,
        _context: RequestContext<RoleClient>,
    ) -> Result<ElicitResult, ErrorData> {
        Ok(self.elicitation.elicit(request).await)
    }
}

/// Why an MCP request failed.
#[derive(Debug, thiserror::Error)]
pub enum McpError {
    #[error("the server refused the token (401{})", challenge.error().map(|e| format!(" {e}")).unwrap_or_default())]
    Unauthorized { challenge: Challenge },
    #[error("the server forbids this request (403{})", challenge.as_ref().and_then(|c| c.error()).map(|e| format!(" {e}")).unwrap_or_default())]
    Forbidden { challenge: Option<Challenge> },
    #[error("the token lacks a scope the server needs (403 insufficient_scope{})", scope.as_ref().map(|s| format!(", scope \"{s}\"")).unwrap_or_default())]
    InsufficientScope {
        scope: Option<String>,
        challenge: Challenge,
    },
    #[error("the server answered with JSON-RPC error {code}: {message}")]
    Rpc { code: i32, message: String },
    #[error("{0}")]
    Transport(String),
}

impl From<ErrorData> for McpError {
    fn from(d: ErrorData) -> Self {
        McpError::Rpc {
            code: d.code.0,
            message: d.message.to_string(),
        }
    }
}

impl Classify for McpError {
    fn exit_kind(&self) -> ExitKind {
        ExitKind::CheckFailed
    }
}

impl McpError {
    fn from_auth_chain(root: &(dyn std::error::Error + 'static)) -> Option<Self> {
        let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(root);
        while let Some(e) = cur {
            if let Some(a) = e.downcast_ref::<AuthRequiredError>() {
                let challenge =
                    parse_www_authenticate(&a.www_authenticate_header).unwrap_or_default();
                return Some(McpError::Unauthorized { challenge });
            }
            if let Some(s) = e.downcast_ref::<InsufficientScopeError>() {
                let challenge =
                    parse_www_authenticate(&s.www_authenticate_header).unwrap_or_default();
                if challenge.error() == Some("insufficient_scope") {
                    return Some(McpError::InsufficientScope {
                        scope: s
                            .required_scope
                            .clone()
                            .or(challenge.scope().map(str::to_string)),
                        challenge,
                    });
                }
                return Some(McpError::Forbidden {
                    challenge: Some(challenge),
                });
            }
            let text = e.to_string();
            if text.contains("403") && text.to_ascii_lowercase().contains("forbidden") {
                return Some(McpError::Forbidden { challenge: None });
            }
            cur = e.source();
        }
        None
    }

    fn from_service(e: rmcp::ServiceError) -> Self {
        match e {
            rmcp::ServiceError::McpError(d) => d.into(),
            rmcp::ServiceError::TransportSend(t) => Self::from_auth_chain(t.error.as_ref())
                .unwrap_or_else(|| McpError::Transport(chain_text(t.error.as_ref()))),
            other => McpError::Transport(other.to_string()),
        }
    }

    fn from_init(e: rmcp::service::ClientInitializeError) -> Self {
        use rmcp::service::ClientInitializeError as E;
        match e {
            E::TransportError { error, .. } => Self::from_auth_chain(error.error.as_ref())
                .unwrap_or_else(|| McpError::Transport(chain_text(error.error.as_ref()))),
            E::JsonRpcError(d) => d.into(),
            other => {
                if let Some(h) = other.auth_challenge() {
                    let challenge = parse_www_authenticate(h).unwrap_or_default();
                    return McpError::Unauthorized { challenge };
                }
                McpError::Transport(other.to_string())
            }
        }
    }
}

fn chain_text(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        let t = s.to_string();
        if !parts.iter().any(|p| p.contains(&t)) {
            parts.push(t);
        }
        cur = s.source();
    }
    crate::redact::body(&parts.join(": "))
}

/// The server, as initialize described it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ServerSummary {
    pub name: Option<String>,
    pub version: Option<String>,
    pub protocol_version: String,
    pub has_tools: bool,
}

/// One tool, as the report shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ToolSummary {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The answer of one tool call.
#[derive(Debug, Clone, Serialize)]
pub struct CallSummary {
    pub is_error: bool,
    /// The text content, shortened.
    pub text: String,
}

/// An initialized MCP session.
pub struct Session {
    service: RunningService<RoleClient, Handler>,
    pub server: ServerSummary,
}

/// Connects and initializes (initialize + notifications/initialized).
pub async fn connect(
    http: &Http,
    url: &str,
    token: Option<&SecretString>,
    elicitation: Arc<dyn ElicitationHandler>,
) -> Result<Session, McpError> {
    let mut config = StreamableHttpClientTransportConfig::with_uri(url.to_string());
    if let Some(t) = token {
        config = config.auth_header(t.expose_secret().to_string());
    }
    let transport = StreamableHttpClientTransport::with_client(http.client().clone(), config);
    let service = Handler { elicitation }
        .serve(transport)
        .await
        .map_err(McpError::from_init)?;
    let server = match service.peer().peer_info() {
        Some(info) => ServerSummary {
            name: info.server_info.as_ref().map(|i| i.name.clone()),
            version: info.server_info.as_ref().map(|i| i.version.clone()),
            protocol_version: info.protocol_version.to_string(),
            has_tools: info.capabilities.tools.is_some(),
        },
        None => ServerSummary::default(),
    };
    Ok(Session { service, server })
}

impl Session {
    /// Every tool, following `nextCursor` (at most 100 pages). Returns the
    /// tools and the number of pages.
    pub async fn list_tools(&self) -> Result<(Vec<ToolSummary>, u32), McpError> {
        let mut tools = Vec::new();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let params = cursor
                .take()
                .map(|c| PaginatedRequestParams::default().with_cursor(Some(c)));
            let page = self
                .service
                .peer()
                .list_tools(params)
                .await
                .map_err(McpError::from_service)?;
            pages += 1;
            tools.extend(page.tools.into_iter().map(|t| ToolSummary {
                name: t.name.to_string(),
                title: t.title.clone(),
                description: t.description.as_ref().map(|d| d.to_string()),
            }));
            match page.next_cursor {
                Some(c) if !c.is_empty() && pages < 100 => cursor = Some(c.to_string()),
                _ => break,
            }
        }
        Ok((tools, pages))
    }

    /// Calls one tool.
    pub async fn call_tool(
        &self,
        name: &str,
        args: Option<serde_json::Map<String, serde_json::Value>>,
    ) -> Result<CallSummary, McpError> {
        let mut params = CallToolRequestParams::new(name.to_string());
        if let Some(a) = args {
            params = params.with_arguments(a);
        }
        let r = self
            .service
            .peer()
            .call_tool(params)
            .await
            .map_err(McpError::from_service)?;
        let text = r
            .content
            .iter()
            .filter_map(|c| c.as_text().map(|t| t.text.clone()))
            .collect::<Vec<_>>()
            .join("\n");
        let short = crate::redact::shorten(&text, 500);
        Ok(CallSummary {
            is_error: r.is_error.unwrap_or(false),
            text: short,
        })
    }

    /// Ends the session (DELETE when the server supports it).
    pub async fn close(mut self) {
        let _ = self
            .service
            .close_with_timeout(std::time::Duration::from_secs(2))
            .await;
    }
}
