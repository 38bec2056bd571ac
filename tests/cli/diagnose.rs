//! Tests of `carto-mcp diagnose`.
