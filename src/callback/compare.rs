//! The exact-match comparator: given the redirect URI that was sent and the
//! callbacks that are registered, name every difference the way Auth0 sees
//! it. One comparator serves `client`, `check` and `diagnose`.
//!
//! (Filled in by the `diagnose` work; `check` and `client` call into it.)
