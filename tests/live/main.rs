//! Tests against the real peers started by `tests/e2e/stack.sh` (an
//! oidc-provider authorization server, an MCP server on the official
//! TypeScript SDK, headless chromium). Built only with `--features e2e`;
//! `scripts/test` starts the stack and runs them.
