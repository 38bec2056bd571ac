//! The `api` backend: direct HTTP on contract v0
//! (`shared/docs/oauth-clients-contract.md`).
//!
//! The base URL and the routes live here and nowhere else: CARTO has not
//! published this API, so when its real route is found, this is the one
//! place to change.

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use super::types::{parse_client, parse_client_list};
use super::{ApiError, ClientBackend, ClientPatch, Created, NewClient, OAuthClient};
use crate::http::{Http, HttpError, Response, Retry};

/// The inferred home of the route (CARTO's Accounts API).
pub const DEFAULT_API_URL: &str = "https://accounts.app.carto.com";

/// The routes of contract v0, relative to the base URL.
mod routes {
    /// `POST` (create) and `GET ?type=spa` (list).
    pub const COLLECTION: &[&str] = &["oauth-clients"];
    /// The list's query.
    pub const LIST_QUERY: &[(&str, &str)] = &[("type", "spa")];
}

/// How long after our POST a client found by name counts as made by this
/// run, and how much the server's clock may differ from ours (seconds).
const RECOVERY_WINDOW_SECS: i64 = 300;

/// Which route answered, to tell "no such client" from "no such API".
#[derive(Clone, Copy)]
enum Route<'a> {
    Collection,
    Item(&'a str),
}

pub struct ApiBackend {
    http: Http,
    base: url::Url,
    token: SecretString,
}

impl ApiBackend {
    /// `base`: the Developers API base URL (`--api-url`), default
    /// [`DEFAULT_API_URL`].
    pub fn new(http: Http, base: &str, token: SecretString) -> Result<Self, url::ParseError> {
        Ok(Self {
            http,
            base: url::Url::parse(base.trim())?,
            token,
        })
    }

    pub fn base_url(&self) -> &str {
        self.base.as_str()
    }

    fn url(&self, id: Option<&str>) -> String {
        let mut u = self.base.clone();
        if let Ok(mut segs) = u.path_segments_mut() {
            segs.pop_if_empty();
            segs.extend(routes::COLLECTION);
            if let Some(id) = id {
                segs.push(id);
            }
        }
        u.to_string()
    }

    /// Creates a client, never sending the POST twice. After a timeout or a
    /// 5xx the request may still have gone through, so the list is read and
    /// a client with this name and these callbacks, created in the last few
    /// minutes, is taken as ours (and reported as recovered) instead of
    /// making a second one.
    pub async fn create_reported(&self, new: &NewClient) -> Result<Created, ApiError> {
        let started = super::auth::now_unix();
        let url = self.url(None);
        let sent = self
            .http
            .send(Retry::Once, |c| {
                c.post(&url)
                    .bearer_auth(self.token.expose_secret())
                    .json(new)
            })
            .await;
        let (err, cause) = match sent {
            Ok(r) if r.status.is_success() => {
                let client = parse_client(&body_json(&r)?)?;
                return Ok(Created {
                    client,
                    recovered: None,
                });
            }
            Ok(r) if r.status.is_server_error() => {
                let cause = format!("the create answered {}", r.status.as_u16());
                (error_for(&r, Route::Collection), cause)
            }
            Ok(r) => return Err(error_for(&r, Route::Collection)),
            Err(e @ HttpError::Timeout { .. }) => {
                let cause = "the create timed out".to_string();
                (ApiError::Http(e), cause)
            }
            Err(e) => return Err(e.into()),
        };
        tracing::debug!(target: "carto_mcp::carto", "{cause}; looking for the client by name before anything else");
        let Ok(all) = self.list().await else {
            return Err(err);
        };
        let now = super::auth::now_unix();
        let mut found: Vec<OAuthClient> = all
            .into_iter()
            .filter(|c| c.name == new.name && same_set(&c.callbacks, &new.callbacks))
            .filter(|c| {
                c.created_at_unix().is_some_and(|t| {
                    t >= started - RECOVERY_WINDOW_SECS && t <= now + RECOVERY_WINDOW_SECS
                })
            })
            .collect();
        // The newest is the one this run made.
        found.sort_by_key(|c| std::cmp::Reverse(c.created_at_unix()));
        let Some(ours) = found.into_iter().next() else {
            return Err(err);
        };
        // The list never has the secret; the client itself does.
        let client = self.get(&ours.client_id).await.unwrap_or(ours);
        Ok(Created {
            client,
            recovered: Some(cause),
        })
    }
}

fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

fn body_json(r: &Response) -> Result<Value, ApiError> {
    serde_json::from_str(&r.body).map_err(|e| {
        ApiError::Parse(format!(
            "{} answered {} with no JSON ({e})",
            r.url, r.status
        ))
    })
}

/// Maps an unsuccessful answer to the error the user needs.
fn error_for(r: &Response, route: Route<'_>) -> ApiError {
    let v: Option<Value> = serde_json::from_str(&r.body).ok();
    let text = |k: &str| {
        v.as_ref()
            .and_then(|v| v.get(k))
            .and_then(Value::as_str)
            .map(String::from)
    };
    let error = text("error").unwrap_or_default();
    let description = text("description")
        .or_else(|| text("error_description"))
        .or_else(|| text("message"))
        .or_else(|| (!error.is_empty()).then(|| error.clone()))
        .unwrap_or_else(|| r.status.canonical_reason().unwrap_or("error").to_string());
    let status = r.status.as_u16();
    match (status, route) {
        (401, _) => ApiError::Unauthorized { description },
        (403, _) => ApiError::Forbidden { description },
        // A 404 without the contract's error document, or a 405, means the
        // route itself is not there.
        (404, Route::Item(id)) if v.as_ref().is_some_and(|v| v.get("error").is_some()) => {
            ApiError::NotFound { id: id.to_string() }
        }
        (404 | 405, _) => ApiError::RouteMissing {
            status,
            url: crate::redact::url(&r.url),
        },
        (400 | 409 | 422, _) => ApiError::Invalid {
            status,
            error,
            description,
        },
        _ => ApiError::Server {
            status,
            description,
        },
    }
}

impl ClientBackend for ApiBackend {
    fn name(&self) -> &'static str {
        "api"
    }

    async fn create(&self, new: &NewClient) -> Result<OAuthClient, ApiError> {
        self.create_reported(new).await.map(|c| c.client)
    }

    async fn list(&self) -> Result<Vec<OAuthClient>, ApiError> {
        let url = self.url(None);
        let r = self
            .http
            .send(Retry::Idempotent, |c| {
                c.get(&url)
                    .query(routes::LIST_QUERY)
                    .bearer_auth(self.token.expose_secret())
            })
            .await?;
        if !r.status.is_success() {
            return Err(error_for(&r, Route::Collection));
        }
        let mut list = parse_client_list(&body_json(&r)?)?;
        // The list never carries a secret, whatever the server sent.
        for c in &mut list {
            c.client_secret = None;
        }
        Ok(list)
    }

    async fn get(&self, id: &str) -> Result<OAuthClient, ApiError> {
        let url = self.url(Some(id));
        let r = self
            .http
            .send(Retry::Idempotent, |c| {
                c.get(&url).bearer_auth(self.token.expose_secret())
            })
            .await?;
        if !r.status.is_success() {
            return Err(error_for(&r, Route::Item(id)));
        }
        parse_client(&body_json(&r)?)
    }

    async fn update(&self, id: &str, patch: &ClientPatch) -> Result<OAuthClient, ApiError> {
        let url = self.url(Some(id));
        let r = self
            .http
            .send(Retry::Idempotent, |c| {
                c.patch(&url)
                    .bearer_auth(self.token.expose_secret())
                    .json(patch)
            })
            .await?;
        if !r.status.is_success() {
            return Err(error_for(&r, Route::Item(id)));
        }
        parse_client(&body_json(&r)?)
    }

    async fn delete(&self, id: &str) -> Result<(), ApiError> {
        let url = self.url(Some(id));
        let r = self
            .http
            .send(Retry::Idempotent, |c| {
                c.delete(&url).bearer_auth(self.token.expose_secret())
            })
            .await?;
        if !r.status.is_success() {
            return Err(error_for(&r, Route::Item(id)));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backend(base: &str) -> ApiBackend {
        ApiBackend::new(
            Http::new(Default::default()).unwrap(),
            base,
            SecretString::from("t".to_string()),
        )
        .unwrap()
    }

    #[test]
    fn routes_are_built_under_the_base_and_ids_are_escaped() {
        let b = backend("https://accounts.app.carto.com");
        assert_eq!(b.url(None), "https://accounts.app.carto.com/oauth-clients");
        let b = backend("http://127.0.0.1:9/api/");
        assert_eq!(
            b.url(Some("a b/c")),
            "http://127.0.0.1:9/api/oauth-clients/a%20b%2Fc"
        );
    }

    fn resp(status: u16, body: &str) -> Response {
        Response {
            status: reqwest::StatusCode::from_u16(status).unwrap(),
            headers: Default::default(),
            body: body.into(),
            url: "https://x/oauth-clients".into(),
            elapsed: Default::default(),
        }
    }

    #[test]
    fn errors_map_to_what_the_user_needs() {
        let e = error_for(&resp(404, "Not Found"), Route::Collection);
        assert!(matches!(e, ApiError::RouteMissing { status: 404, .. }));
        let e = error_for(&resp(405, ""), Route::Item("x"));
        assert!(matches!(e, ApiError::RouteMissing { status: 405, .. }));
        let e = error_for(
            &resp(404, r#"{"error":"not_found","description":"no"}"#),
            Route::Item("x"),
        );
        assert!(matches!(e, ApiError::NotFound { .. }));
        let e = error_for(
            &resp(422, r#"{"error":"invalid_url","description":"bad cb"}"#),
            Route::Collection,
        );
        assert!(matches!(e, ApiError::Invalid { ref description, .. } if description == "bad cb"));
        let e = error_for(&resp(401, "{}"), Route::Collection);
        assert!(matches!(e, ApiError::Unauthorized { .. }));
    }
}
