//! `private_key_jwt` client authentication (RFC 7523 §2.2, OpenID Connect
//! Core §9): the client proves who it is at the token endpoint with a short
//! JWT signed by its private key instead of a shared secret.
//!
//! The assertion carries `iss` = `sub` = the client ID, `aud` = the
//! authorization server's issuer identifier (RFC 7523bis: the issuer, not the
//! token endpoint URL), a random `jti`, `iat` and a five-minute `exp`.
//! Signing is `jsonwebtoken` on aws-lc-rs. Keys are PEM: PKCS#8
//! (`BEGIN PRIVATE KEY`, EC P-256/P-384 or RSA), SEC1 (`BEGIN EC PRIVATE
//! KEY`, what `openssl ecparam -genkey` writes) and PKCS#1 (`BEGIN RSA
//! PRIVATE KEY`). The algorithm follows from the key: ES256 for P-256, ES384
//! for P-384, RS256 for RSA.

use std::time::{SystemTime, UNIX_EPOCH};

use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED_SIGNING, EcdsaKeyPair,
    EcdsaSigningAlgorithm,
};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::Serialize;

use super::OAuthError;

/// The `client_assertion_type` that goes with the assertion in the token
/// request (RFC 7523 §2.2).
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// How long an assertion is valid. Short: it is used once, right away.
const LIFETIME_SECS: u64 = 300;

/// Signs a client assertion JWT for `client_id` (as `iss` and `sub`) with
/// `audience` (the authorization server's issuer) as `aud`, from a PEM
/// private key. Send it as `client_assertion` with `client_assertion_type` =
/// [`ASSERTION_TYPE`].
pub fn client_assertion(
    client_id: &str,
    audience: &str,
    key_pem: &str,
) -> Result<String, OAuthError> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    SigningKey::from_pem(key_pem)?.sign(client_id, audience, now)
}

/// A private key ready to sign assertions, with the JWS algorithm it implies.
pub struct SigningKey {
    alg: Algorithm,
    key: EncodingKey,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key material.
        f.debug_struct("SigningKey")
            .field("alg", &self.alg)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    jti: String,
    iat: u64,
    exp: u64,
}

impl SigningKey {
    /// Reads a PEM private key and works out its algorithm.
    pub fn from_pem(pem: &str) -> Result<Self, OAuthError> {
        let (label, der) = decode_pem(pem)?;
        match label.as_str() {
            "PRIVATE KEY" => {
                if let Some((alg, _)) = ec_curve(|a| EcdsaKeyPair::from_pkcs8(a, &der).is_ok()) {
                    return Ok(Self {
                        alg,
                        key: EncodingKey::from_ec_der(&der),
                    });
                }
                if aws_lc_rs::rsa::KeyPair::from_pkcs8(&der).is_ok() {
                    let key = EncodingKey::from_rsa_pem(pem.as_bytes()).map_err(bad_key)?;
                    return Ok(Self {
                        alg: Algorithm::RS256,
                        key,
                    });
                }
                Err(key_error(
                    "the PKCS#8 key is neither EC P-256/P-384 nor RSA".into(),
                ))
            }
            "EC PRIVATE KEY" => {
                // SEC1: jsonwebtoken only takes PKCS#8, so convert.
                let (alg, curve) =
                    ec_curve(|a| EcdsaKeyPair::from_private_key_der(a, &der).is_ok())
                        .ok_or_else(|| key_error("the EC key is not on P-256 or P-384".into()))?;
                let pkcs8 = EcdsaKeyPair::from_private_key_der(curve, &der)
                    .ok()
                    .and_then(|k| k.to_pkcs8v1().ok())
                    .ok_or_else(|| key_error("the EC key could not be converted".into()))?;
                Ok(Self {
                    alg,
                    key: EncodingKey::from_ec_der(pkcs8.as_ref()),
                })
            }
            "RSA PRIVATE KEY" => {
                let key = EncodingKey::from_rsa_pem(pem.as_bytes()).map_err(bad_key)?;
                Ok(Self {
                    alg: Algorithm::RS256,
                    key,
                })
            }
            "ENCRYPTED PRIVATE KEY" => Err(key_error(
                "the key is encrypted; decrypt it first (openssl pkey -in KEY -out KEY.pem)".into(),
            )),
            other => Err(key_error(format!(
                "a PEM '{other}' block is not a private key (expected BEGIN PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY)"
            ))),
        }
    }

    /// The JWS algorithm name (`ES256`, `ES384`, `RS256`), to compare with
    /// the server's `token_endpoint_auth_signing_alg_values_supported`.
    pub fn algorithm(&self) -> &'static str {
        match self.alg {
            Algorithm::ES256 => "ES256",
            Algorithm::ES384 => "ES384",
            _ => "RS256",
        }
    }

    /// Signs an assertion issued at `now` (seconds since the epoch).
    pub fn sign(&self, client_id: &str, audience: &str, now: u64) -> Result<String, OAuthError> {
        let claims = Claims {
            iss: client_id,
            sub: client_id,
            aud: audience,
            jti: random_id()?,
            iat: now,
            exp: now + LIFETIME_SECS,
        };
        jsonwebtoken::encode(&Header::new(self.alg), &claims, &self.key)
            .map_err(|e| key_error(format!("signing the client assertion failed: {e}")))
    }
}

/// Which ECDSA curve `accepts` the key, as (JWS algorithm, signing algorithm).
fn ec_curve(
    accepts: impl Fn(&'static EcdsaSigningAlgorithm) -> bool,
) -> Option<(Algorithm, &'static EcdsaSigningAlgorithm)> {
    [
        (Algorithm::ES256, &ECDSA_P256_SHA256_FIXED_SIGNING),
        (Algorithm::ES384, &ECDSA_P384_SHA384_FIXED_SIGNING),
    ]
    .into_iter()
    .find(|(_, a)| accepts(a))
}

/// The first PEM block's label and DER contents. By hand (a few lines):
/// jsonwebtoken's PEM reader neither takes SEC1 nor tells the curve, and
/// this one says what is wrong with a file (not PEM, encrypted, no END).
fn decode_pem(pem: &str) -> Result<(String, Vec<u8>), OAuthError> {
    let mut lines = pem
        .lines()
        .map(str::trim)
        .skip_while(|l| !l.starts_with("-----BEGIN "));
    let label = lines
        .next()
        .and_then(|l| l.strip_prefix("-----BEGIN "))
        .and_then(|l| l.strip_suffix("-----"))
        .ok_or_else(|| key_error("no '-----BEGIN …-----' line: the file is not PEM".into()))?
        .to_string();
    let end = format!("-----END {label}-----");
    let mut body = String::new();
    let mut ended = false;
    for l in lines {
        if l == end {
            ended = true;
            break;
        }
        if l.contains(':') {
            // RFC 1421 headers (Proc-Type, DEK-Info) mean an encrypted key.
            return Err(key_error(
                "the key is encrypted; decrypt it first (openssl pkey -in KEY -out KEY.pem)".into(),
            ));
        }
        body.push_str(l);
    }
    if !ended {
        return Err(key_error(format!("the '{label}' block has no END line")));
    }
    let der = STANDARD
        .decode(body.as_bytes())
        .map_err(|e| key_error(format!("the '{label}' block is not valid base64: {e}")))?;
    Ok((label, der))
}

fn random_id() -> Result<String, OAuthError> {
    let mut bytes = [0u8; 16];
    aws_lc_rs::rand::fill(&mut bytes)
        .map_err(|_| OAuthError::Other("no randomness available for the assertion's jti".into()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

fn bad_key(e: jsonwebtoken::errors::Error) -> OAuthError {
    key_error(format!("the private key was refused: {e}"))
}

fn key_error(detail: String) -> OAuthError {
    OAuthError::Other(format!("--private-key: {detail}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::encoding::{AsDer, EcPrivateKeyRfc5915Der, Pkcs8V1Der};
    use aws_lc_rs::signature::{self, KeyPair as _, UnparsedPublicKey};

    fn pem(label: &str, der: &[u8]) -> String {
        let b64 = STANDARD.encode(der);
        let mut out = format!("-----BEGIN {label}-----\n");
        for chunk in b64.as_bytes().chunks(64) {
            out.push_str(std::str::from_utf8(chunk).unwrap());
            out.push('\n');
        }
        out.push_str(&format!("-----END {label}-----\n"));
        out
    }

    /// A fresh EC key on `curve`, PKCS#8 DER.
    fn ec_pkcs8(curve: &'static EcdsaSigningAlgorithm) -> aws_lc_rs::pkcs8::Document {
        EcdsaKeyPair::generate_pkcs8(curve, &aws_lc_rs::rand::SystemRandom::new()).unwrap()
    }

    /// Splits a JWT, checks its signature with `verify` over the signing
    /// input (independently of jsonwebtoken), and returns header and claims.
    fn open(
        jwt: &str,
        verify: impl Fn(&[u8], &[u8]) -> bool,
    ) -> (serde_json::Value, serde_json::Value) {
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3, "a JWS compact serialization: {jwt}");
        let signing_input = format!("{}.{}", parts[0], parts[1]);
        let sig = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
        assert!(
            verify(signing_input.as_bytes(), &sig),
            "signature must verify"
        );
        let json = |p: &str| -> serde_json::Value {
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).unwrap()).unwrap()
        };
        (json(parts[0]), json(parts[1]))
    }

    #[test]
    fn es256_assertion_from_a_pkcs8_p256_key_verifies_with_the_public_key() {
        let pkcs8 = ec_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING);
        let pair =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).unwrap();
        let public = pair.public_key().as_ref().to_vec();
        let key_pem = pem("PRIVATE KEY", pkcs8.as_ref());

        let jwt =
            client_assertion("conformance-test-client", "http://localhost:4000", &key_pem).unwrap();

        let (header, claims) = open(&jwt, |msg, sig| {
            UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, &public)
                .verify(msg, sig)
                .is_ok()
        });
        assert_eq!(header["alg"], "ES256");
        assert_eq!(claims["iss"], "conformance-test-client");
        assert_eq!(claims["sub"], "conformance-test-client");
        assert_eq!(claims["aud"], "http://localhost:4000");
        let iat = claims["iat"].as_u64().unwrap();
        let exp = claims["exp"].as_u64().unwrap();
        assert!(
            exp > iat && exp - iat <= 300,
            "short-lived: iat {iat}, exp {exp}"
        );
        assert!(claims["jti"].as_str().is_some_and(|j| j.len() >= 16));
    }

    #[test]
    fn a_signature_from_another_key_does_not_verify() {
        let pkcs8 = ec_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING);
        let other = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).unwrap();
        let other_public = other.public_key().as_ref().to_vec();
        let jwt = client_assertion(
            "c",
            "https://as.example",
            &pem("PRIVATE KEY", pkcs8.as_ref()),
        )
        .unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        let sig = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
        let input = format!("{}.{}", parts[0], parts[1]);
        assert!(
            UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, &other_public)
                .verify(input.as_bytes(), &sig)
                .is_err()
        );
    }

    #[test]
    fn every_assertion_has_a_fresh_jti() {
        let pkcs8 = ec_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING);
        let key = SigningKey::from_pem(&pem("PRIVATE KEY", pkcs8.as_ref())).unwrap();
        let jti = |jwt: String| {
            let claims = jwt.split('.').nth(1).unwrap().to_string();
            let v: serde_json::Value =
                serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).unwrap()).unwrap();
            v["jti"].as_str().unwrap().to_string()
        };
        let a = jti(key.sign("c", "https://as.example", 1_700_000_000).unwrap());
        let b = jti(key.sign("c", "https://as.example", 1_700_000_000).unwrap());
        assert_ne!(a, b);
    }

    #[test]
    fn a_sec1_ec_key_is_accepted_too() {
        let pair = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).unwrap();
        let public = pair.public_key().as_ref().to_vec();
        let sec1 = AsDer::<EcPrivateKeyRfc5915Der>::as_der(&pair.private_key()).unwrap();
        let key = SigningKey::from_pem(&pem("EC PRIVATE KEY", sec1.as_ref())).unwrap();
        assert_eq!(key.algorithm(), "ES256");
        let jwt = key.sign("id", "https://as.example", 1_700_000_000).unwrap();
        open(&jwt, |msg, sig| {
            UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, &public)
                .verify(msg, sig)
                .is_ok()
        });
    }

    #[test]
    fn a_p384_key_signs_es384() {
        let pkcs8 = ec_pkcs8(&ECDSA_P384_SHA384_FIXED_SIGNING);
        let key = SigningKey::from_pem(&pem("PRIVATE KEY", pkcs8.as_ref())).unwrap();
        assert_eq!(key.algorithm(), "ES384");
    }

    #[test]
    fn rs256_assertion_from_an_rsa_key_verifies_with_the_public_key() {
        let pair = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
        let public = pair.public_key().as_ref().to_vec();
        let pkcs8 = AsDer::<Pkcs8V1Der>::as_der(&pair).unwrap();
        let key = SigningKey::from_pem(&pem("PRIVATE KEY", pkcs8.as_ref())).unwrap();
        assert_eq!(key.algorithm(), "RS256");
        let jwt = key
            .sign("id", "https://as.example/", 1_700_000_000)
            .unwrap();
        let (header, claims) = open(&jwt, |msg, sig| {
            UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, &public)
                .verify(msg, sig)
                .is_ok()
        });
        assert_eq!(header["alg"], "RS256");
        assert_eq!(claims["aud"], "https://as.example/");
    }

    #[test]
    fn unusable_keys_are_refused_with_a_reason() {
        let msg = client_assertion("c", "a", "hello").unwrap_err().to_string();
        assert!(msg.contains("not PEM"), "{msg}");

        let public = pem("PUBLIC KEY", b"\x30\x00");
        let msg = client_assertion("c", "a", &public).unwrap_err().to_string();
        assert!(msg.contains("not a private key"), "{msg}");

        let encrypted = pem("ENCRYPTED PRIVATE KEY", b"\x30\x00");
        let msg = client_assertion("c", "a", &encrypted)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("encrypted"), "{msg}");

        let garbage = pem("PRIVATE KEY", b"not a key at all");
        let msg = client_assertion("c", "a", &garbage)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("neither EC"), "{msg}");

        let truncated = "-----BEGIN PRIVATE KEY-----\nAAAA\n";
        let msg = client_assertion("c", "a", truncated)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("no END line"), "{msg}");
    }
}
