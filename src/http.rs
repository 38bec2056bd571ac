//! The one HTTP client of a run, with timeouts, bounded retries and a
//! redacted trace.
//!
//! Every request goes through [`Http::send`]: it buffers the answer (all the
//! answers this tool reads are small), logs the exchange at `-v`/`-vv` with
//! secrets redacted, and retries only when told the request is safe to repeat
//! ([`Retry::Idempotent`]): on a timeout, a connection error, 429 or 5xx,
//! honouring `Retry-After`, a few times within a bound. A POST that creates
//! something is never retried here; its caller decides what to do.

use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, RequestBuilder, StatusCode};

use crate::error::{Classify, ExitKind};
use crate::redact;

/// The options that shape the client.
#[derive(Debug, Clone)]
pub struct HttpOptions {
    /// Total time for one request.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Attempts for an idempotent request, the first one included.
    pub max_attempts: u32,
    /// Longest wait between two attempts (a longer `Retry-After` is an error).
    pub max_backoff: Duration,
}

impl Default for HttpOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_attempts: 4,
            max_backoff: Duration::from_secs(10),
        }
    }
}

/// Whether a request may be sent again after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// GET, PATCH, PUT, DELETE: the same request twice does no harm.
    Idempotent,
    /// Never resent (a create, a token exchange).
    Once,
}

/// A buffered answer.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    pub url: String,
    pub elapsed: Duration,
}

impl Response {
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(&self.body)
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("{method} {url} timed out after {secs} s")]
    Timeout {
        method: Method,
        url: String,
        secs: u64,
    },
    #[error("could not connect to {url}: {detail}")]
    Connect { url: String, detail: String },
    #[error("{method} {url} failed: {detail}")]
    Other {
        method: Method,
        url: String,
        detail: String,
    },
    #[error(
        "{url} asked to wait {secs} s before retrying (Retry-After), longer than this tool waits"
    )]
    RetryTooLong { url: String, secs: u64 },
}

impl HttpError {
    pub fn is_timeout(&self) -> bool {
        matches!(self, HttpError::Timeout { .. })
    }
}

impl Classify for HttpError {
    fn exit_kind(&self) -> ExitKind {
        ExitKind::Error
    }
    fn hints(&self) -> Vec<String> {
        match self {
            HttpError::Timeout { .. } => vec!["raise --timeout, or check your network".into()],
            HttpError::Connect { .. } => {
                vec!["check the URL and your network (proxy settings: HTTPS_PROXY)".into()]
            }
            HttpError::RetryTooLong { .. } => vec!["try again later".into()],
            HttpError::Other { .. } => Vec::new(),
        }
    }
}

/// The client of a run. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
    opts: HttpOptions,
}

impl Http {
    pub fn new(opts: HttpOptions) -> anyhow::Result<Self> {
        let client = with_proxies(reqwest::Client::builder())?
            .user_agent(concat!("carto-mcp/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.timeout)
            // OAuth redirects are steps to look at, never to follow blindly.
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Self { client, opts })
    }

    /// The underlying client, for libraries that take one (rmcp).
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    pub fn options(&self) -> &HttpOptions {
        &self.opts
    }

    /// Sends a request built by `build`, retrying per `retry`.
    pub async fn send(
        &self,
        retry: Retry,
        build: impl Fn(&reqwest::Client) -> RequestBuilder,
    ) -> Result<Response, HttpError> {
        let attempts = match retry {
            Retry::Idempotent => self.opts.max_attempts.max(1),
            Retry::Once => 1,
        };
        let mut attempt = 1;
        loop {
            let result = self.send_once(build(&self.client)).await;
            let last = attempt >= attempts;
            let wait = match &result {
                Ok(r)
                    if r.status == StatusCode::TOO_MANY_REQUESTS || r.status.is_server_error() =>
                {
                    if last {
                        return result;
                    }
                    match retry_after(&r.headers) {
                        Some(d) if d > self.opts.max_backoff => {
                            return Err(HttpError::RetryTooLong {
                                url: r.url.clone(),
                                secs: d.as_secs(),
                            });
                        }
                        Some(d) => d,
                        None => backoff(attempt),
                    }
                }
                Ok(_) => return result,
                Err(HttpError::Timeout { .. } | HttpError::Connect { .. }) if !last => {
                    backoff(attempt)
                }
                Err(_) => return result,
            };
            tracing::debug!(target: "carto_mcp::http", "retrying in {} ms (attempt {} of {attempts})", wait.as_millis(), attempt + 1);
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn send_once(&self, req: RequestBuilder) -> Result<Response, HttpError> {
        let req = req.build().map_err(|e| HttpError::Other {
            method: Method::GET,
            url: String::new(),
            detail: e.to_string(),
        })?;
        let method = req.method().clone();
        let url = req.url().to_string();
        trace_request(&req);
        let started = Instant::now();
        let res = self
            .client
            .execute(req)
            .await
            .map_err(|e| self.map_err(&method, &url, e))?;
        let status = res.status();
        let headers = res.headers().clone();
        let body = res
            .text()
            .await
            .map_err(|e| self.map_err(&method, &url, e))?;
        let elapsed = started.elapsed();
        let r = Response {
            status,
            headers,
            body,
            url,
            elapsed,
        };
        trace_response(&method, &r);
        Ok(r)
    }

    fn map_err(&self, method: &Method, url: &str, e: reqwest::Error) -> HttpError {
        let url = redact::url(url);
        if e.is_timeout() {
            HttpError::Timeout {
                method: method.clone(),
                url,
                secs: self.opts.timeout.as_secs(),
            }
        } else if e.is_connect() {
            HttpError::Connect {
                url,
                detail: root_cause(&e),
            }
        } else {
            HttpError::Other {
                method: method.clone(),
                url,
                detail: root_cause(&e),
            }
        }
    }
}

/// The proxies of the environment (`HTTPS_PROXY`, `HTTP_PROXY`,
/// `ALL_PROXY`, with `NO_PROXY`), except that loopback addresses never go
/// through a proxy: the loopback redirect, the sandbox and local test
/// servers live on this machine, and a corporate proxy cannot reach them.
fn with_proxies(b: reqwest::ClientBuilder) -> anyhow::Result<reqwest::ClientBuilder> {
    let env = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()))
    };
    let mut skip = String::from("127.0.0.0/8,localhost,::1");
    if let Some(more) = env(&["NO_PROXY", "no_proxy"]) {
        skip.push(',');
        skip.push_str(&more);
    }
    let no_proxy = || reqwest::NoProxy::from_string(&skip);
    let mut b = b.no_proxy();
    if let Some(p) = env(&["HTTPS_PROXY", "https_proxy"]) {
        b = b.proxy(reqwest::Proxy::https(&p)?.no_proxy(no_proxy()));
    }
    if let Some(p) = env(&["HTTP_PROXY", "http_proxy"]) {
        b = b.proxy(reqwest::Proxy::http(&p)?.no_proxy(no_proxy()));
    }
    if let Some(p) = env(&["ALL_PROXY", "all_proxy"]) {
        b = b.proxy(reqwest::Proxy::all(&p)?.no_proxy(no_proxy()));
    }
    Ok(b)
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// `Retry-After` in seconds (the HTTP-date form is rare for APIs and is read
/// as "soon").
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    v.parse::<u64>()
        .ok()
        .map(Duration::from_secs)
        .or(Some(Duration::from_secs(1)))
}

fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(200 * 2u64.pow(attempt.saturating_sub(1).min(5)))
}

fn trace_request(req: &reqwest::Request) {
    tracing::debug!(target: "carto_mcp::http", "→ {} {}", req.method(), redact::url(req.url().as_str()));
    if tracing::enabled!(target: "carto_mcp::http", tracing::Level::TRACE) {
        for (k, v) in req.headers() {
            let v = v.to_str().unwrap_or("<binary>");
            tracing::trace!(target: "carto_mcp::http", "  {k}: {}", redact::header_value(k.as_str(), v));
        }
        if let Some(b) = req.body().and_then(|b| b.as_bytes()) {
            tracing::trace!(target: "carto_mcp::http", "  body: {}", redact::body(&String::from_utf8_lossy(b)));
        }
    }
}

fn trace_response(method: &Method, r: &Response) {
    tracing::debug!(target: "carto_mcp::http", "← {} {} {} ({} ms)", r.status.as_u16(), method, redact::url(&r.url), r.elapsed.as_millis());
    if tracing::enabled!(target: "carto_mcp::http", tracing::Level::TRACE) {
        for (k, v) in &r.headers {
            let v = v.to_str().unwrap_or("<binary>");
            tracing::trace!(target: "carto_mcp::http", "  {k}: {}", redact::header_value(k.as_str(), v));
        }
        if !r.body.is_empty() {
            tracing::trace!(target: "carto_mcp::http", "  body: {}", redact::body(&r.body));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, "2".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[test]
    fn backoff_grows_and_is_bounded() {
        assert!(backoff(1) < backoff(2));
        assert!(backoff(50) <= Duration::from_millis(200 * 32));
    }
}
