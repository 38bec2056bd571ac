//! Tests of `carto-mcp client`.
