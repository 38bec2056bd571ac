//! Tests against the real peers started by `tests/e2e/stack.sh` (an
//! oidc-provider authorization server, an MCP server on the official
//! TypeScript SDK, headless chromium). Built only with `--features e2e`;
//! `scripts/test` starts the stack and runs them.
//!
//! They read the stack's `E2E_*` variables (`source tests/e2e/.state/env`)
//! and fail with a clear message when those are missing.

#[path = "../cli/common.rs"]
mod common;

mod auth_login;
mod check;
mod diagnose;
mod fake_api;
mod stack;
