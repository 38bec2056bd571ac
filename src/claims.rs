//! What a JWT access token says about itself, read WITHOUT verifying it
//! (for display and diagnosis only: who, which account, for which audience,
//! until when), and the unix-time helpers that go with it. One decoder for
//! `auth status`, the client commands and the `check` report.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use serde_json::Value;

/// CARTO's custom claim with the account id (`ac_…`).
pub const ACCOUNT_ID_CLAIM: &str = "http://app.carto.com/account_id";

/// The claims this tool shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Claims {
    pub subject: Option<String>,
    pub account_id: Option<String>,
    pub issuer: Option<String>,
    /// `aud`, always as a list.
    pub audience: Vec<String>,
    pub scope: Option<String>,
    pub expires_at: Option<i64>,
    pub issued_at: Option<i64>,
}

/// Decodes a JWT's payload without verifying it. `None` for anything that is
/// not a JWT (an opaque token).
pub fn decode(token: &str) -> Option<Claims> {
    let mut parts = token.split('.');
    let (_, payload, _) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let v: Value = serde_json::from_slice(&bytes).ok()?;
    let o = v.as_object()?;
    let s = |k: &str| o.get(k).and_then(Value::as_str).map(String::from);
    let audience = match o.get("aud") {
        Some(Value::String(a)) => vec![a.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    };
    Some(Claims {
        subject: s("sub"),
        account_id: s(ACCOUNT_ID_CLAIM),
        issuer: s("iss"),
        audience,
        scope: s("scope"),
        expires_at: o.get("exp").and_then(Value::as_i64),
        issued_at: o.get("iat").and_then(Value::as_i64),
    })
}

/// Now, in unix seconds.
pub fn now_unix() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Unix seconds as RFC 3339 (UTC).
pub fn format_unix(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| t.to_string())
}

/// An unsigned JWT with these claims, for tests that need a token whose
/// claims say something.
#[cfg(test)]
pub(crate) fn unsigned_jwt(claims: Value) -> String {
    let e = |v: &[u8]| URL_SAFE_NO_PAD.encode(v);
    format!(
        "{}.{}.{}",
        e(br#"{"alg":"RS256","typ":"JWT"}"#),
        e(claims.to_string().as_bytes()),
        e(b"sig")
    )
}

#[cfg(test)]
mod tests {
    use super::unsigned_jwt as jwt;
    use super::*;

    #[test]
    fn claims_are_read_without_verification() {
        let t = jwt(serde_json::json!({
            "sub": "auth0|abc", "exp": 2000000000, "aud": ["carto-cloud-native-api", "x"],
            "http://app.carto.com/account_id": "ac_12345678", "iss": "https://auth.carto.com/",
            "scope": "read:x"
        }));
        let c = decode(&t).unwrap();
        assert_eq!(c.subject.as_deref(), Some("auth0|abc"));
        assert_eq!(c.account_id.as_deref(), Some("ac_12345678"));
        assert_eq!(c.expires_at, Some(2000000000));
        assert_eq!(c.audience, ["carto-cloud-native-api", "x"]);
        assert_eq!(c.scope.as_deref(), Some("read:x"));
        let single = decode(&jwt(serde_json::json!({"aud": "one"}))).unwrap();
        assert_eq!(single.audience, ["one"]);
        assert_eq!(decode("opaque-token"), None);
        assert_eq!(decode("a.b.c"), None);
    }

    #[test]
    fn unix_times_format_as_rfc3339() {
        assert_eq!(format_unix(0), "1970-01-01T00:00:00Z");
    }
}
