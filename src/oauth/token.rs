//! The token endpoint: the authorization code exchange (with PKCE) and the
//! client_credentials grant, each with the client authentication chosen
//! (basic, post, none, private_key_jwt); and the token's claims, decoded
//! without verification, for display.
//!
//! Hand-written: the token request is the step where wrong secrets, wrong
//! auth methods and wrong redirect URIs surface, and its exact error is the
//! diagnosis.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;

use super::OAuthError;
use super::discovery::{Attempt, ms};
use super::registration::{Client, ClientAuth};
use crate::http::{Http, Retry};

/// The grant of a token request.
pub enum Grant<'a> {
    AuthorizationCode {
        code: &'a SecretString,
        verifier: &'a SecretString,
        redirect_uri: &'a str,
    },
    ClientCredentials {
        scope: Option<&'a str>,
    },
    Refresh {
        refresh_token: &'a SecretString,
    },
}

/// What the token endpoint needs besides the grant.
pub struct TokenRequest<'a> {
    pub endpoint: &'a str,
    /// The authorization server's issuer (the `aud` of a client assertion).
    pub issuer: &'a str,
    pub resource: Option<&'a str>,
    pub audience: Option<&'a str>,
}

/// The tokens of a successful answer.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access_token: SecretString,
    pub token_type: String,
    pub expires_in: Option<u64>,
    pub scope: Option<String>,
    pub refresh_token: Option<SecretString>,
}

/// A token request's form fields.
type Form = Vec<(&'static str, String)>;

/// Builds the form (and the Basic header) for a token request.
fn form(
    client: &Client,
    req: &TokenRequest<'_>,
    grant: &Grant<'_>,
) -> Result<(Form, Option<String>), OAuthError> {
    let mut f: Vec<(&'static str, String)> = Vec::new();
    match grant {
        Grant::AuthorizationCode {
            code,
            verifier,
            redirect_uri,
        } => {
            f.push(("grant_type", "authorization_code".into()));
            f.push(("code", code.expose_secret().to_string()));
            f.push(("redirect_uri", (*redirect_uri).to_string()));
            f.push(("code_verifier", verifier.expose_secret().to_string()));
        }
        Grant::ClientCredentials { scope } => {
            f.push(("grant_type", "client_credentials".into()));
            if let Some(s) = scope {
                f.push(("scope", (*s).to_string()));
            }
        }
        Grant::Refresh { refresh_token } => {
            f.push(("grant_type", "refresh_token".into()));
            f.push(("refresh_token", refresh_token.expose_secret().to_string()));
        }
    }
    if let Some(r) = req.resource {
        f.push(("resource", r.to_string()));
    }
    if let Some(a) = req.audience {
        f.push(("audience", a.to_string()));
    }
    let secret = || {
        client
            .secret
            .as_ref()
            .map(|s| s.expose_secret().to_string())
            .ok_or_else(|| {
                OAuthError::Other(format!(
                    "{} needs a client secret (--client-secret-stdin or CARTO_MCP_CLIENT_SECRET)",
                    client.auth.as_str()
                ))
            })
    };
    let mut basic = None;
    match client.auth {
        ClientAuth::ClientSecretBasic => {
            // RFC 6749 §2.3.1: both parts form-urlencoded before base64.
            let enc =
                |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
            let pair = format!("{}:{}", enc(&client.client_id), enc(&secret()?));
            basic = Some(format!("Basic {}", STANDARD.encode(pair)));
        }
        ClientAuth::ClientSecretPost => {
            f.push(("client_id", client.client_id.clone()));
            f.push(("client_secret", secret()?));
        }
        ClientAuth::None => f.push(("client_id", client.client_id.clone())),
        ClientAuth::PrivateKeyJwt => {
            let key = client.private_key.as_ref().ok_or_else(|| {
                OAuthError::Other("private_key_jwt needs --private-key FILE".into())
            })?;
            let assertion = super::assertion::client_assertion(
                &client.client_id,
                req.issuer,
                key.expose_secret(),
            )?;
            f.push(("client_id", client.client_id.clone()));
            f.push((
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".into(),
            ));
            f.push(("client_assertion", assertion));
        }
    }
    Ok((f, basic))
}

/// Sends one token request.
pub async fn request(
    http: &Http,
    client: &Client,
    req: &TokenRequest<'_>,
    grant: Grant<'_>,
) -> Result<(Tokens, Attempt), (OAuthError, Option<Attempt>)> {
    let (f, basic) = form(client, req, &grant).map_err(|e| (e, None))?;
    let r = http
        .send(Retry::Once, |c| {
            let mut b = c
                .post(req.endpoint)
                .header("accept", "application/json")
                .form(&f);
            if let Some(h) = &basic {
                b = b.header("authorization", h);
            }
            b
        })
        .await
        .map_err(|e| (OAuthError::from(e), None))?;
    let attempt = Attempt {
        method: "POST",
        url: req.endpoint.to_string(),
        status: Some(r.status.as_u16()),
        note: None,
        duration_ms: ms(r.elapsed),
    };
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_default();
    if !r.status.is_success() {
        return Err((
            OAuthError::Token {
                status: r.status.as_u16(),
                error: v["error"].as_str().unwrap_or("error").to_string(),
                description: v["error_description"].as_str().map(str::to_string),
            },
            Some(attempt),
        ));
    }
    let Some(access) = v["access_token"].as_str() else {
        return Err((
            OAuthError::Token {
                status: r.status.as_u16(),
                error: "no_access_token".into(),
                description: Some("the answer has no access_token".into()),
            },
            Some(attempt),
        ));
    };
    Ok((
        Tokens {
            access_token: SecretString::from(access.to_string()),
            token_type: v["token_type"].as_str().unwrap_or("Bearer").to_string(),
            expires_in: v["expires_in"].as_u64(),
            scope: v["scope"].as_str().map(str::to_string),
            refresh_token: v["refresh_token"]
                .as_str()
                .map(|s| SecretString::from(s.to_string())),
        },
        attempt,
    ))
}

/// What the report shows of a token: its claims, never the token.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TokenSummary {
    /// `jwt` or `opaque`.
    pub format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    pub aud: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Expiry, RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<u64>,
    /// CARTO's `http://app.carto.com/account_id` claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
}

impl TokenSummary {
    pub fn of(tokens: &Tokens) -> Self {
        let claims = crate::claims::decode(tokens.access_token.expose_secret());
        let mut s = TokenSummary {
            format: if claims.is_some() { "jwt" } else { "opaque" },
            scope: tokens.scope.clone(),
            expires_in: tokens.expires_in,
            ..Default::default()
        };
        if let Some(c) = claims {
            s.iss = c.issuer;
            s.sub = c.subject;
            s.aud = c.audience;
            s.scope = s.scope.or(c.scope);
            s.account_id = c.account_id;
            s.expires_at = c.expires_at.map(crate::claims::format_unix);
        }
        s
    }

    /// Does the token's audience name this resource? `None` when unknown
    /// (an opaque token, or no `aud`).
    pub fn audience_matches(&self, resource: &str) -> Option<bool> {
        if self.format != "jwt" || self.aud.is_empty() {
            return None;
        }
        let norm = |s: &str| s.trim_end_matches('/').to_string();
        Some(self.aud.iter().any(|a| norm(a) == norm(resource)))
    }

    /// One line for the report.
    pub fn line(&self) -> String {
        let mut parts = vec![format!("{} token", self.format)];
        if let Some(i) = &self.iss {
            parts.push(format!("iss {i}"));
        }
        if !self.aud.is_empty() {
            parts.push(format!("aud {}", self.aud.join(" ")));
        }
        if let Some(s) = &self.scope {
            parts.push(format!("scope \"{s}\""));
        }
        if let Some(a) = &self.account_id {
            parts.push(format!("account {a}"));
        }
        if let Some(e) = &self.expires_at {
            parts.push(format!("expires {e}"));
        } else if let Some(e) = self.expires_in {
            parts.push(format!("expires in {e} s"));
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::registration::Registration;

    fn client(auth: ClientAuth) -> Client {
        Client {
            client_id: "cid".into(),
            secret: Some(SecretString::from("s+cret/x".to_string())),
            private_key: None,
            auth,
            registration: Registration::PreRegistered,
        }
    }

    fn req() -> TokenRequest<'static> {
        TokenRequest {
            endpoint: "http://as/token",
            issuer: "http://as",
            resource: Some("http://mcp/mcp"),
            audience: None,
        }
    }

    #[test]
    fn basic_auth_encodes_both_parts() {
        let (f, basic) = form(
            &client(ClientAuth::ClientSecretBasic),
            &req(),
            &Grant::ClientCredentials { scope: None },
        )
        .unwrap();
        let b = basic.unwrap();
        let raw = STANDARD.decode(b.trim_start_matches("Basic ")).unwrap();
        assert_eq!(String::from_utf8(raw).unwrap(), "cid:s%2Bcret%2Fx");
        assert!(
            f.iter()
                .all(|(k, _)| *k != "client_secret" && *k != "client_id")
        );
        assert!(f.contains(&("resource", "http://mcp/mcp".to_string())));
    }

    #[test]
    fn post_and_none_put_the_client_in_the_form() {
        let (f, basic) = form(
            &client(ClientAuth::ClientSecretPost),
            &req(),
            &Grant::ClientCredentials { scope: Some("a b") },
        )
        .unwrap();
        assert!(basic.is_none());
        assert!(f.contains(&("client_secret", "s+cret/x".to_string())));
        assert!(f.contains(&("scope", "a b".to_string())));
        let (f, _) = form(
            &client(ClientAuth::None),
            &req(),
            &Grant::ClientCredentials { scope: None },
        )
        .unwrap();
        assert!(f.contains(&("client_id", "cid".to_string())));
        assert!(f.iter().all(|(k, _)| *k != "client_secret"));
    }

    #[test]
    fn claims_are_decoded_without_verification() {
        let tok = crate::claims::unsigned_jwt(
            serde_json::json!({"iss": "http://as", "aud": ["a", "http://mcp/mcp"], "exp": 2000000000, crate::claims::ACCOUNT_ID_CLAIM: "ac_1"}),
        );
        let s = TokenSummary::of(&Tokens {
            access_token: SecretString::from(tok),
            token_type: "Bearer".into(),
            expires_in: Some(3600),
            scope: Some("mcp:tools".into()),
            refresh_token: None,
        });
        assert_eq!(s.format, "jwt");
        assert_eq!(s.account_id.as_deref(), Some("ac_1"));
        assert_eq!(s.audience_matches("http://mcp/mcp"), Some(true));
        assert_eq!(s.audience_matches("http://other"), Some(false));
        assert!(s.expires_at.unwrap().starts_with("2033-"));
        assert!(crate::claims::decode("opaque-token").is_none());
    }
}
