//! The MCP session over Streamable HTTP (initialize, tools/list, tools/call)
//! with timings. No terminal I/O here. (Stub: filled in by the `check` work.)
