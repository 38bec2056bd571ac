//! Whole-binary tests: the real `carto-mcp` run with assert_cmd in a hermetic
//! HOME, against in-process fakes of the CARTO Developers API. One test
//! binary, one module per command.

mod common;

mod auth;
mod check;
mod client;
mod completions;
mod conformance;
mod demo;
mod diagnose;
mod platforms;
mod sandbox;
