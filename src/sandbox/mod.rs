//! The local CARTO-like servers: the Developers API (contract v0), an
//! authorization server like CARTO's Auth0 tenant, and an MCP server.
//! (Stub: filled in by the sandbox work.)
