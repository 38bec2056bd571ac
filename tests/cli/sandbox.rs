//! Tests of `carto-mcp sandbox`.
