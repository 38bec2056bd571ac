//! Which client the login uses, in the spec's order: pre-registered
//! (`--client-id`), a Client ID Metadata Document (`--client-metadata-url`),
//! dynamic client registration (RFC 7591); and how it authenticates at the
//! token endpoint.

use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;

use super::OAuthError;
use super::discovery::{Attempt, AuthServerMetadata, ms};
use crate::http::{Http, Retry};

/// Token endpoint client authentication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientAuth {
    ClientSecretBasic,
    ClientSecretPost,
    None,
    PrivateKeyJwt,
}

impl ClientAuth {
    pub fn as_str(self) -> &'static str {
        match self {
            ClientAuth::ClientSecretBasic => "client_secret_basic",
            ClientAuth::ClientSecretPost => "client_secret_post",
            ClientAuth::None => "none",
            ClientAuth::PrivateKeyJwt => "private_key_jwt",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "client_secret_basic" => ClientAuth::ClientSecretBasic,
            "client_secret_post" => ClientAuth::ClientSecretPost,
            "none" => ClientAuth::None,
            "private_key_jwt" => ClientAuth::PrivateKeyJwt,
            _ => return None,
        })
    }
}

impl From<crate::cli::AuthMethod> for ClientAuth {
    fn from(m: crate::cli::AuthMethod) -> Self {
        match m {
            crate::cli::AuthMethod::Basic => ClientAuth::ClientSecretBasic,
            crate::cli::AuthMethod::Post => ClientAuth::ClientSecretPost,
            crate::cli::AuthMethod::None => ClientAuth::None,
            crate::cli::AuthMethod::PrivateKeyJwt => ClientAuth::PrivateKeyJwt,
        }
    }
}

/// How the client came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Registration {
    PreRegistered,
    MetadataDocument,
    Dynamic,
}

/// The client a login uses.
#[derive(Debug, Clone)]
pub struct Client {
    pub client_id: String,
    pub secret: Option<SecretString>,
    /// PEM key for `private_key_jwt`.
    pub private_key: Option<SecretString>,
    pub auth: ClientAuth,
    pub registration: Registration,
}

/// Picks the token endpoint authentication for a client with (or without)
/// a secret: `--auth-method` first, then the platform being imitated
/// (Claude sends `client_secret_post`), then the server's advertisement in
/// the TypeScript SDK's order (basic, post, none; RFC 8414's default is
/// basic when nothing is advertised).
pub fn choose_auth(
    forced: Option<ClientAuth>,
    platform_post: bool,
    has_secret: bool,
    has_key: bool,
    advertised: Option<&[String]>,
) -> ClientAuth {
    if let Some(f) = forced {
        return f;
    }
    if has_key {
        return ClientAuth::PrivateKeyJwt;
    }
    if !has_secret {
        return ClientAuth::None;
    }
    if platform_post {
        return ClientAuth::ClientSecretPost;
    }
    first_advertised(advertised)
}

/// The method to ask for in a dynamic registration: `--auth-method`, else
/// the first the server advertises of basic, post, none.
pub fn dcr_method(forced: Option<ClientAuth>, advertised: Option<&[String]>) -> ClientAuth {
    forced.unwrap_or_else(|| first_advertised(advertised))
}

/// The first of basic, post, none the server advertises; basic when it
/// advertises none of them or nothing at all (RFC 8414's default).
fn first_advertised(advertised: Option<&[String]>) -> ClientAuth {
    [
        ClientAuth::ClientSecretBasic,
        ClientAuth::ClientSecretPost,
        ClientAuth::None,
    ]
    .into_iter()
    .find(|m| advertised.is_some_and(|adv| adv.iter().any(|a| a == m.as_str())))
    .unwrap_or(ClientAuth::ClientSecretBasic)
}

/// Registers a client dynamically (RFC 7591) with this redirect URI.
pub async fn register(
    http: &Http,
    meta: &AuthServerMetadata,
    redirect_uri: Option<&str>,
    client_credentials: bool,
    method: ClientAuth,
) -> Result<(Client, Attempt), OAuthError> {
    let endpoint = meta.registration_endpoint.as_deref().ok_or_else(|| {
        OAuthError::NoClient("the authorization server has no registration_endpoint".into())
    })?;
    let grant_types: &[&str] = if client_credentials {
        &["client_credentials"]
    } else {
        &["authorization_code", "refresh_token"]
    };
    let mut body = serde_json::json!({
        "client_name": "carto-mcp check",
        "grant_types": grant_types,
        "response_types": if client_credentials { vec![] } else { vec!["code"] },
        "token_endpoint_auth_method": method.as_str(),
        "application_type": "native",
    });
    if let Some(r) = redirect_uri {
        body["redirect_uris"] = serde_json::json!([r]);
    }
    let r = http
        .send(Retry::Once, |c| c.post(endpoint).json(&body))
        .await?;
    let attempt = Attempt {
        method: "POST",
        url: endpoint.to_string(),
        status: Some(r.status.as_u16()),
        note: None,
        duration_ms: ms(r.elapsed),
    };
    if !r.status.is_success() {
        let v: serde_json::Value = r.json().unwrap_or_default();
        let err = v["error"].as_str().unwrap_or("error");
        let desc = v["error_description"].as_str().unwrap_or("");
        return Err(OAuthError::Registration(format!(
            "{} {err} {desc}",
            r.status.as_u16()
        )));
    }
    let v: serde_json::Value = r
        .json()
        .map_err(|e| OAuthError::Registration(format!("the answer is not JSON: {e}")))?;
    let client_id = v["client_id"]
        .as_str()
        .ok_or_else(|| OAuthError::Registration("the answer has no client_id".into()))?
        .to_string();
    let secret = v["client_secret"]
        .as_str()
        .map(|s| SecretString::from(s.to_string()));
    // RFC 7591: the server may change the method; it is what we must use.
    let auth = v["token_endpoint_auth_method"]
        .as_str()
        .and_then(ClientAuth::parse)
        .unwrap_or(if secret.is_some() {
            ClientAuth::ClientSecretBasic
        } else {
            ClientAuth::None
        });
    Ok((
        Client {
            client_id,
            secret,
            private_key: None,
            auth,
            registration: Registration::Dynamic,
        },
        attempt,
    ))
}

/// A short description of a client for the report (never the secret).
pub fn describe(c: &Client) -> String {
    let how = match c.registration {
        Registration::PreRegistered => "pre-registered",
        Registration::MetadataDocument => "Client ID Metadata Document",
        Registration::Dynamic => "registered dynamically",
    };
    let secret = match &c.secret {
        Some(s) if !s.expose_secret().is_empty() => ", with a secret",
        _ => "",
    };
    format!(
        "client {} ({how}{secret}), token endpoint authentication {}",
        c.client_id,
        c.auth.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn auth_method_choice() {
        use ClientAuth as A;
        assert_eq!(
            choose_auth(None, false, true, false, None),
            A::ClientSecretBasic
        );
        assert_eq!(choose_auth(None, false, false, false, None), A::None);
        let post = v(&["client_secret_post"]);
        assert_eq!(
            choose_auth(None, false, true, false, Some(&post)),
            A::ClientSecretPost
        );
        let basic = v(&["client_secret_basic"]);
        // Claude sends post whatever the server says.
        assert_eq!(
            choose_auth(None, true, true, false, Some(&basic)),
            A::ClientSecretPost
        );
        assert_eq!(
            choose_auth(Some(A::ClientSecretBasic), true, true, false, Some(&post)),
            A::ClientSecretBasic
        );
        assert_eq!(choose_auth(None, false, true, true, None), A::PrivateKeyJwt);
    }

    #[test]
    fn dcr_asks_for_what_the_server_offers() {
        use ClientAuth as A;
        assert_eq!(dcr_method(None, Some(&v(&["none"]))), A::None);
        assert_eq!(
            dcr_method(None, Some(&v(&["client_secret_post"]))),
            A::ClientSecretPost
        );
        assert_eq!(
            dcr_method(None, Some(&v(&["none", "client_secret_basic"]))),
            A::ClientSecretBasic
        );
        assert_eq!(dcr_method(None, None), A::ClientSecretBasic);
    }
}
