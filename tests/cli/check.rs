//! Tests of `carto-mcp check`.
